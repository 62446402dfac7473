; multiboot.asm: the Multiboot (v1) header and the first instructions.
;
; The loader enters _start in 32-bit protected mode, paging off, with
; eax = 0x2BADB002 and ebx = physical address of the multiboot info. The
; kernel is linked at PHYSMAP_BASE + its load address, so until paging is on
; every symbol is used at (symbol - PHYSMAP_BASE). We map the first
; BOOT_MAP_SIZE bytes both 1:1 (for the next few instructions) and at
; PHYSMAP_BASE, switch paging on, and call kernel_main(magic, info) high.

%include "layout.inc"

MULTIBOOT_MAGIC		equ 0x1BADB002
MULTIBOOT_PAGE_ALIGN	equ 1 << 0	; modules start on page boundaries
MULTIBOOT_MEMORY_INFO	equ 1 << 1	; we want mem_* and the memory map
MULTIBOOT_FLAGS		equ MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO

PTE_PRESENT	equ 1
PTE_WRITE	equ 2
CR0_WP		equ 1 << 16		; kernel writes honour read-only pages
CR0_PG		equ 1 << 31
BOOT_TABLES	equ BOOT_MAP_SIZE / SUPERPAGE_SIZE

%define PHYS(symbol) ((symbol) - PHYSMAP_BASE)

extern kernel_main
global _start
global boot_stack
global boot_stack_top

section .multiboot progbits alloc noexec nowrite align=4
	dd	MULTIBOOT_MAGIC
	dd	MULTIBOOT_FLAGS
	dd	-(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

section .boot.text progbits alloc exec nowrite align=16
bits 32
_start:
	cli
	cld
	mov	esp, PHYS(boot_stack_top)
	push	ebx			; kernel_main's second argument: info
	push	eax			; first: magic

	mov	edi, PHYS(boot_page_directory)
	xor	eax, eax
	mov	ecx, 1024
	rep stosd

	mov	edi, PHYS(boot_page_tables)	; pte[i] = i * 4 KB
	mov	eax, PTE_PRESENT | PTE_WRITE
	mov	ecx, BOOT_TABLES * 1024
.fill_pte:
	stosd
	add	eax, PAGE_SIZE
	loop	.fill_pte

	mov	edi, PHYS(boot_page_directory)
	mov	eax, PHYS(boot_page_tables) + PTE_PRESENT + PTE_WRITE
	xor	ebx, ebx
.fill_pde:
	mov	[edi + ebx * 4], eax				; 1:1
	mov	[edi + ebx * 4 + (PHYSMAP_BASE >> 22) * 4], eax	; high
	add	eax, PAGE_SIZE
	inc	ebx
	cmp	ebx, BOOT_TABLES
	jb	.fill_pde

	mov	eax, PHYS(boot_page_directory)
	mov	cr3, eax
	mov	eax, cr0
	or	eax, CR0_PG | CR0_WP
	mov	cr0, eax
	add	esp, PHYSMAP_BASE
	mov	eax, boot_high
	jmp	eax

section .text
boot_high:
	xor	ebp, ebp		; backtraces end here
	call	kernel_main
.stop:	cli
	hlt
	jmp	.stop

section .bss nobits alloc noexec write align=4096
boot_page_directory:	resb PAGE_SIZE
boot_page_tables:	resb BOOT_TABLES * PAGE_SIZE
boot_stack:		resb BOOT_STACK_SIZE
boot_stack_top:
