/* ipc.h: synchronous IPC.
 *
 * One IPC is a send phase and/or a receive phase (tcb->ipc holds its
 * descriptors, words and result). The sender always performs the transfer,
 * in its own context, while the receiver is locked to it
 * (THREAD_RECV_LOCKED). A page missing on the sender's side is requested
 * from the sender's pager by the sender itself; one missing on the
 * receiver's side is handed to the receiver, which asks its own pager and
 * hands back (THREAD_SEND_LOCKED meanwhile). Cancellation (ex_regs) and
 * death of a partner are noticed after every wait. */
#pragma once

#include <stdint.h>
#include "tcb.h"

#define IPC_PENDING 0xffffffff	/* ipc.result while a receive is not finished */

struct trap_frame;

void sys_ipc(struct trap_frame *f);
/* Resumption of a thread that blocked in the IPC fast path. */
void ipc_fast_finish(struct trap_frame *f);
/* Runs self->ipc (send phase, then receive phase); returns the result dope. */
uint32_t ipc_do(struct tcb *self);
/* lthread_ex_regs: ends t's IPC with "cancelled" (waiting) or "aborted"
 * (transfer under way). */
void ipc_cancel(struct tcb *t);
/* t is being deleted: partners waiting for it fail cleanly. */
void ipc_thread_dies(struct tcb *t);
/* The clock: t's send or receive timeout has expired. */
void ipc_timeout(struct tcb *t);

/* Transfer (ipc_transfer.c): copies s's message to the locked receiver r;
 * returns the receiver-side error code (0 if none) and sets *dope. */
uint32_t ipc_transfer(struct tcb *s, struct tcb *r, uint32_t *dope);
/* Receiver side: serves the page fault its sender asked for. */
void ipc_serve_partner_fault(struct tcb *r);
/* t leaves its transfer(s); the partners end or notice (ipc.c). */
void ipc_release_partner(struct tcb *t);
