; reflect_fast.asm: `int $0x80` from user mode, reflected to the thread's
; exception handler without the general trap path in C.
;
; lib/ABI.md says what any `int N` that is not a system call does: #GP with
; error N * 8 + 2, reflected to the handler (exception.c). Vector 0x80 is
; opened to user mode with this entry, which gives exactly that result when
; it is simple: a large space, a handler inside it, no reschedule pending,
; and a user stack whose frame pages are present, user and writable in the
; loaded directory. It writes the six words (vector, error, fault address,
; the eip of the int instruction, cs, eflags) below the user esp and returns
; to the handler. Anything else becomes the #GP frame trap_common expects,
; and the C path decides (it may ask the pager for the stack page, or stop
; the thread). Linux processes enter the trampoline this way for every
; `int $0x80` system call.
;
; All memory operands use ss (the kernel's flat data segment): ds and es are
; still the user's, and every return to user mode reloads them (ABI.md).

%include "layout.inc"
%include "gdt.inc"
%include "tcb_layout.inc"
%include "counters.inc"

extern current
extern need_resched
extern space_loaded_directory
extern counters
extern trap_common
global reflect_int80_entry

%define VECTOR_GP	13
%define ERROR_INT80	(0x80 * 8 + 2)
%define EFLAGS_TF	0x100
%define PTE_USER_RW	7		; present, writable, user
%define PTE_LARGE	0x80
%define REFLECT_BYTES	24

; Iret frame offsets once eax, ecx, edx and ebx are pushed.
%define SAVED		16
%define IRET_EIP	(SAVED + 0)
%define IRET_CS		(SAVED + 4)
%define IRET_EFLAGS	(SAVED + 8)
%define IRET_ESP	(SAVED + 12)

; user_page_writable: eax a user address; jumps to .slow unless its page is
; present, writable and user in the loaded directory. Clobbers ebx, ecx.
%macro user_page_writable 0
	mov	ecx, [ss:space_loaded_directory]
	mov	ebx, eax
	shr	ebx, 22
	mov	ecx, [ss:ecx + ebx * 4 + PHYSMAP_BASE]	; the directory entry
	mov	ebx, ecx
	and	ebx, PTE_USER_RW
	cmp	ebx, PTE_USER_RW
	jne	.slow
	test	ecx, PTE_LARGE
	jnz	%%done
	and	ecx, ~0xfff
	mov	ebx, eax
	shr	ebx, 12
	and	ebx, 0x3ff
	mov	ecx, [ss:ecx + ebx * 4 + PHYSMAP_BASE]	; the table entry
	and	ecx, PTE_USER_RW
	cmp	ecx, PTE_USER_RW
	jne	.slow
%%done:
%endmacro

section .text
reflect_int80_entry:
	push	eax
	push	ecx
	push	edx
	push	ebx
	mov	edx, [ss:current]
	cmp	byte [ss:edx + TCB_LARGE], 0
	je	.slow
	mov	edx, [ss:edx + TCB_EXCEPTION_HANDLER]
	test	edx, edx
	jz	.slow
	cmp	edx, USER_SPACE_END
	jae	.slow
	cmp	byte [ss:need_resched], 0
	jne	.slow
	mov	eax, [esp + IRET_ESP]
	cmp	eax, USER_SPACE_END
	ja	.slow
	sub	eax, REFLECT_BYTES
	jb	.slow				; below 0
	user_page_writable			; the frame's first page ...
	add	eax, REFLECT_BYTES - 1
	user_page_writable			; ... and its last
	sub	eax, REFLECT_BYTES - 1
	; the frame: vector, error, fault address, eip, cs, eflags
	mov	dword [ss:eax], VECTOR_GP
	mov	dword [ss:eax + 4], ERROR_INT80
	mov	dword [ss:eax + 8], 0
	mov	ecx, [esp + IRET_EIP]
	sub	ecx, 2				; the int instruction, as #GP reports it
	mov	[ss:eax + 12], ecx
	mov	ecx, [esp + IRET_CS]
	mov	[ss:eax + 16], ecx
	mov	ecx, [esp + IRET_EFLAGS]
	mov	[ss:eax + 20], ecx
	; return to the handler on the new user esp, not single-stepping
	mov	[esp + IRET_ESP], eax
	mov	[esp + IRET_EIP], edx
	and	dword [esp + IRET_EFLAGS], ~EFLAGS_TF
	inc	dword [ss:counters + COUNTER_KERNEL_ENTRIES]
	mov	eax, USER_DS
	mov	ds, eax
	mov	es, eax
	pop	ebx
	pop	edx
	pop	ecx
	pop	eax
	iretd

; The general path: the frame of #GP from the int instruction.
.slow:
	pop	ebx
	pop	edx
	pop	ecx
	pop	eax
	sub	dword [esp], 2			; eip of the int instruction
	push	dword ERROR_INT80
	push	dword VECTOR_GP
	jmp	trap_common
