/* Threads and tasks: creation, lthread_ex_regs, deletion with clean-up of
 * everything they held, and task_new's rules. */
#include "support.h"
#include <l4/sigma0.h>

static volatile uint32_t runs;

static void count_and_sleep(uint32_t n)
{
	runs += n;
}

static void receive_forever(uint32_t source)
{
	struct l4_words w;

	l4_ipc_receive(source, L4_IPC_SHORT_MSG, &w, NEVER);
	runs += 1000;
}

KTAP_CASE(thread, create_runs_and_reads_back)
{
	struct l4_kernel_counters before = counters_now();
	l4_threadid_t a, b;
	struct l4_exregs r;

	runs = 0;
	a = spawn_thread(count_and_sleep, 3);
	b = spawn_thread(count_and_sleep, 4);
	l4_sleep(MS(20));
	EXPECT_EQ(runs, 7);
	EXPECT_EQ(counters_now().tcbs, before.tcbs + 2);
	r = l4_lthread_ex_regs(l4_lthread_of(a), L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED,
			       L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	EXPECT_EQ(r.id, a);
	EXPECT_EQ(r.pager, pager_id());
	EXPECT(r.eflags & 0x200);	/* interrupts on in user mode */
	EXPECT(r.esp > 0x400000 && r.esp < 0x500000);
	kill_thread(a);
	kill_thread(b);
	EXPECT_EQ(counters_now().tcbs, before.tcbs);
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
}

/* A new eip and esp move a blocked thread: it leaves its receive (which
 * never completes) and runs count_and_sleep(5) on a fresh stack. */
static uint32_t moved_stack[256];

KTAP_CASE(thread, ex_regs_moves_a_thread)
{
	l4_threadid_t a = spawn_thread(receive_forever, L4_NIL_ID);
	uint32_t *sp = &moved_stack[254];
	struct l4_exregs r;

	runs = 0;
	sp[0] = (uint32_t)l4_sleep_forever;	/* return address */
	sp[1] = 5;				/* argument */
	l4_sleep(MS(20));
	r = l4_lthread_ex_regs(l4_lthread_of(a), (uint32_t)count_and_sleep, (uint32_t)sp,
			       L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	EXPECT(r.eip != (uint32_t)count_and_sleep);
	EXPECT(r.esp != (uint32_t)sp);
	l4_sleep(MS(20));
	EXPECT_EQ(runs, 5);
	kill_thread(a);
}

KTAP_CASE(thread, ex_regs_bad_arguments)
{
	struct l4_exregs r;

	r = l4_lthread_ex_regs(0x40 | 5, 0, 0, 0, 0);	/* stray flag bits */
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);
	r = l4_lthread_ex_regs(30, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED,
			       L4_EXREGS_UNCHANGED);	/* create without eip and esp */
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);
	r = l4_lthread_ex_regs(l4_lthread_of(l4_myself()) | L4_EXREGS_DELETE, 0, 0, 0, 0);
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);	/* not itself */
	r = l4_lthread_ex_regs(29 | L4_EXREGS_DELETE, 0, 0, 0, 0);
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);	/* not a thread that does not exist */
	r = l4_lthread_ex_regs(L4_SIGMA0_ID, 0, 0, 0, 0);	/* another task's thread id */
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);
	r = l4_lthread_ex_regs(L4_SIGMA0_ID | L4_EXREGS_DELETE, 0, 0, 0, 0);
	EXPECT_EQ(r.eflags, L4_EXREGS_FAILED);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_KIP, 0, L4_WHOLE_SPACE, NULL), L4_SIGMA0_OK);
}

/* Deleting a thread fails those waiting for it: senders queued at it and
 * closed receivers waiting for it, with "nonexistent partner". */
static volatile uint32_t waiter_result;

static void send_and_record(uint32_t dest)
{
	struct l4_words w = words(1, 2, 3);

	waiter_result = l4_ipc_send(dest, L4_IPC_SHORT_MSG, &w, NEVER);
}

static void receive_and_record(uint32_t source)
{
	struct l4_words w;

	waiter_result = l4_ipc_receive(source, L4_IPC_SHORT_MSG, &w, NEVER);
}

KTAP_CASE(thread, delete_fails_waiting_partners)
{
	l4_threadid_t victim = spawn_thread(receive_forever, L4_NIL_ID), waiter;

	waiter_result = 0;
	waiter = spawn_thread(send_and_record, victim);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_thread_schedule(waiter, L4_SCHED_UNCHANGED).state, L4_STATE_SENDING);
	kill_thread(victim);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(waiter_result), L4_IPC_ENOT_EXISTENT);
	kill_thread(waiter);

	victim = spawn_thread(receive_forever, L4_NIL_ID);
	waiter_result = 0;
	waiter = spawn_thread(receive_and_record, victim);
	l4_sleep(MS(20));
	kill_thread(victim);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(waiter_result), L4_IPC_ENOT_EXISTENT);
	kill_thread(waiter);
}

/* ---- tasks -------------------------------------------------------------------- */

static void report_to(uint32_t dest)
{
	struct l4_words w = words(0x600d, 0, 0);

	l4_ipc_send(dest, L4_IPC_SHORT_MSG, &w, NEVER);
}

/* A task with several threads, all blocked in different ways, is deleted:
 * its memory, TCBs and task slot come back, and root threads blocked on its
 * threads fail cleanly. */
