/* Interrupts as IPC: attachment, delivery, pending lines. */
#include "irq_ipc.h"
#include "ipc.h"
#include "printk.h"
#include "sched.h"
#include "syscall.h"
#include "task.h"
#include "timeout.h"
#include "x86/idt.h"
#include "x86/pic.h"

static struct tcb *attached[IRQ_LINES];	/* each line's thread; t->irq_lines mirrors it */
static bool pending[IRQ_LINES];

static void attach(int irq, struct tcb *t)
{
	if (attached[irq])
		attached[irq]->irq_lines &= (uint16_t)~(1u << irq);
	attached[irq] = t;
	if (t)
		t->irq_lines |= (uint16_t)(1u << irq);
}

static void message(struct tcb *t, int irq)
{
	t->ipc.from = L4_IRQ_ID((uint32_t)irq);
	t->ipc.words[0] = (uint32_t)irq;
	t->ipc.words[1] = t->ipc.words[2] = 0;
}

static bool accepts_irq(const struct tcb *t, int irq)
{
	return t->state == THREAD_RECV_WAIT &&
	       ((t->ipc.rcv_desc & L4_IPC_DESC_OPEN) || t->ipc.partner == L4_IRQ_ID((uint32_t)irq));
}

bool irq_deliver(int irq)
{
	struct tcb *t = attached[irq];

	if (!t)
		return false;
	if (accepts_irq(t, irq)) {
		message(t, irq);
		t->fast_blocked = false;
		t->ipc.result = L4_DOPE(3, 0);
		timeout_disarm(t);
		thread_wake(t);
	} else {
		pending[irq] = true;
	}
	return true;
}

/* A pending interrupt of a line attached to self, or -1. */
static int pending_for(const struct tcb *self)
{
	for (int irq = 0; irq < IRQ_LINES; irq++)
		if (attached[irq] == self && pending[irq])
			return irq;
	return -1;
}

static void unmask_lines_of(const struct tcb *self, int only)
{
	for (int irq = 0; irq < IRQ_LINES; irq++)
		if (attached[irq] == self && !pending[irq] && (only < 0 || only == irq))
			pic_unmask(irq);
}

bool irq_receive_attached(struct tcb *self, bool open, uint64_t ticks, uint32_t *result)
{
	int irq = open ? pending_for(self) : (int)(self->ipc.partner - L4_IRQ_ID(0));

	if (open && irq < 0) {
		unmask_lines_of(self, -1);	/* waiting re-enables them */
		return false;			/* the ordinary receive goes on */
	}
	if (!open) {
		if (!(self->task->irq_rights & (1u << irq))) {
			*result = L4_IPC_ENOT_EXISTENT;
			return true;
		}
		attach(irq, self);	/* the right is the task's: any thread may take over */
	}
	if (pending[irq]) {
		pending[irq] = false;
		message(self, irq);
		*result = L4_DOPE(3, 0);
		return true;
	}
	if (ticks == TIMEOUT_ZERO) {
		*result = L4_IPC_RETIMEOUT;
		return true;
	}
	pic_unmask(irq);
	return false;	/* block as an ordinary closed receive from the IRQ id */
}

void irq_thread_dies(struct tcb *t)
{
	for (int irq = 0; irq < IRQ_LINES; irq++) {
		if (attached[irq] != t)
			continue;
		pic_mask(irq);
		attach(irq, NULL);
		pending[irq] = false;
	}
}

/* int 0x38: eax line, esi a thread of the task to get the right. */
void sys_irq_control(struct trap_frame *f)
{
	uint32_t irq = f->eax;
	struct tcb *to = tcb_lookup(f->esi);

	if (irq >= IRQ_LINES || !((IRQ_ASSIGNABLE >> irq) & 1) || !to ||
	    !(current->task->irq_rights & (1u << irq))) {
		f->eax = L4_IRQ_CONTROL_FAILED;
		return;
	}
	current->task->irq_rights &= ~(1u << irq);
	to->task->irq_rights |= 1u << irq;
	if (attached[irq] && attached[irq]->task != to->task) {
		pic_mask(irq);
		attach(irq, NULL);
		pending[irq] = false;
	}
	f->eax = 0;
}
