/* thread_switch and thread_schedule. */
#include "sched.h"
#include "segments.h"
#include "syscall.h"
#include "task.h"

static uint32_t l4_state_of(const struct tcb *t)
{
	switch (t->state) {
	case THREAD_SEND_WAIT:
	case THREAD_SEND_LOCKED:
		return L4_STATE_SENDING;
	case THREAD_RECV_WAIT:
	case THREAD_RECV_LOCKED:
		return L4_STATE_RECEIVING;
	case THREAD_FREE:
		return L4_STATE_DEAD;
	case THREAD_HALTED:
		return L4_STATE_HALTED;
	default:
		return L4_STATE_RUNNING;
	}
}

/* Nil: go to the back of the own priority's queue. A ready thread: give it
 * the processor now (the caller stays ready). */
void sys_thread_switch(struct trap_frame *f)
{
	struct tcb *dest = tcb_lookup(f->esi);

	if (dest && dest != current && dest->state == THREAD_READY) {
		switch_to(dest);
		return;
	}
	ready_dequeue(current);
	ready_enqueue(current);
	schedule();
}

/* Who may change a thread's scheduling: its own task, an ancestor task, or
 * a boot task; never above the caller's own mcp. */
static bool may_schedule(const struct tcb *t)
{
	const struct task *caller = current->task;

	return t->task == caller || caller->privileged || task_is_ancestor(caller, t->task);
}

static void set_priority(struct tcb *t, uint8_t priority)
{
	bool queued = t->in_ready_queue;

	if (queued)
		ready_dequeue(t);
	t->priority = priority;
	if (queued)
		ready_enqueue(t);
	need_resched = true;
}

void sys_thread_schedule(struct trap_frame *f)
{
	struct tcb *t = tcb_lookup(f->esi);
	uint32_t param = f->eax;

	if (!t) {
		f->eax = L4_SCHED_FAILED;
		return;
	}
	f->ecx = t->consumed;
	f->edx = l4_state_of(t);
	f->esi = (f->edx == L4_STATE_RUNNING) ? L4_NIL_ID : t->ipc.partner;
	f->eax = L4_SCHED_PARAM(t->priority, t->timeslice) | small_space_get(t->task) << 8;
	if (param == L4_SCHED_UNCHANGED)
		return;
	if (!may_schedule(t) || L4_SCHED_PRIORITY(param) > current->mcp) {
		f->eax = L4_SCHED_FAILED;
		return;
	}
	if (!small_space_set(t->task, (param >> 8) & 0xff)) {
		f->eax = L4_SCHED_FAILED;
		return;
	}
	if (L4_SCHED_SLICE_MS(param))
		t->timeslice = t->remaining = L4_SCHED_SLICE_MS(param);
	if (L4_SCHED_PRIORITY(param) != t->priority)
		set_priority(t, L4_SCHED_PRIORITY(param));
}
