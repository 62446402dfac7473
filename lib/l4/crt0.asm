; crt0.asm: entry of L4-native programs. A boot task starts with esp at
; argc, followed by argv[] (see kernel/boot_tasks.h); other threads start
; wherever their creator points them.

global _start
extern main
extern l4_exit

section .text
_start:
	xor	ebp, ebp		; backtraces end here
	mov	eax, [esp]		; argc
	lea	edx, [esp + 4]		; argv
	and	esp, ~15
	push	edx
	push	eax
	call	main
	push	eax
	call	l4_exit
