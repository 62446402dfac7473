; emul.asm: the emulation library's entries and the trampoline, mapped
; read-only at LINUX_EMUL_BASE into every Linux process (one copy shared by
; all). The server starts each process at LINUX_EMUL_START, a fork child at
; LINUX_EMUL_FORK_CHILD, passes LINUX_EMUL_SYSINFO as AT_SYSINFO, and this
; code turns a Linux system call into one short IPC to the server
; (protocol: lib/include/tessera/linux_server.h, lib/LINUX.md). Signal
; frames are built in C (signal.c), from the program's registers this code
; gathers into a struct emul_regs.
;
; Linked with signal.c by emul.ld.S (this section first); it has no data of
; its own: what it needs per process is in the read-only info page.

%include "linux_server.inc"
%include "syscalls.inc"
%include "types.inc"

%define LX_EINTR 4
%define LX_ERESTARTSYS 512		; the server's: make the call again after the handler
%define EXREGS_KEEP 0xffffffff
%define NR_SIGRETURN 119
%define NR_RT_SIGRETURN 173
%define VECTOR_MF 16			; x87 error
%define X87_EXCEPTIONS 0x3f		; invalid, denormal, zero divide, overflow, underflow, precision

extern emul_signal			; signal.c
extern emul_sigreturn
global emul_resume
global emul_call

; server_ipc: the call to the server with the words in edx, ebx, edi
; already: timeouts never, registers only both ways.
%macro server_ipc 0
	mov	esi, [LINUX_INFO_PAGE + LINUX_INFO_SERVER]
	xor	ecx, ecx
	xor	ebp, ebp
	xor	eax, eax
	int	L4_VECTOR_IPC
%endmacro

bits 32
section .text.entry progbits alloc exec nowrite align=16

; ---- LINUX_EMUL_START: a process's first instruction --------------------
; The thread's exception handler becomes the trampoline, then the program
; starts at its ELF entry with the registers Linux gives (all zero but esp).
start:
	jmp	process_start
	times (LINUX_EMUL_FORK_CHILD - LINUX_EMUL_BASE) - ($ - $$) db 0xcc

; ---- LINUX_EMUL_FORK_CHILD: a fork child's first instruction -------------
; Its stack is a copy of the parent's at the call: the registers sysinfo
; pushed, then its return address. The child's thread is new, so the
; trampoline and the TLS descriptors (from the info page) are installed
; first; then fork returns 0.
fork_entry:
	jmp	fork_child
	times (LINUX_EMUL_FORK_CHILD_FPU - LINUX_EMUL_BASE) - ($ - $$) db 0xcc

; ---- LINUX_EMUL_FORK_CHILD_FPU: the same with the parent's FPU state ------
; fork's child (not vfork's): the state the parent stored before the call
; (LINUX_REPLY_SAVE_FPU) lies just below esp in the copy of its stack.
fork_fpu_entry:
	jmp	fork_child_fpu

	times (LINUX_EMUL_SYSINFO - LINUX_EMUL_BASE) - ($ - $$) db 0xcc

; ---- LINUX_EMUL_SYSINFO: __kernel_vsyscall --------------------------------
; In: the registers of int $0x80 (eax number, ebx ecx edx esi edi ebp the
; arguments). Out: eax the result; every other register preserved.
sysinfo:
	push	ebp				; the argument block, from the top:
	push	edi				; ebp, edi, esi, edx, ecx
	push	esi
	push	edx
	push	ecx
	push	ebx
	cmp	eax, LINUX_REQ_ARG_MASK
	jae	.huge
	lea	edx, [eax + LINUX_REQ_SYSCALL]	; w0: the request
.send:
	lea	edi, [esp + 4]			; w2: the block; w1 is ebx already
	server_ipc				; timeouts never, registers only
.answer:
	test	al, L4_DOPE_ERROR_MASK
	jnz	.failed
	mov	eax, edx			; the result
	test	ebx, ebx			; reply flags
	jnz	.flags
