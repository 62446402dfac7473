; jump.asm: a kernel setjmp/longjmp pair for struct jump_buffer (kernel/x86/trap.h).
; trap_catch uses it to resume after an expected kernel-mode fault.

global jump_save
global jump_restore

JB_EBX	 equ 0
JB_ESI	 equ 4
JB_EDI	 equ 8
JB_EBP	 equ 12
JB_ESP	 equ 16
JB_EIP	 equ 20
JB_EFLAGS equ 24

section .text

; int jump_save(struct jump_buffer *b): 0 now, the value given to
; jump_restore when control comes back.
jump_save:
	mov	eax, [esp + 4]
	mov	[eax + JB_EBX], ebx
	mov	[eax + JB_ESI], esi
	mov	[eax + JB_EDI], edi
	mov	[eax + JB_EBP], ebp
	lea	ecx, [esp + 4]		; esp as the caller sees it after ret
	mov	[eax + JB_ESP], ecx
	mov	ecx, [esp]
	mov	[eax + JB_EIP], ecx
	pushfd
	pop	dword [eax + JB_EFLAGS]
	xor	eax, eax
	ret

; void jump_restore(const struct jump_buffer *b, int value)
jump_restore:
	mov	edx, [esp + 4]
	mov	eax, [esp + 8]
	mov	ebx, [edx + JB_EBX]
	mov	esi, [edx + JB_ESI]
	mov	edi, [edx + JB_EDI]
	mov	ebp, [edx + JB_EBP]
	mov	esp, [edx + JB_ESP]
	push	dword [edx + JB_EFLAGS]
	popfd
	jmp	[edx + JB_EIP]
