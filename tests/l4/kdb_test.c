/* The kernel debugger on request: a boot task enters it; the dump (thread
 * list, our mappings) is checked in the log by the harness (l4-core and
 * kdb-serial cases), and the call returns. An ordinary task's request is
 * only logged: with kdb=serial it must not stop the machine for a prompt.
 * kdebug faults no pages in: a reason not yet mapped is refused. */
#include "support.h"

static volatile uint32_t ordinary_answer;

static void ordinary_request(uint32_t unused)
{
	static const char reason[] = "requested by an ordinary task";

	(void)unused;
	ordinary_answer = l4_kdebug(L4_KDEBUG_ENTER, (uint32_t)reason, 0);	/* not mapped yet */
	(void)*(volatile const char *)reason;					/* now it is */
	if (ordinary_answer == L4_KDEBUG_FAILED)
		ordinary_answer = l4_kdebug(L4_KDEBUG_ENTER, (uint32_t)reason, 0);
	l4_sleep_forever();
}

KTAP_CASE(kdb, ordinary_task_only_logged)
{
	l4_threadid_t ordinary;

	ordinary_answer = 0x12345678;
	ordinary = spawn_task(ordinary_request, 0);
	l4_sleep(MS(20));
	EXPECT_EQ(ordinary_answer, 0);
	kill_task(ordinary);
}

KTAP_CASE(kdb, dump_on_request)
{
	static const char reason[] = "requested by the kdb test";

	EXPECT_EQ(l4_kdebug(L4_KDEBUG_ENTER, (uint32_t)reason, 0), 0);
}
