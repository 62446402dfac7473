/* IPC: the send and receive phases, waiting, and the ways a wait ends
 * (transfer done, timeout, cancellation, death of the partner). */
#include "ipc.h"
#include "counters.h"
#include "irq_ipc.h"
#include "panic.h"
#include "sched.h"
#include "segments.h"
#include "task.h"
#include "syscall.h"
#include "timeout.h"
#include "x86/gdt.h"

/* ---- send queues ----------------------------------------------------------- */

static void send_queue_add(struct tcb *receiver, struct tcb *sender)
{
	struct tcb *head = receiver->send_queue;

	if (head) {
		sender->send_next = head;
		sender->send_prev = head->send_prev;
		head->send_prev->send_next = sender;
		head->send_prev = sender;
	} else {
		sender->send_next = sender->send_prev = sender;
		receiver->send_queue = sender;
	}
	sender->send_queue_of = receiver;
}

static void send_queue_remove(struct tcb *sender)
{
	struct tcb *receiver = sender->send_queue_of;

	if (!receiver)
		return;
	if (sender->send_next == sender) {
		receiver->send_queue = NULL;
	} else {
		sender->send_prev->send_next = sender->send_next;
		sender->send_next->send_prev = sender->send_prev;
		if (receiver->send_queue == sender)
			receiver->send_queue = sender->send_next;
	}
	sender->send_queue_of = NULL;
}

/* ---- waiting ------------------------------------------------------------------ */

/* Blocks the current thread in `state` for at most `ticks` (TIMEOUT_NEVER:
 * no limit; zero is handled by the callers) until someone makes it ready. */
static void ipc_block(struct tcb *self, enum thread_state state, uint64_t ticks)
{
	self->state = state;
	if (ticks != TIMEOUT_NEVER)
		timeout_arm(self, ticks);
	schedule();
	timeout_disarm(self);
}

/* Ends the wait of t with `result`; it is ready, not yet woken. */
static void ipc_end_wait(struct tcb *t, uint32_t result)
{
	t->fast_blocked = false;
	t->ipc.result = result;
	timeout_disarm(t);
}

/* Ends the wait of t with `result`. */
static void ipc_wake(struct tcb *t, uint32_t result)
{
	ipc_end_wait(t, result);
	thread_wake(t);
}

static bool accepts(const struct tcb *receiver, const struct tcb *sender)
{
	return (receiver->ipc.rcv_desc & L4_IPC_DESC_OPEN) || receiver->ipc.partner == sender->id;
}

static void lock_pair(struct tcb *sender, struct tcb *receiver)
{
	timeout_disarm(receiver);
	receiver->fast_blocked = false;
	receiver->state = THREAD_RECV_LOCKED;
	receiver->ipc.locked_with = sender;
	receiver->ipc.result = IPC_PENDING;
	sender->ipc.locked_with = receiver;
}

/* ---- send phase ---------------------------------------------------------------- */

/* Performs the transfer to the locked receiver and releases it. Returns the
 * sender's error code. */
static uint32_t send_transfer(struct tcb *self, struct tcb *dest)
{
	uint32_t dope = 0, error = ipc_transfer(self, dest, &dope);

	if (self->partner_lost || self->cancel_pending) {
		ipc_release_partner(self);	/* wakes the receiver if it still waits for us */
		return L4_IPC_SEABORTED;
	}
	self->ipc.locked_with = NULL;
	dest->ipc.from = self->id;
	dest->ipc.locked_with = NULL;
	ipc_end_wait(dest, dope | error);
	if (self->ipc.rcv_desc != L4_IPC_NIL_DESCRIPTOR)
		thread_wake_handoff(dest);	/* we wait next: it may run at once */
	else
		thread_wake(dest);
	return error ? error | L4_IPC_SEND_ERROR : 0;
}

static uint32_t send_phase(struct tcb *self)
{
	struct tcb *dest = tcb_lookup(self->ipc.partner);
	uint64_t ticks = timeout_send(self->ipc.timeouts);

	if (!dest)
		return L4_IPC_ENOT_EXISTENT;
	if (dest->state == THREAD_RECV_WAIT && accepts(dest, self)) {
		lock_pair(self, dest);
		return send_transfer(self, dest);
	}
	if (ticks == TIMEOUT_ZERO)
		return L4_IPC_SETIMEOUT;
	self->ipc.locked_with = NULL;
	self->ipc.result = IPC_PENDING;
	send_queue_add(dest, self);
	ipc_block(self, THREAD_SEND_WAIT, ticks);
	if (!self->ipc.locked_with)		/* timeout, cancel, or dest died */
		return self->ipc.result;
	return send_transfer(self, self->ipc.locked_with);
}

/* ---- receive phase ---------------------------------------------------------- */

