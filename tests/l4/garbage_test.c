/* Any register value handed to any call gets an error code or is ignored,
 * never a kernel fault: ids, descriptors, fpages and pointers into kernel
 * space, the small-space region and beyond. */
#include "support.h"

static const uint32_t garbage[] = {
	0, 1, 2, 3, 0xffffffff, 0xfffffff0, 0x80000000, 0x7fffffff, 0xbffffffc, 0xc0000000,
	0xdead0000, 0xe0000000, 0xe0001000, 0xf0000000, 0xf0100000, 0xfffff000, 0x12345679,
	L4_WHOLE_SPACE, L4_FPAGE(0xf0000000, 28, 1), L4_FPAGE(0, 31, 1) | 1,
};
#define GARBAGE (sizeof(garbage) / sizeof(garbage[0]))

KTAP_CASE(garbage, ipc_descriptors_and_ids)
{
	struct l4_kernel_counters before = counters_now();
	uint32_t errors = 0;

	for (uint32_t i = 0; i < GARBAGE; i++) {
		for (uint32_t j = 0; j < GARBAGE; j++) {
			struct l4_words w = words(garbage[i], garbage[j], garbage[i] ^ garbage[j]);
			uint32_t r = l4_ipc(garbage[j], garbage[i], garbage[j], l4_timeouts(0, 0),
					    &w, NULL);

			errors += l4_ipc_error(r) != 0;
		}
	}
	EXPECT(errors > GARBAGE * GARBAGE / 2);
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
	EXPECT_EQ(counters_now().tcbs, before.tcbs);
}

/* Memory messages whose buffers point into the kernel or at user pages
 * nobody maps: the partner exists and waits, so the kernel really has to
 * read them. The receiver bounds page faults in the sender's space (our
 * pager, sigma0, does not answer for addresses it does not own). */
static void open_receiver(uint32_t unused)
{
	struct l4_words w;

	(void)unused;
	for (;;)
		l4_ipc_wait(0xf0100000, &w, l4_timeouts_pf(0, L4_US_NEVER, 0, MS(5)), NULL);
}

KTAP_CASE(garbage, memory_messages_in_kernel_space)
{
	l4_threadid_t r = spawn_thread(open_receiver, 0);
	struct l4_words w = words(0, 0, 0);

	l4_sleep(MS(10));
	for (uint32_t i = 0; i < GARBAGE; i++) {
		uint32_t res = l4_ipc_send(r, garbage[i] & ~3u, &w, l4_timeouts(MS(10), 0));

		if (garbage[i] & ~3u)
			EXPECT(l4_ipc_error(res) != 0);
	}
	kill_thread(r);
}

KTAP_CASE(garbage, other_calls)
{
	struct l4_kernel_counters before = counters_now();

	for (uint32_t i = 0; i < GARBAGE; i++) {
		l4_id_nearest(garbage[i]);
		l4_fpage_unmap(garbage[i] & ~0xfffu ? garbage[i] : L4_FPAGE(0x10000000, 28, 1), 0);
		EXPECT(l4_thread_schedule(garbage[i], L4_SCHED_PARAM(255, 1)).old_param ==
		       L4_SCHED_FAILED || garbage[i] == 0);
		if (garbage[i] != 0 && garbage[i] != L4_NIL_ID) {
			EXPECT_EQ(l4_task_new(garbage[i], garbage[i], garbage[i], garbage[i],
					      garbage[i]), L4_NIL_ID);
		}
		EXPECT_EQ(l4_kdebug(L4_KDEBUG_PUTS, garbage[i] | 0xc0000000, 16),
			  L4_KDEBUG_FAILED);
		EXPECT_EQ(l4_kdebug(L4_KDEBUG_COUNTERS, garbage[i] | 0xc0000000,
				    sizeof(struct l4_kernel_counters)), L4_KDEBUG_FAILED);
		l4_kdebug(garbage[i] + 100, garbage[i], garbage[i]);
	}
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
	EXPECT_EQ(counters_now().tasks, before.tasks);
}
