; ipc_fast.asm: the IPC fast path, entered by int 0x30.
;
; It lays out the same struct trap_frame as trap_common (ds and es slots
; left unwritten: user ds and es are not part of a thread's state, every
; return to user mode loads USER_DS), then runs a chain of checks:
;   - a short send without map item (eax = 0);
;   - a short receive, closed from the partner (ebp = 0) or open (ebp = 1),
;     without timeout (receive exponent 0), and for an open receive nobody
;     queued to send to us and no interrupt line attached to us (a pending
;     interrupt and re-enabling the lines are irq_ipc.c's);
;   - a partner that exists with this version, is blocked fast-path style in
;     a receive that accepts us (so only its user frame is on its stack and
;     no timeout is armed), and either does not rank below us or nothing
;     ready ranks above it (sched_fast_handoff_ok in C, done last: a server
;     replying to a lower-priority client stays on the fast path);
;   (threads that are not "plain" -- small spaces, TLS descriptors, I/O
;   ports, the FPU's owner -- take the fast path too: their switch does
;   what segments_switch does in C for the scheduler, here for large
;   spaces, in C for small ones; between two plain threads only CR3 changes);
;   - no reschedule pending.
; Any failing check goes to the general path in C with the frame as built.
; Past the checks nothing can fail: we wait for our reply (or anybody),
; the partner gets the three words in its registers, and we leave through
; its frame. All memory operands use ss (the kernel's data segment) because
; ds is still the user's.
;
; Stores to our own ipc fields before the checks are harmless: the general
; path sets them again from the frame.

%include "layout.inc"
%include "frame.inc"
%include "gdt.inc"
%include "tcb_layout.inc"
%include "counters.inc"
%include "leftovers.inc"
%include "types.inc"
%include "syscalls.inc"

extern current
extern need_resched
extern space_loaded_directory
extern counters
extern kernel_tss_io
extern trap_dispatch
extern trap_return
extern ipc_fast_finish
extern segments_switch
extern sched_fast_handoff_ok
extern ready_bitmap
extern ready_summary
extern tls_owner
extern io_loaded
extern io_enabled
extern fpu_owner
extern leftovers

%define CR0_TS	(1 << 3)

global ipc_fast_entry
global ipc_fast_resume
global ipc_fast_pops
global ipc_fast_pops_end

; call_with_partner FUNCTION: calls the C function FUNCTION(partner TCB)
; with the kernel's data segments; eax (our TCB), ecx (the partner's) and
; edx (message word 0) survive on the stack, the result is in al.
%macro call_with_partner 1
	mov	esi, KERNEL_DS
	mov	ds, esi
	mov	es, esi
	cld
	push	eax
	push	ecx
	push	edx
	push	ecx
	call	%1
	add	esp, 4
	test	al, al
	pop	edx
	pop	ecx
	pop	eax
%endmacro

section .text
ipc_fast_entry:
	sub	esp, FRAME_EIP - FRAME_VECTOR	; vector and error code slots
	pushad
	sub	esp, FRAME_EDI - FRAME_ES	; ds and es slots
	push	fs
	push	gs
	test	eax, eax
	jnz	ipc_fast_slow
	cmp	ebp, L4_IPC_DESC_OPEN
	ja	ipc_fast_slow
	test	cl, 0x0f
	jnz	ipc_fast_slow
	mov	eax, [ss:current]		; eax: our TCB
	mov	[ss:eax + TCB_IPC_TIMEOUTS], ecx
	mov	[ss:eax + TCB_IPC_RCV_DESC], ebp
	mov	[ss:eax + TCB_IPC_PARTNER], esi
	mov	ecx, esi
	and	ecx, L4_THREAD_NUMBER_MASK
	add	ecx, TCB_AREA_BASE		; ecx: the partner's TCB
	cmp	[ss:ecx + TCB_ID], esi
	jne	ipc_fast_slow
	cmp	byte [ss:ecx + TCB_FLAGS], 0	; fast_blocked
	je	ipc_fast_slow
	test	byte [ss:ecx + TCB_IPC_RCV_DESC], L4_IPC_DESC_OPEN
	jnz	ipc_fast_accepted
	mov	esi, [ss:eax + TCB_ID]		; closed: it must wait for us
	cmp	[ss:ecx + TCB_IPC_PARTNER], esi
	jne	ipc_fast_slow
ipc_fast_accepted:
	cmp	byte [ss:need_resched], 0
	jne	ipc_fast_slow
	test	ebp, ebp
	jz	ipc_fast_priority
	cmp	dword [ss:eax + TCB_SEND_QUEUE], 0
	jne	ipc_fast_slow
	cmp	word [ss:eax + TCB_IRQ_LINES], 0
	jne	ipc_fast_slow
ipc_fast_priority:
	mov	esi, [ss:ecx + TCB_PRIORITY]
	cmp	esi, [ss:eax + TCB_PRIORITY]
	jb	ipc_fast_lower

ipc_fast_commit:
	mov	dword [ss:eax + TCB_STATE], THREAD_STATE_RECV_WAIT
	mov	dword [ss:eax + TCB_IPC_RESULT], IPC_RESULT_PENDING
	mov	dword [ss:eax + TCB_FLAGS], TCB_FLAGS_FAST_BLOCKED
	mov	dword [ss:ecx + TCB_STATE], THREAD_STATE_READY
	mov	dword [ss:ecx + TCB_FLAGS], TCB_FLAGS_CLEAR
	mov	[ss:current], ecx
	inc	dword [ss:counters + COUNTER_FAST_IPCS]
	cmp	byte [ss:ecx + TCB_PLAIN], 0
	je	ipc_fast_segments
	cmp	byte [ss:eax + TCB_PLAIN], 0
	je	ipc_fast_segments
ipc_fast_cr3:
	mov	esi, [ss:ecx + TCB_DIRECTORY_PHYS]
	cmp	esi, [ss:space_loaded_directory]
	je	ipc_fast_same_space
	mov	[ss:space_loaded_directory], esi
	inc	dword [ss:counters + COUNTER_CR3_LOADS]
	mov	cr3, esi
ipc_fast_same_space:
	lea	esi, [ecx + L4_TCB_SIZE]
	mov	[ss:kernel_tss_io + TSS_ESP0], esi

	mov	esi, [ss:eax + TCB_ID]		; the sender, as the receiver sees it
	lea	esp, [ecx + L4_TCB_SIZE - FRAME_SIZE]	; the partner's frame
	mov	ecx, [esp + FRAME_ECX]
	mov	eax, USER_DS
	mov	ds, eax
	mov	es, eax
	mov	eax, L4_DOPE(3, 0)
ipc_fast_pops:				; a bad selector faults here: trap.c nulls it
	pop	gs
	pop	fs
ipc_fast_pops_end:
	add	esp, FRAME_EIP - FRAME_ES
	iretd

; Between large spaces segments_switch has little to do, and it is done
; here: nothing of a small space may be installed, CR0.TS is set unless
; the next thread owns the FPU (fpu.h), the next thread's TLS descriptors
; must be in place (one without any keeps the last ones, as segments.c's
; set_tls explains), and the I/O bitmap the TSS holds is switched on
; exactly for the task it belongs to (as io_switch does). Two plain
; threads never own the FPU, so their switch above has none of this.
ipc_fast_segments:
	cmp	byte [ss:ecx + TCB_LARGE], 0
	je	ipc_fast_segments_c
	cmp	word [ss:leftovers], 0		; small space entries, or our FPU
	jne	ipc_fast_leftovers
	cmp	[ss:fpu_owner], ecx
	je	ipc_fast_fpu_on
ipc_fast_tls:
	cmp	byte [ss:ecx + TCB_HAS_TLS], 0
	je	ipc_fast_io
	cmp	[ss:tls_owner], ecx
	jne	ipc_fast_segments_c
ipc_fast_io:
	mov	esi, [ss:ecx + TCB_IO]
	test	esi, esi
	jz	ipc_fast_io_off
	cmp	esi, [ss:io_loaded]
	jne	ipc_fast_io_off
	mov	byte [ss:io_enabled], 1
	mov	word [ss:kernel_tss_io + TSS_IOMAP_BASE], TSS_SIZE
	jmp	ipc_fast_cr3
ipc_fast_io_off:
	mov	byte [ss:io_enabled], 0
	mov	word [ss:kernel_tss_io + TSS_IOMAP_BASE], IO_BITMAP_NONE
	jmp	ipc_fast_cr3

; We own the FPU's registers (so the partner does not): its first FPU
; instruction is to trap. Small-space leftovers are the C code's.
ipc_fast_leftovers:
	cmp	byte [ss:leftovers + LEFTOVERS_FPU], 0
	je	ipc_fast_segments_c
	mov	byte [ss:leftovers + LEFTOVERS_FPU], 0
	mov	esi, cr0
	or	esi, CR0_TS
	mov	cr0, esi
	cmp	byte [ss:leftovers + LEFTOVERS_SMALL], 0
	jne	ipc_fast_segments_c
	jmp	ipc_fast_tls
ipc_fast_fpu_on:			; the partner owns them: it may use them
	mov	byte [ss:leftovers + LEFTOVERS_FPU], 1
	clts
	jmp	ipc_fast_tls

; Small spaces, or TLS descriptors to install: the C code of every switch.
; It may clobber eax, ecx and edx (cdecl); edx is message word 0.
ipc_fast_segments_c:
	call_with_partner segments_switch
	jmp	ipc_fast_same_space

; The partner ranks below us (esi: its priority): fine if nothing ready
; ranks above it. The highest bit of the ready bitmap says (its summary
; word names the highest non-empty word); if that is not clear, the
; scheduler looks closer (blocked threads may still be queued). ebp is
; free: the receive descriptor is stored, and ebp is not preserved.
ipc_fast_lower:
	bsr	ebp, [ss:ready_summary]
	jz	ipc_fast_commit			; nothing ready at all
	push	edx
	bsr	edx, [ss:ready_bitmap + ebp * 4]
	shl	ebp, 5
	add	ebp, edx			; the highest ready priority
	pop	edx
	cmp	ebp, esi
	jbe	ipc_fast_commit
	call_with_partner sched_fast_handoff_ok
	jnz	ipc_fast_commit
	; fall through

ipc_fast_slow:
	mov	dword [esp + FRAME_DS], USER_DS
	mov	dword [esp + FRAME_ES], USER_DS
	mov	dword [esp + FRAME_VECTOR], L4_VECTOR_IPC
	mov	dword [esp + FRAME_ERROR], 0
	mov	eax, KERNEL_DS
	mov	ds, eax
	mov	es, eax
	cld
	push	esp
	call	trap_dispatch
	add	esp, 4
	jmp	trap_return

; A caller blocked fast-path style, resumed by the scheduler through the
; switch frame prepare_fast_resume wrote: esp is at its user frame.
ipc_fast_resume:
	push	esp
	call	ipc_fast_finish
	add	esp, 4
	jmp	trap_return