.out:
	pop	ebx
	pop	ecx
	pop	edx
	pop	esi
	pop	edi
	pop	ebp
	ret
.huge:						; no such number: the server logs it
	mov	ebx, eax			; w1: the number
	mov	edx, LINUX_REQ_SYSCALL | LINUX_REQ_ARG_MASK
	jmp	.send
.failed:					; the server is gone or cancelled us
	mov	eax, -LX_EINTR
	jmp	.out
.flags:
	test	ebx, LINUX_REPLY_SAVE_FPU
	jnz	.save_fpu
	test	ebx, LINUX_REPLY_THREAD
	jnz	.thread
	test	ebx, LINUX_REPLY_TLS
	jz	.signal
	; set_thread_area succeeded: the server checked the descriptor and
	; sends the slot and presence in w1 bits 8..15 and 16, the byte limit
	; in w2; the base is the descriptor's, at the caller's ebx.
	push	eax
	mov	ecx, edi			; limit
	mov	edx, ebx
	shr	edx, 16
	and	edx, 1				; install or clear
	movzx	eax, bh				; slot
	mov	ebx, [esp + 4]			; the caller's ebx: struct user_desc *
	mov	ebx, [ebx + 4]			; base_addr
	int	L4_VECTOR_SEGMENT_SET
	pop	eax
	jmp	.out
.thread:
	; clone made a thread: w1 bits 8..15 its lthread, w2 its stack, set up
	; for thread_start. It is created (or a finished one's lthread started
	; again) with our pager, the server, and the trampoline as its handler.
	push	eax				; the thread's id: clone's result
	push	ebx
	mov	[edi + (LINUX_THREAD_START_WORDS - 1) * 4], gs	; it starts with ours
	fnsave	[edi - LINUX_FPU_STATE_SIZE]	; and with our FPU state, below
	frstor	[edi - LINUX_FPU_STATE_SIZE]	; its stack (fnsave reset ours)
	movzx	eax, bh
	mov	ecx, edi
	mov	edx, thread_start
	mov	esi, EXREGS_KEEP
	mov	edi, trampoline
	int	L4_VECTOR_LTHREAD_EX_REGS
	pop	ebx
	pop	eax
	test	ebx, LINUX_REPLY_SIGNAL
	jz	.out
.signal:					; LINUX_REPLY_SIGNAL: one is pending
	cmp	eax, -LX_ERESTARTSYS
	je	.restart
	cmp	dword [esp + 24], ..@int80_return
	je	signal_after_int80
	pop	ebx				; the program's registers again
	pop	ecx
	pop	edx
	pop	esi
	pop	edi
	pop	ebp				; [esp]: where the call returns
	push	eax
	lea	eax, [esp + 8]			; the program's esp after the return
	push	eax
	pushfd
	push	dword [esp + 12]		; eip
	mov	eax, [esp + 12]			; the result
	jmp	signal_common

; fork wants our FPU state first (LINUX_REPLY_SAVE_FPU): it goes below the
; saved registers, where the child's copy of the stack has it too, and the
; request in w0 (eax) is made again.
.save_fpu:
	sub	esp, LINUX_FPU_STATE_SIZE
	fnsave	[esp]
	frstor	[esp]				; fnsave reset ours
	mov	edx, eax			; w0: the request, LINUX_REQ_FPU_SAVED
	mov	ebx, [esp + LINUX_FPU_STATE_SIZE]	; w1: the caller's ebx
	lea	edi, [esp + LINUX_FPU_STATE_SIZE + 4]	; w2: the block
	server_ipc
	lea	esp, [esp + LINUX_FPU_STATE_SIZE]
	jmp	.answer

