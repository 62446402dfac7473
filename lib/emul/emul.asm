; emul.asm: the emulation library and the trampoline, mapped read-only at
; LINUX_EMUL_BASE into every Linux process (one copy shared by all). The
; server starts each process at LINUX_EMUL_START, passes LINUX_EMUL_SYSINFO
; as AT_SYSINFO, and this code turns a Linux system call into one short IPC
; to the server (protocol: lib/include/tessera/linux_server.h, lib/LINUX.md).
;
; Built as a flat binary (nasm -f bin); it has no data of its own: what it
; needs per process is in the read-only info page at LINUX_INFO_PAGE.

%include "linux_server.inc"
%include "syscalls.inc"
%include "types.inc"

%define LX_EINTR 4
%define EXREGS_KEEP 0xffffffff

bits 32
org LINUX_EMUL_BASE

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
	mov	esi, [LINUX_INFO_PAGE + LINUX_INFO_SERVER]
	xor	ecx, ecx			; timeouts: never
	xor	ebp, ebp			; receive: registers only
	xor	eax, eax			; send: registers only
	int	L4_VECTOR_IPC
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
	test	ebx, LINUX_REPLY_TLS
	jz	.out
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

; ---- the trampoline: every exception of a process's thread -----------------
; The kernel pushed vector, error code, fault address and an iret frame on
; the user stack. int $0x80 is #GP with error 0x402: run it as a system
; call, step over the two-byte instruction and return. Anything else goes
; to the server, which decides the process's fate.
trampoline:
	cmp	dword [esp], 13
	jne	.other
	cmp	dword [esp + 4], 0x402
	jne	.other
	call	int80_call
	add	dword [esp + 12], 2
	add	esp, 12
	iret
.other:
	pushad
	mov	edx, [esp + 32]
	or	edx, LINUX_REQ_EXCEPTION	; w0: exception and vector
	mov	ebx, [esp + 36]			; w1: error code
	lea	edi, [esp + 32]			; w2: the frame
	mov	esi, [LINUX_INFO_PAGE + LINUX_INFO_SERVER]
	xor	ecx, ecx
	xor	ebp, ebp
	xor	eax, eax
	int	L4_VECTOR_IPC
	popad
	add	esp, 12
	iret

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

fork_child:
	call	set_handler
	xor	ebp, ebp			; TLS slot
.tls:
	lea	esi, [ebp + ebp * 2]		; 12 bytes a slot
	cmp	dword [LINUX_INFO_PAGE + LINUX_INFO_TLS + esi * 4 + 8], 0
	je	.next
	mov	eax, ebp
	mov	ebx, [LINUX_INFO_PAGE + LINUX_INFO_TLS + esi * 4]
	mov	ecx, [LINUX_INFO_PAGE + LINUX_INFO_TLS + esi * 4 + 4]
	mov	edx, 1
	int	L4_VECTOR_SEGMENT_SET
.next:
	inc	ebp
	cmp	ebp, 3
	jb	.tls
	mov	eax, [LINUX_INFO_PAGE + LINUX_INFO_GS]
	mov	gs, eax
	xor	eax, eax			; fork's result in the child
	jmp	sysinfo.out

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
	xor	eax, eax
	xor	ebx, ebx
	xor	ecx, ecx
	xor	edx, edx			; no function for atexit (ELF ABI)
	xor	esi, esi
	xor	edi, edi
	xor	ebp, ebp
	jmp	[LINUX_INFO_PAGE + LINUX_INFO_ENTRY]

	align	4096, db 0			; whole pages; the server checks the size
