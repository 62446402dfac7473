/* sched.h: the scheduler. 256 hard priorities, round robin with time slices
 * inside one priority, an idle thread when nothing is ready.
 *
 * Lazy queueing: a thread that blocks stays in the ready queue until the
 * scheduler passes it and drops it; a thread switched to directly (IPC
 * handoff) is not queued until it is preempted. So: every ready thread that
 * is not running is queued, but for the one IPC partner sched_handoff names
 * between its wake-up and the sender's switch (in one kernel entry); the
 * running one may or may not be. */
#pragma once

#include <stdbool.h>
#include "tcb.h"

#define DEFAULT_TIMESLICE_TICKS 10

/* What context_switch pops for a thread that has never run. */
struct switch_frame {
	uint32_t edi, esi, ebx, ebp;
	uint32_t eip;
};

extern bool need_resched;

void sched_init(struct tcb *idle);
void ready_enqueue(struct tcb *t);
void ready_dequeue(struct tcb *t);
/* Makes t ready and asks for a reschedule if it outranks the running thread. */
void thread_wake(struct tcb *t);
/* thread_wake for the partner of an IPC whose sender blocks next (a call,
 * a reply and wait): t is not queued but handed the processor by the
 * sender's switch if nothing ready outranks it, as the fast path does. The
 * switch queues it otherwise; sched_flush_handoff queues it if the sender
 * goes on without one. */
void thread_wake_handoff(struct tcb *t);
extern struct tcb *sched_handoff;
void sched_flush_handoff_slow(void);
static inline void sched_flush_handoff(void)
{
	if (sched_handoff)
		sched_flush_handoff_slow();
}
/* Runs the best ready thread (the current one if it still is). */
void schedule(void);
/* Runs `next` now, keeping current queued if it is still ready. */
void switch_to(struct tcb *next);
/* schedule() for a blocked thread whose kernel_sp is already set to resume
 * it elsewhere: its present stack is not saved. */
void schedule_abandoning_stack(void) __attribute__((noreturn));
/* May the IPC fast path switch from current (blocking) to a partner of lower
 * priority? Only if nothing ready ranks above the partner. */
bool sched_fast_handoff_ok(const struct tcb *partner);
/* Called every clock tick. */
void sched_tick(void);
/* The idle loop; never returns. */
void sched_idle_loop(void) __attribute__((noreturn));
