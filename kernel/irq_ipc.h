/* irq_ipc.h: hardware interrupts delivered as IPC.
 *
 * A thread attaches to line n by receiving from L4_IRQ_ID(n), if its task
 * holds the right to n (it takes the line over from another thread of its
 * task). Each interrupt masks its line and is sent to the attached thread as a message from
 * L4_IRQ_ID(n) (word 0 = n); if the thread is not waiting, it is kept
 * pending (one per line). Waiting again re-enables the line. Masking and
 * EOI are the kernel's; the timer (0) and the cascade (2) are never given.
 * The root task starts with every other line and passes rights on with
 * irq_control (int 0x38); a deleted task's rights go back to its chief. A
 * thread's death detaches it. The checks on the IPC path are inline: every
 * general-path receive passes them. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "tcb.h"
#include "x86/idt.h"

#define IRQ_ASSIGNABLE 0xfffa	/* all lines but 0 and 2 */

/* The receive phase from an interrupt pseudo-thread (closed), or an open
 * receive that may take a pending interrupt. Returns true if it handled the
 * receive (*result set), false if the IPC goes on normally. */
bool irq_receive_attached(struct tcb *self, bool open, uint64_t ticks, uint32_t *result);

static inline bool is_irq_id(l4_threadid_t id)
{
	return id >= L4_IRQ_ID(0) && id < L4_IRQ_ID(IRQ_LINES);
}

static inline bool irq_receive(struct tcb *self, bool open, uint64_t ticks, uint32_t *result)
{
	if (open ? !self->irq_lines : !is_irq_id(self->ipc.partner))
		return false;		/* the common case: an ordinary receive */
	return irq_receive_attached(self, open, ticks, result);
}
/* Called with the line masked and EOIed: true if an attached thread took
 * or will take it. */
bool irq_deliver(int irq);
/* t is being deleted. */
void irq_thread_dies(struct tcb *t);
