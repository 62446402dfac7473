/* Scheduling: hard priorities, round robin inside one priority,
 * thread_switch, and who may change a thread's priority. */
#include "support.h"

#define LOG_MAX 64

static volatile uint32_t log[LOG_MAX], log_len;

static void log_once(uint32_t tag)
{
	uint32_t i = __atomic_fetch_add(&log_len, 1, __ATOMIC_RELAXED);

	if (i < LOG_MAX)
		log[i] = tag;
}

static void set_priority(l4_threadid_t t, uint32_t prio)
{
	l4_thread_schedule(t, L4_SCHED_PARAM(prio, 0));
}

/* Three threads below the root's priority become ready at once; when the
 * root sleeps they run highest first, each to completion. */
KTAP_CASE(sched, priorities_order_execution)
{
	uint32_t prio[3] = { 50, 70, 60 };
	l4_threadid_t th[3];

	log_len = 0;
	for (int i = 0; i < 3; i++) {
		th[i] = spawn_thread(log_once, prio[i]);
		set_priority(th[i], prio[i]);
	}
	EXPECT_EQ(log_len, 0);		/* the root outranks them: none ran yet */
	l4_sleep(MS(20));
	EXPECT_EQ(log_len, 3);
	EXPECT_EQ(log[0], 70);
	EXPECT_EQ(log[1], 60);
	EXPECT_EQ(log[2], 50);
	for (int i = 0; i < 3; i++)
		kill_thread(th[i]);
}

/* Three busy threads at one priority share the processor in turns: each
 * notes when it finds itself running after another one did. */
#define TURNS 9

static volatile uint32_t turn_owner, turns_done;

static void spinner(uint32_t tag)
{
	while (log_len < TURNS) {
		if (turn_owner != tag) {
			turn_owner = tag;
			log_once(tag);
		}
	}
	turns_done++;
}

KTAP_CASE(sched, round_robin_within_a_priority)
{
	l4_threadid_t th[3];
	uint32_t seen[3] = { 0, 0, 0 };

	log_len = 0;
	turns_done = 0;
	turn_owner = 99;
	for (int i = 0; i < 3; i++) {
		th[i] = spawn_thread(spinner, (uint32_t)i);
		l4_thread_schedule(th[i], L4_SCHED_PARAM(40, 2));
	}
	l4_sleep(MS(200));
	EXPECT_EQ(turns_done, 3);
	EXPECT(log_len >= TURNS);
	for (uint32_t i = 0; i < TURNS; i++) {
		if (EXPECT(log[i] < 3))
			seen[log[i]]++;
		if (i >= 3)
			EXPECT_EQ(log[i], log[i - 3]);	/* A B C A B C ... */
	}
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(seen[i], TURNS / 3);
		kill_thread(th[i]);
	}
}

KTAP_CASE(sched, thread_switch_donates)
{
	l4_threadid_t th;

	log_len = 0;
	th = spawn_thread(log_once, 9);
	set_priority(th, 10);
	l4_thread_switch(th);
	EXPECT_EQ(log_len, 1);
	l4_thread_switch(L4_NIL_ID);		/* yield: nothing else at our level */
	kill_thread(th);
}

static volatile uint32_t child_sched_result;

static void raise_root(uint32_t root)
{
	child_sched_result = l4_thread_schedule(root, L4_SCHED_PARAM(200, 0)).old_param;
}

KTAP_CASE(sched, schedule_permissions)
{
	l4_threadid_t me = l4_myself(), child;
	struct l4_sched_info info = l4_thread_schedule(me, L4_SCHED_UNCHANGED);

	EXPECT_EQ(L4_SCHED_PRIORITY(info.old_param), 100);
	EXPECT_EQ(info.state, L4_STATE_RUNNING);
	child_sched_result = 0;
	child = spawn_task(raise_root, me);
	l4_sleep(MS(20));
	EXPECT_EQ(child_sched_result, L4_SCHED_FAILED);	/* not an ancestor of the root */
	EXPECT_EQ(L4_SCHED_PRIORITY(l4_thread_schedule(me, L4_SCHED_UNCHANGED).old_param), 100);
	EXPECT_EQ(l4_thread_schedule(l4_make_id(999, 1, 1), L4_SCHED_UNCHANGED).old_param,
		  L4_SCHED_FAILED);
	/* the root may change its child */
	EXPECT(l4_thread_schedule(child, L4_SCHED_PARAM(90, 0)).old_param != L4_SCHED_FAILED);
	kill_task(child);
}
