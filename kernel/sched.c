/* Ready queues: one circular list per priority plus a bitmap of non-empty
 * priorities, so picking the best thread is a scan of 8 words. */
#include "sched.h"
#include "counters.h"
#include "panic.h"
#include "segments.h"
#include "space.h"
#include "x86/gdt.h"
#include "x86/io.h"

#define BITMAP_WORDS (L4_PRIORITIES / 32)

struct tcb *current;
bool need_resched;
static struct tcb *idle_thread;
static struct tcb *ready_head[L4_PRIORITIES];
uint32_t ready_bitmap[BITMAP_WORDS];	/* the fast path reads it too */
uint32_t ready_summary;			/* bit w: ready_bitmap[w] is not 0 */

void context_switch(uint32_t *save_sp, uint32_t load_sp);

void sched_init(struct tcb *idle)
{
	idle_thread = idle;
	current = idle;
}

void ready_enqueue(struct tcb *t)
{
	struct tcb **head = &ready_head[t->priority];

	if (t->in_ready_queue || t == idle_thread)
		return;
	if (*head) {
		t->ready_next = *head;
		t->ready_prev = (*head)->ready_prev;
		t->ready_prev->ready_next = t;
		(*head)->ready_prev = t;
	} else {
		t->ready_next = t->ready_prev = t;
		*head = t;
		ready_bitmap[t->priority / 32] |= 1u << (t->priority % 32);
		ready_summary |= 1u << (t->priority / 32);
	}
	t->in_ready_queue = true;
}

void ready_dequeue(struct tcb *t)
{
	struct tcb **head = &ready_head[t->priority];

	if (!t->in_ready_queue)
		return;
	if (t->ready_next == t) {
		*head = NULL;
		ready_bitmap[t->priority / 32] &= ~(1u << (t->priority % 32));
		if (!ready_bitmap[t->priority / 32])
			ready_summary &= ~(1u << (t->priority / 32));
	} else {
		t->ready_prev->ready_next = t->ready_next;
		t->ready_next->ready_prev = t->ready_prev;
		if (*head == t)
			*head = t->ready_next;
	}
	t->in_ready_queue = false;
}

static int highest_ready_priority(void)
{
	uint32_t w, bit;

	if (!ready_summary)
		return -1;
	__asm__("bsrl %1, %0" : "=r"(w) : "rm"(ready_summary));
	__asm__("bsrl %1, %0" : "=r"(bit) : "rm"(ready_bitmap[w]));
	return (int)(w * 32 + bit);
}

struct tcb *sched_handoff;

/* The first ready thread of the best priority; blocked threads met on the
 * way are dropped from the queues (the lazy part). The IPC partner waiting
 * for a handoff goes first unless a queued thread outranks it. */
static struct tcb *pick_next(void)
{
	struct tcb *h = sched_handoff && sched_handoff->state == THREAD_READY ? sched_handoff
									    : NULL;
	int prio;

	while ((prio = highest_ready_priority()) >= 0) {
		struct tcb *t = ready_head[prio];

		if (t->state == THREAD_READY)
			return h && (int)h->priority >= prio ? h : t;
		ready_dequeue(t);
	}
	return h ? h : idle_thread;
}

void sched_flush_handoff_slow(void)
{
	struct tcb *h = sched_handoff;

	sched_handoff = NULL;
	if (h->state == THREAD_READY)
		ready_enqueue(h);
}

void thread_wake_handoff(struct tcb *t)
{
	sched_flush_handoff();
	t->state = THREAD_READY;
	sched_handoff = t;
	if (t->priority > current->priority || current == idle_thread)
		need_resched = true;
}

/* The IPC fast path hands the processor from current, which is about to
 * block, to partner. If partner ranks below current that is right only if
 * no ready thread ranks above partner: checked here, dropping blocked
 * threads from the queues on the way as pick_next does. Current leaves its
 * queue (it blocks; if the fast path is not taken after all, it is the
 * running thread, which need not be queued). */
bool sched_fast_handoff_ok(const struct tcb *partner)
{
	int prio;

	ready_dequeue(current);
	while ((prio = highest_ready_priority()) > (int)partner->priority) {
		struct tcb *t = ready_head[prio];

		if (t->state == THREAD_READY)
			return false;
		ready_dequeue(t);
	}
	return true;
}

extern const char ipc_fast_resume[];

/* A thread that blocked fast-path style has only its user frame on the
 * stack: give it a switch frame that resumes at ipc_fast_resume. */
static void prepare_fast_resume(struct tcb *t)
{
	struct switch_frame *sf = (struct switch_frame *)tcb_user_frame(t) - 1;

	sf->eip = (uint32_t)ipc_fast_resume;
	t->kernel_sp = (uint32_t)sf;
	t->resume_fast = false;
}

/* Makes `next` current and switches stacks, saving ours into *save. */
static void switch_stacks(struct tcb *next, uint32_t *save)
{
	if (sched_handoff) {	/* handed the processor, or queued now */
		if (sched_handoff != next)
			sched_flush_handoff_slow();
		sched_handoff = NULL;
	}
	if (next->resume_fast)
		prepare_fast_resume(next);
	counters.context_switches++;
	current = next;
	if (next != idle_thread) {
		segments_switch(next);
		tss_set_kernel_stack(tcb_stack_top(next));
	}
	context_switch(save, next->kernel_sp);
}

void switch_to(struct tcb *next)
{
	struct tcb *prev = current;

	if (prev->state == THREAD_READY)
		ready_enqueue(prev);
	if (next != prev)
		switch_stacks(next, &prev->kernel_sp);
}

void schedule_abandoning_stack(void)
{
	uint32_t abandoned;

	need_resched = false;
	switch_stacks(pick_next(), &abandoned);
	panic("an abandoned stack was resumed");
}

void schedule(void)
{
	need_resched = false;
	if (current->state == THREAD_READY)
		ready_enqueue(current);
	switch_to(pick_next());
}

void thread_wake(struct tcb *t)
{
	t->state = THREAD_READY;
	ready_enqueue(t);
	if (t->priority > current->priority || current == idle_thread)
		need_resched = true;
}

/* Round robin: when the slice runs out, go to the back of the queue. */
void sched_tick(void)
{
	struct tcb *t = current;

	if (t == idle_thread)
		return;
	t->consumed++;
	if (--t->remaining)
		return;
	t->remaining = t->timeslice;
	ready_dequeue(t);
	ready_enqueue(t);
	need_resched = true;
}

void sched_idle_loop(void)
{
	for (;;) {
		interrupts_disable();
		if (need_resched || highest_ready_priority() >= 0)
			schedule();
		cpu_idle();
	}
}
