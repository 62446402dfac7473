; switch.asm: switching kernel stacks between threads.
;
; void context_switch(uint32_t *save_sp, uint32_t load_sp)
; Saves the callee-saved registers on the current stack, stores esp in
; *save_sp, loads load_sp and pops the next thread's registers. A new
; thread's stack is prepared by thread.c to "return" into trap_return with
; its user frame above (struct switch_frame in kernel/sched.h).

global context_switch

section .text
context_switch:
	mov	eax, [esp + 4]
	mov	edx, [esp + 8]
	push	ebp
	push	ebx
	push	esi
	push	edi
	mov	[eax], esp
	mov	esp, edx
	pop	edi
	pop	esi
	pop	ebx
	pop	ebp
	ret