static struct tcb *find_waiting_sender(struct tcb *self)
{
	struct tcb *s = self->send_queue;

	if (!s)
		return NULL;
	do {
		if (accepts(self, s))
			return s;
		s = s->send_next;
	} while (s != self->send_queue);
	return NULL;
}

/* Blocks in a short receive without timeout the way the fast path does:
 * only the user frame counts, and the thread resumes at ipc_fast_resume
 * (which finishes the receive in ipc_fast_finish). The C frames below are
 * abandoned, never returned to: that is what lets the partner's next IPC
 * take the fast path. */
static void __attribute__((noreturn)) block_as_fast_path(struct tcb *self)
{
	self->resume_fast = true;
	self->fast_blocked = true;
	self->state = THREAD_RECV_WAIT;
	schedule_abandoning_stack();
}

/* Short receives without timeout; the kernel's own page-fault IPCs never
 * qualify (their receive descriptor is a map window), so a thread blocked
 * this way is always inside sys_ipc. */
static bool fast_resumable_receive(const struct tcb *self, uint64_t ticks)
{
	return ticks == TIMEOUT_NEVER && self->ipc.rcv_desc <= L4_IPC_DESC_OPEN;
}

/* Waits while locked to a sender: serves its page-fault requests until the
 * transfer is over one way or another. */
static uint32_t receive_locked(struct tcb *self)
{
	while (self->ipc.result == IPC_PENDING) {
		if (self->ipc.fault_pending)
			ipc_serve_partner_fault(self);
		else
			ipc_block(self, THREAD_RECV_LOCKED, TIMEOUT_NEVER);
	}
	return self->ipc.result;
}

static uint32_t receive_phase(struct tcb *self)
{
	bool open = self->ipc.rcv_desc & L4_IPC_DESC_OPEN;
	uint64_t ticks = timeout_receive(self->ipc.timeouts);
	struct tcb *sender;

	uint32_t irq_result;

	if (irq_receive(self, open, ticks, &irq_result))
		return irq_result;
	if (!open && self->ipc.partner != L4_NIL_ID && !is_irq_id(self->ipc.partner) &&
	    !tcb_lookup(self->ipc.partner))
		return L4_IPC_ENOT_EXISTENT;
	sender = find_waiting_sender(self);
	if (sender) {
		send_queue_remove(sender);
		lock_pair(sender, self);
		ipc_wake(sender, IPC_PENDING);	/* it performs the transfer */
		self->state = THREAD_RECV_LOCKED;
		switch_to(sender);
		return receive_locked(self);
	}
	if (ticks == TIMEOUT_ZERO)
		return L4_IPC_RETIMEOUT;
	self->ipc.result = IPC_PENDING;
	self->ipc.locked_with = NULL;
	if (fast_resumable_receive(self, ticks))
		block_as_fast_path(self);
	ipc_block(self, THREAD_RECV_WAIT, ticks);
	return receive_locked(self);
}

uint32_t ipc_do(struct tcb *self)
{
	uint32_t result;

	counters.ipcs++;
	if (self->ipc.snd_desc != L4_IPC_NIL_DESCRIPTOR) {
		result = send_phase(self);
		if (result || self->ipc.rcv_desc == L4_IPC_NIL_DESCRIPTOR)
			return result;
	}
	if (self->ipc.rcv_desc == L4_IPC_NIL_DESCRIPTOR)
		return 0;
	if (self->cancel_pending)
		return L4_IPC_RECANCELED;
	return receive_phase(self);
}

/* Results of a receive into the caller's registers. */
static void ipc_result_to_frame(struct tcb *self, struct trap_frame *f, uint32_t result)
{
	f->eax = result;
	if (self->ipc.rcv_desc != L4_IPC_NIL_DESCRIPTOR && !(result & L4_IPC_SEND_ERROR)) {
		f->esi = self->ipc.from;
		f->edx = self->ipc.words[0];
		f->ebx = self->ipc.words[1];
		f->edi = self->ipc.words[2];
	}
}

/* A thread that blocked in the fast path (kernel/x86/ipc_fast.asm) is
 * running again: finish its receive as the general path would. */
void ipc_fast_finish(struct trap_frame *f)
{
	struct tcb *self = current;

	self->fast_blocked = false;
	f->ds = f->es = user_data_selector(self->space);	/* the fast path does not save them */
	ipc_result_to_frame(self, f, receive_locked(self));
	if (need_resched)
		schedule();
}

void sys_ipc(struct trap_frame *f)
{
	struct tcb *self = current;

	self->cancel_pending = false;
	self->partner_lost = false;	/* only here: nested page-fault IPCs keep it */
	self->ipc.snd_desc = f->eax;
	self->ipc.rcv_desc = f->ebp;
	self->ipc.partner = f->esi;
	self->ipc.timeouts = f->ecx;
	self->ipc.words[0] = f->edx;
	self->ipc.words[1] = f->ebx;
	self->ipc.words[2] = f->edi;
	self->ipc.from = L4_NIL_ID;
	ipc_result_to_frame(self, f, ipc_do(self));
}