; A call a signal interrupted, to be made again once its handler ran
; (SA_RESTART): the server sent its number in w2 (edi). The context to
; resume is the call itself: sysinfo's entry with the caller's return
; address on the stack, or the int instruction.
sysinfo.restart:
	mov	eax, edi			; the call's number
	cmp	dword [esp + 24], ..@int80_return
	je	.int80
	pop	ebx
	pop	ecx
	pop	edx
	pop	esi
	pop	edi
	pop	ebp				; [esp]: the caller's return address
	push	eax
	lea	eax, [esp + 4]			; esp as sysinfo found it
	push	eax
	pushfd
	push	dword LINUX_EMUL_SYSINFO
	mov	eax, [esp + 12]
	jmp	signal_common
.int80:
	sub	dword [esp + 40], 2		; the kernel frame's eip: the int itself,
	jmp	signal_after_int80		; once signal_after_int80 steps over it

; After int $0x80 through the trampoline: the kernel's frame (vector,
; error, address, eip of the int, cs, eflags) is above int80_call's return.
signal_after_int80:
	pop	ebx
	pop	ecx
	pop	edx
	pop	esi
	pop	edi
	pop	ebp				; [esp] ..@int80_return, [esp+4] vector ... [esp+16] eip, [esp+24] eflags
	push	eax				; [esp+20] eip, [esp+28] eflags
	lea	eax, [esp + 32]			; the program's esp at the int
	push	eax				; [esp+24] eip, [esp+32] eflags
	push	dword [esp + 32]		; eflags; [esp+28] eip
	mov	eax, [esp + 28]
	add	eax, 2				; after the int
	push	eax
	mov	eax, [esp + 12]			; the result
	jmp	signal_common

; signal_common: [esp] eip, [esp+4] eflags, [esp+8] esp of the program;
; every other register is the program's. Completes struct emul_regs and
; lets signal.c deliver (it never comes back here).
signal_common:
	pushad
	push	ds
	push	es
	push	fs
	push	gs
	push	esp
	call	emul_signal

; ---- the trampoline: every exception of a process's thread -----------------
; The kernel pushed vector, error code, fault address and an iret frame on
; the user stack. int $0x80 is #GP with error 0x402: run it as a system
; call, step over the two-byte instruction and return; sigreturn and
; rt_sigreturn are the emulation library's own (signal.c). Anything else
; goes to the server, which answers with a signal to deliver or ends the
; process.
trampoline:
	cmp	dword [esp], 13
	jne	.other
	cmp	dword [esp + 4], 0x402
	jne	.other
	cmp	eax, NR_SIGRETURN
	je	.sigreturn
	cmp	eax, NR_RT_SIGRETURN
	je	.sigreturn
	call	int80_call
..@int80_return:
	add	dword [esp + 12], 2
	add	esp, 12
	iret
.sigreturn:
	lea	ecx, [esp + 24]			; the program's esp at the int
	push	ecx
	push	eax
	call	emul_sigreturn			; never returns
.other:
	pushad
	mov	edx, [esp + 32]
	mov	ebx, [esp + 36]			; w1: error code
	cmp	edx, VECTOR_MF
	je	.x87
.report:
	or	edx, LINUX_REQ_EXCEPTION	; w0: exception and vector
	lea	edi, [esp + 32]			; w2: the frame
	server_ipc
	test	al, L4_DOPE_ERROR_MASK
	jnz	.retry
	test	ebx, LINUX_REPLY_SIGNAL
	jnz	.signal
.retry:
	popad
	add	esp, 12
	iret
.x87:						; w1: the unmasked exceptions raised
	sub	esp, 4				; (status & ~control), which only
	fnstcw	[esp]				; this thread can read
	fnstsw	[esp + 2]
	movzx	ebx, word [esp]
	not	ebx
	and	bx, [esp + 2]
	and	ebx, X87_EXCEPTIONS
	add	esp, 4
	jmp	.report