static void busy_task(uint32_t root)
{
	l4_threadid_t waiter = spawn_thread(receive_forever, L4_NIL_ID);

	(void)waiter;
	spawn_thread(send_and_record, root);
	report_to(root);
	receive_forever(L4_NIL_ID);
}

KTAP_CASE(task, delete_cleans_up)
{
	struct l4_kernel_counters before = counters_now();
	l4_threadid_t child, root_sender;
	struct l4_words w;
	uint32_t r;

	child = spawn_task(busy_task, l4_myself());
	r = l4_ipc_receive(child, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, MS(500)));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	EXPECT_EQ(w.w0, 0x600d);
	EXPECT_EQ(counters_now().tasks, before.tasks + 1);
	EXPECT(counters_now().tcbs >= before.tcbs + 3);
	waiter_result = 0;
	root_sender = spawn_thread(send_and_record, child);
	l4_sleep(MS(20));
	kill_task(child);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(waiter_result), L4_IPC_ENOT_EXISTENT);
	kill_thread(root_sender);
	EXPECT_EQ(counters_now().tasks, before.tasks);
	EXPECT_EQ(counters_now().tcbs, before.tcbs);
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
	EXPECT_EQ(counters_now().mapping_nodes, before.mapping_nodes);
}

static volatile l4_threadid_t stolen;

static void try_task_new(uint32_t victim)
{
	stolen = l4_task_new(victim, 255, 0, 0, pager_id());
}

KTAP_CASE(task, task_new_rules)
{
	l4_threadid_t a = spawn_task(report_to, L4_NIL_ID), b;

	/* only the chief: a child may not recreate a sibling */
	stolen = 1;
	b = spawn_task(try_task_new, a);
	l4_sleep(MS(20));
	EXPECT_EQ(stolen, L4_NIL_ID);
	/* nor may anybody make the kernel's task, an id with stray bits, or
	 * delete an active task through a stale version */
	EXPECT_EQ(l4_task_new(l4_make_id(0, 0, 1), 255, 0, 0, pager_id()), L4_NIL_ID);
	EXPECT_EQ(l4_task_new(a | 0x80000000, 255, 0, 0, pager_id()), L4_NIL_ID);
	EXPECT_EQ(l4_task_new(a | L4_LTHREAD_MASK, 255, 0, 0, pager_id()), L4_NIL_ID);
	EXPECT_EQ(l4_task_new(a ^ 1, 255, 0, 0, pager_id()), L4_NIL_ID);
	EXPECT_EQ(l4_task_new(l4_myself(), 255, 0, 0, pager_id()), L4_NIL_ID);
	EXPECT(l4_id_nearest(a) == a);
	kill_task(a);
	kill_task(b);
	EXPECT_EQ(l4_id_nearest(a), L4_NIL_ID);
}

/* A clan 80 deep (each task the chief of the next) goes with its root in
 * one task_new; everything comes back. */
#define CHAIN 80
#define CHAIN_FIRST_TASK 600

static uint32_t chain_stacks[CHAIN][256];
static volatile uint32_t chain_started;

static void chain_link(uint32_t k)
{
	chain_started++;
	if (k + 1 < CHAIN) {
		uint32_t *sp = &chain_stacks[k + 1][254];

		sp[1] = k + 1;		/* argument; sp[0] is the return address */
		l4_task_new(l4_make_id(CHAIN_FIRST_TASK + k + 1, 0, 0), 255, (uint32_t)sp,
			    (uint32_t)chain_link, pager_id());
	}
	l4_sleep_forever();
}

KTAP_CASE(task, deep_clan_deleted_at_once)
{
	struct l4_kernel_counters before;
	uint32_t *sp = &chain_stacks[0][254];
	l4_threadid_t first;

	l4_sleep(MS(20));		/* the previous case's children are gone */
	before = counters_now();
	chain_started = 0;
	for (uint32_t k = 1; k < CHAIN; k++)	/* number k belongs to task k - 1 */
		l4_task_new(l4_make_id(CHAIN_FIRST_TASK + k, 0, 0),
			    l4_make_id(CHAIN_FIRST_TASK + k - 1, 0, 0), 0, 0, L4_NIL_ID);
	sp[1] = 0;
	first = l4_task_new(l4_make_id(CHAIN_FIRST_TASK, 0, 0), 255, (uint32_t)sp,
			    (uint32_t)chain_link, pager_id());
	if (!EXPECT(first != L4_NIL_ID))
		return;
	for (int i = 0; i < 50 && chain_started < CHAIN; i++)
		l4_sleep(MS(10));
	EXPECT_EQ(chain_started, CHAIN);
	EXPECT_EQ(counters_now().tasks, before.tasks + CHAIN);
	l4_task_new(first, l4_myself(), 0, 0, L4_NIL_ID);
	EXPECT_EQ(counters_now().tasks, before.tasks);
	EXPECT_EQ(counters_now().tcbs, before.tcbs);
	EXPECT_EQ(counters_now().mapping_nodes, before.mapping_nodes);
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
	/* the numbers the chain owned came back to us, version bumped */
	first = l4_task_new(l4_make_id(CHAIN_FIRST_TASK + CHAIN - 1, 0, 0), 255, 0, 0, L4_NIL_ID);
	EXPECT(first == L4_NIL_ID);	/* nil pager: just stays ours, inactive */
}