/* ---- how waits end otherwise ------------------------------------------------ */

void ipc_timeout(struct tcb *t)
{
	if (t->state == THREAD_SEND_WAIT) {
		send_queue_remove(t);
		ipc_wake(t, L4_IPC_SETIMEOUT);
	} else if (t->state == THREAD_RECV_WAIT) {
		ipc_wake(t, L4_IPC_RETIMEOUT);
	}
}

/* p was locked to t in a transfer t leaves. Waiting for t directly, p ends
 * with "aborted" now; inside its own page-fault IPC (outer_locked), it
 * notices partner_lost when that IPC is over. Links that no longer point at
 * t (p moved on, or p's slot is free and reads as zeros) are left alone. */
static void unlink_partner(struct tcb *t, struct tcb *p)
{
	if (p->ipc.locked_with == t) {
		p->partner_lost = true;
		p->ipc.locked_with = NULL;
		if (p->state == THREAD_RECV_LOCKED)
			ipc_wake(p, L4_IPC_REABORTED);
		else if (p->state == THREAD_SEND_LOCKED)
			ipc_wake(p, L4_IPC_SEABORTED);
		else if (p->ipc.result == IPC_PENDING)
			p->ipc.result = L4_IPC_REABORTED;	/* woken to serve a fault */
	}
	if (p->outer_locked == t) {
		p->partner_lost = true;
		p->outer_locked = NULL;
	}
}

/* t leaves the transfer(s) it is in: the one under way and, if t is inside
 * the kernel's page-fault IPC, the one that IPC serves. From now on t's own
 * code must not touch those partners again (partner_lost). */
void ipc_release_partner(struct tcb *t)
{
	struct tcb *p = t->ipc.locked_with, *outer = t->outer_locked;

	if (!p && !outer)
		return;
	t->ipc.locked_with = NULL;
	t->outer_locked = NULL;
	t->partner_lost = true;
	if (p)
		unlink_partner(t, p);
	if (outer)
		unlink_partner(t, outer);
}

void ipc_cancel(struct tcb *t)
{
	t->cancel_pending = true;
	switch (t->state) {
	case THREAD_SEND_WAIT:
		send_queue_remove(t);
		ipc_wake(t, L4_IPC_SECANCELED);
		break;
	case THREAD_RECV_WAIT:
		ipc_wake(t, L4_IPC_RECANCELED);
		break;
	case THREAD_RECV_LOCKED:
		ipc_release_partner(t);
		ipc_wake(t, L4_IPC_REABORTED);
		break;
	case THREAD_SEND_LOCKED:
		ipc_release_partner(t);
		ipc_wake(t, L4_IPC_SEABORTED);
		break;
	default:
		break;
	}
}

/* Threads in a closed receive from t wait for nobody now. */
static void fail_closed_receivers(struct tcb *t)
{
	for (uint32_t i = 0; i < L4_TASKS / 32 * 32; i++) {
		struct task *task;

		if (!(i % 32) && !task_active_map[i / 32]) {
			i += 31;		/* none of these 32 is active */
			continue;
		}
		task = &tasks[i];
		if (!task->active)
			continue;
		for (uint32_t mask = task->lthread_mask; mask; mask &= mask - 1) {
			struct tcb *r = tcb_of(task_thread_id(task, (uint32_t)__builtin_ctz(mask)));

			if (r->state == THREAD_RECV_WAIT && r->ipc.partner == t->id &&
			    !(r->ipc.rcv_desc & L4_IPC_DESC_OPEN))
				ipc_wake(r, L4_IPC_ENOT_EXISTENT);
		}
	}
}

void ipc_thread_dies(struct tcb *t)
{
	irq_thread_dies(t);
	send_queue_remove(t);
	timeout_disarm(t);
	ipc_release_partner(t);
	while (t->send_queue) {
		struct tcb *s = t->send_queue;

		send_queue_remove(s);
		ipc_wake(s, L4_IPC_ENOT_EXISTENT);
	}
	fail_closed_receivers(t);
}

/* No clans and chiefs redirect IPC here: the nearest partner of an
 * existing thread is itself. The nil id asks for the caller's own id. */
void sys_id_nearest(struct trap_frame *f)
{
	bool exists;

	if (f->esi == L4_NIL_ID)
		f->esi = current->id;
	exists = tcb_lookup(f->esi) != NULL;

	f->eax = exists ? 0 : L4_IPC_ENOT_EXISTENT;
	if (!exists)
		f->esi = L4_NIL_ID;
}