.signal:					; the fault becomes a signal
	popad					; [esp] vector, [esp+12] eip, [esp+20] eflags
	push	eax				; [esp+16] eip, [esp+24] eflags
	lea	eax, [esp + 28]			; the program's esp at the fault
	push	eax				; [esp+20] eip, [esp+28] eflags
	push	dword [esp + 28]		; eflags; [esp+24] eip
	push	dword [esp + 24]		; eip (of the faulting instruction)
	mov	eax, [esp + 12]
	jmp	signal_common

; sysinfo for the trampoline: the request says how the call came.
int80_call:
	push	ebp
	push	edi
	push	esi
	push	edx
	push	ecx
	push	ebx
	cmp	eax, LINUX_REQ_ARG_MASK
	jae	sysinfo.huge
	lea	edx, [eax + LINUX_REQ_SYSCALL_INT80]
	jmp	sysinfo.send

fork_child_fpu:
	frstor	[esp - LINUX_FPU_STATE_SIZE]
fork_child:
	call	set_handler
	xor	eax, eax			; lthread 0's signal thread
	call	start_signal_thread
	mov	esi, LINUX_INFO_PAGE + LINUX_INFO_TLS
	call	install_tls
	xor	eax, eax			; fork's result in the child
	jmp	sysinfo.out

; A new thread of the process (clone's LINUX_REPLY_THREAD): its stack holds
; its lthread, its TLS descriptors and gs (LINUX_THREAD_START_WORDS), then
; the call frame of the clone it returns 0 from.
thread_start:
	frstor	[esp - LINUX_FPU_STATE_SIZE]	; its creator's FPU state
	pop	eax
	call	start_signal_thread
	mov	esi, esp
	call	install_tls
	add	esp, (LINUX_THREAD_START_WORDS - 1) * 4
	xor	eax, eax
	jmp	sysinfo.out

; install_tls: the calling thread's three TLS descriptors and gs from the
; ten words at esi (3 x base, limit, present; gs), as the server keeps
; them from set_thread_area. An absent one is cleared: a thread that ended
; may have left its lthread some.
install_tls:
	xor	edi, edi			; the slot
.slot:
	mov	eax, edi
	mov	ebx, [esi]
	mov	ecx, [esi + 4]
	mov	edx, [esi + 8]
	int	L4_VECTOR_SEGMENT_SET
	add	esi, 12
	inc	edi
	cmp	edi, 3
	jb	.slot
	mov	eax, [esi]
	mov	gs, eax
	ret

; ---- the signal threads (lthread 2n + 1 for thread n) --------------------------
; The paper's way to reach a thread that runs: it waits for a word from the
; server (which sends one when a signal is due and the thread is in no
; call), then moves its program thread to async_entry with lthread_ex_regs
; and leaves in its slot of the signal page where that was. It never moves
; it out of the emulation library (a call there would be cut short): it
; looks first (an lthread_ex_regs that changes nothing) and, with an eip
; there, looks again a millisecond later while the server's DUE byte says
; the signal is still due (the thread's next request clears it: the answer
; carries the signal). Its priority is above the program thread's (the
; server sets it), so that cannot run between the look and the move. It
; keeps its slot pointer in esp and uses no stack.
SIGNAL_RETRY_TIMEOUT equ (250 << 16) | 14	; receive: 250 * 4^(15-14) us = 1 ms

; start_signal_thread: eax the calling thread's lthread (even).
start_signal_thread:
	mov	ecx, eax
	shl	ecx, 5				; (lthread / 2) * LINUX_SIGNAL_SLOT
	add	ecx, LINUX_SIGNAL_PAGE + LINUX_SIGNAL_SCRATCH
	mov	[ecx + LINUX_SIGNAL_LTHREAD], eax	; (also makes the page present)
	mov	dword [ecx + LINUX_SIGNAL_READY], 0
	inc	eax
	mov	edx, signal_thread
	mov	esi, EXREGS_KEEP		; the server pages it too
	xor	edi, edi			; no exception handler
	int	L4_VECTOR_LTHREAD_EX_REGS
	ret

