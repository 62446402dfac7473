; entry.asm: every interrupt and exception enters the kernel here.
;
; Each vector has a stub that makes the stack uniform (an error code, real or
; a pushed 0, then the vector number) and jumps to trap_common, which saves
; the rest of struct trap_frame (kernel/x86/frame.h) and calls
; trap_dispatch(frame). The frame is popped in reverse on the way out.

%include "frame.inc"
%include "gdt.inc"

extern trap_dispatch
extern double_fault_report
global trap_stubs
global trap_return
global trap_return_pops
global trap_return_pops_end
global double_fault_entry
global trap_common

section .text

; Vectors for which the CPU pushes an error code itself.
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21)

%assign vector 0
%rep 256
trap_stub_ %+ vector:
%if HAS_ERROR(vector) == 0
	push	dword 0			; no error code: keep the frame uniform
%endif
	push	dword vector
	jmp	trap_common
%assign vector vector + 1
%endrep

trap_common:
	pushad				; eax..edi (FRAME_EDI .. FRAME_EAX)
	push	ds
	push	es
	push	fs
	push	gs			; now esp points at a struct trap_frame
	mov	ax, KERNEL_DS
	mov	ds, ax
	mov	es, ax
	cld				; the C ABI assumes DF=0
	push	esp
	call	trap_dispatch
	add	esp, 4
trap_return:
trap_return_pops:			; a bad selector faults here: trap.c nulls it
	pop	gs
	pop	fs
	pop	es
	pop	ds
trap_return_pops_end:
	popad
	add	esp, FRAME_EIP - FRAME_VECTOR	; drop vector and error code
	iretd

; The #DF task gate lands here on its own stack; it never returns.
double_fault_entry:
	xor	ebp, ebp
	call	double_fault_report
.stop:	hlt
	jmp	.stop

section .rodata
align 4
; Stub addresses by vector, read by idt_init().
trap_stubs:
%assign vector 0
%rep 256
	dd	trap_stub_ %+ vector
%assign vector vector + 1
%endrep