signal_thread:
	xor	ecx, ecx			; timeouts: never
.receive:
	mov	esi, [LINUX_INFO_PAGE + LINUX_INFO_SERVER]
	mov	eax, L4_IPC_NIL_DESCRIPTOR	; receive only, from the server
	xor	ebp, ebp
	int	L4_VECTOR_IPC
	test	al, L4_DOPE_ERROR_MASK
	jz	.look				; a signal (again)
	and	eax, L4_DOPE_ERROR_MASK
	cmp	eax, L4_IPC_RETIMEOUT
	jne	signal_thread
	cmp	byte [esp + LINUX_SIGNAL_DUE], 0	; a look again: still due?
	je	signal_thread			; no: a request took it
.look:
	mov	eax, [esp + LINUX_SIGNAL_LTHREAD]	; where is the thread?
	mov	ecx, EXREGS_KEEP
	mov	edx, EXREGS_KEEP
	mov	esi, EXREGS_KEEP
	mov	edi, EXREGS_KEEP
	int	L4_VECTOR_LTHREAD_EX_REGS
	cmp	eax, 0xffffffff			; refused: no such thread
	je	signal_thread
	cmp	edx, LINUX_EMUL_BASE
	jb	.move
	cmp	edx, LINUX_EMUL_BASE + LINUX_EMUL_CODE_MAX
	jb	.later				; in the emulation library
.move:
	mov	eax, [esp + LINUX_SIGNAL_LTHREAD]	; to async_entry, on the slot
	mov	ecx, esp
	mov	edx, async_entry
	mov	esi, EXREGS_KEEP
	mov	edi, EXREGS_KEEP
	int	L4_VECTOR_LTHREAD_EX_REGS
	mov	[esp + LINUX_SIGNAL_EIP], edx
	mov	[esp + LINUX_SIGNAL_EFLAGS], eax
	mov	[esp + LINUX_SIGNAL_ESP], ecx
	mov	dword [esp + LINUX_SIGNAL_READY], 1
	jmp	signal_thread
.later:
	mov	ecx, SIGNAL_RETRY_TIMEOUT
	jmp	.receive

; Where the signal thread sends its program thread, with esp at the slot
; pointer and every other register the program's; the eip, eflags and esp
; it took are in the slot once READY (the signal thread, which runs first,
; has left them; should it not have, it gets the processor). They make the
; frame signal_common takes, on the program's stack; emul_signal asks the
; server for the signal, and resumes the program if there is none any more.
async_entry:
.wait:
	cmp	dword [esp + LINUX_SIGNAL_READY], 0
	jne	.ready
	pushad					; (the slot's scratch)
	xor	esi, esi
	int	L4_VECTOR_THREAD_SWITCH
	popad
	jmp	.wait
.ready:
	mov	dword [esp + LINUX_SIGNAL_READY], 0
	xchg	eax, [esp + LINUX_SIGNAL_ESP]	; eax: the program's esp; eax kept
	sub	eax, 12
	push	ebx
	mov	ebx, [esp + 4 + LINUX_SIGNAL_EIP]
	mov	[eax], ebx
	mov	ebx, [esp + 4 + LINUX_SIGNAL_EFLAGS]
	mov	[eax + 4], ebx
	lea	ebx, [eax + 12]
	mov	[eax + 8], ebx
	pop	ebx
	xchg	eax, [esp + LINUX_SIGNAL_ESP]	; the program's eax again
	mov	esp, [esp + LINUX_SIGNAL_ESP]
	jmp	signal_common

; The trampoline becomes the calling thread's exception handler.
set_handler:
	xor	eax, eax			; lthread 0, the caller itself
	mov	ecx, EXREGS_KEEP
	mov	edx, EXREGS_KEEP
	mov	esi, EXREGS_KEEP
	mov	edi, trampoline
	int	L4_VECTOR_LTHREAD_EX_REGS
	ret

process_start:
	call	set_handler
	xor	eax, eax			; lthread 0's signal thread
	call	start_signal_thread
	xor	eax, eax
	xor	ebx, ebx
	xor	ecx, ecx
	xor	edx, edx			; no function for atexit (ELF ABI)
	xor	esi, esi
	xor	edi, edi
	xor	ebp, ebp
	jmp	[LINUX_INFO_PAGE + LINUX_INFO_ENTRY]

; emul_resume(struct emul_regs *r): continues the program with r's
; registers (signal.c's struct emul_regs: gs fs es ds, the pushad block,
; eip, eflags, esp). An iret frame goes below the target esp; the general
; registers come from the pushad block, whose esp slot (skipped by popad)
; carries the target.
EMUL_REGS_EDI	equ 16
EMUL_REGS_ESP	equ 28
EMUL_REGS_EIP	equ 48
EMUL_REGS_EFLAGS equ 52
EMUL_REGS_UESP	equ 56
EMUL_REGS_SIZE	equ 60
USER_FLAGS	equ 0x00040dd5			; CF PF AF ZF SF TF DF OF AC: what a program may set
EFLAGS_NT	equ 0x4000

emul_resume:
	mov	eax, [esp + 4]
	mov	ecx, [eax + EMUL_REGS_UESP]
	sub	ecx, 12
	; r may lie just below its esp (signal_common built it there), under
	; the iret frame: its eip, eflags and esp are read before that is written
	mov	edx, [eax + EMUL_REGS_EFLAGS]
	and	edx, USER_FLAGS
	or	edx, 0x202			; IF and the always-one bit
	mov	ebx, [eax + EMUL_REGS_EIP]	; (popad restores ebx)
	mov	[ecx + 8], edx
	mov	[ecx], ebx
	mov	edx, cs
	mov	[ecx + 4], edx
	mov	[eax + EMUL_REGS_ESP], ecx
	mov	edx, [eax]			; gs
	mov	gs, edx
	mov	edx, [eax + 4]			; fs
	mov	fs, edx
	pushfd					; no nested-task iret, whatever the program set
	and	dword [esp], ~EFLAGS_NT
	popfd
	lea	esp, [eax + EMUL_REGS_EDI]
	popad
	mov	esp, [esp - 20]			; the esp slot
	iret

; emul_signal_on(struct emul_regs *r): emul_signal(r) on the program's own
; stack, just below r's esp, as Linux delivers a signal that a sigreturn
; unblocked: on top of the context it restored, not inside the frame it
; returned from (a signal each time would grow the stack without end). r
; moves there first: that end of the returned-from frame is read already,
; and our own stack lies below that frame.
global emul_signal_on
emul_signal_on:
	mov	esi, [esp + 4]
	mov	edi, [esi + EMUL_REGS_UESP]
	sub	edi, EMUL_REGS_SIZE + 16
	and	edi, ~15
	mov	edx, edi
	mov	ecx, EMUL_REGS_SIZE / 4
	cld
	rep movsd
	mov	esp, edx
	push	edx
	call	emul_signal			; never returns

; emul_call(w0, w1, w2, flags *): one request to the server for signal.c;
; returns the reply's word 0 and stores its flags (word 1). Only eax, ecx
; and edx may change (cdecl).
emul_call:
	push	ebp
	push	ebx
	push	esi
	push	edi
	mov	edx, [esp + 20]
	mov	ebx, [esp + 24]
	mov	edi, [esp + 28]
	server_ipc
	test	al, L4_DOPE_ERROR_MASK
	jz	.answered
	mov	edx, -LX_EINTR
	xor	ebx, ebx
.answered:
	mov	eax, [esp + 32]
	mov	[eax], ebx
	mov	eax, edx
.done:
	pop	edi
	pop	esi
	pop	ebx
	pop	ebp
	ret
