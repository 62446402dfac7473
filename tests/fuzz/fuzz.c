/* The system-call fuzzer (boot task after sigma0). kernel command line:
 * fuzz.seed=N fuzz.count=M (defaults 1 and 2000).
 *
 * A child task makes M system calls with arguments drawn from pools of
 * live, stale and garbage thread ids, fpages (kernel space, I/O ports of the
 * kernel, the whole space), timeouts (zero and short: a fuzzer must not
 * block for good) and pointers (kernel, unmapped, straddling 3 GB), logging
 * each call before making it so a crash names it. Its threads and tasks may
 * run wild and fault. Meanwhile a sentinel task must keep answering pings,
 * and a canary page of ours (which the fuzzer is never given) must not
 * change. Afterwards the fuzzer's task is deleted and free frames, TCBs,
 * mapping nodes and tasks must be back at their baseline. */
#include <l4/kip.h>
#include <l4/runtime.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <libc/string.h>
#include <stdbool.h>
#include <tessera/ktap.h>

#define FUZZ_TASK	40
#define SENTINEL_TASK	41
#define FUZZ_OWN_TASKS	42	/* 42..45 belong to the fuzzer */
#define FUZZ_OWN_COUNT	4
#define FUZZ_PRIORITY	80	/* below ours and the sentinel's: it cannot starve us; */
#define FUZZ_MCP	80	/* nor its wild threads its main thread, */
#define WILD_PRIORITY	70	/* which they stay below */

extern char _end[];

static uint8_t canary[4096] __attribute__((aligned(4096)));
static uint8_t fuzz_buffer[16384] __attribute__((aligned(4096)));
static uint8_t stacks[3][4096] __attribute__((aligned(4096)));
static uint8_t wild_stack[4096] __attribute__((aligned(4096)));	/* exception frames land here */
static volatile uint32_t calls_done, seed, count;

/* Everything here receives from the fuzzer's threads, whose message
 * buffers may lie on pages nobody maps: faults in the sender's space are
 * bounded (2 ms), as an L4 server must do with untrusted clients. */
#define WAIT_FOREVER	l4_timeouts_pf(0, L4_US_NEVER, 0, 2000)
#define REPLY		l4_timeouts_pf(0, L4_US_NEVER, 0, 2000)
static l4_threadid_t sentinel, fuzzer, pager;

/* ---- the pager of our children: our pages, never the canary --------------- */

static void serve(void)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, WAIT_FOREVER, &client);

	for (;;) {
		uint32_t page = w.w0 & ~0xfffu, desc = L4_IPC_DESC_MAP;

		if (l4_ipc_error(r) || L4_IS_EXCEPTION_MSG(w.w0) || page < 0x400000 ||
		    page >= (uint32_t)_end) {
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, WAIT_FOREVER, &client);
			continue;
		}
		if (page == (uint32_t)canary) {		/* refused, with an answer */
			desc = L4_IPC_SHORT_MSG;
			w = (struct l4_words){ 0, 0, 0 };
		} else {	/* the fuzzer's own tasks get nothing they could scribble on */
			bool child = l4_task_of(client) >= FUZZ_OWN_TASKS &&
				     l4_task_of(client) < FUZZ_OWN_TASKS + FUZZ_OWN_COUNT;

			w = (struct l4_words){ page, L4_FPAGE(page, 12, !child), 0 };
		}
		r = l4_ipc_reply_and_wait(client, desc, L4_IPC_SHORT_MSG, &w, REPLY, &client);
	}
}

static void sentinel_loop(void)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, WAIT_FOREVER, &client);

	for (;;) {
		if (l4_ipc_error(r)) {
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, WAIT_FOREVER, &client);
			continue;
		}
		w.w0 = ~w.w0;
		r = l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, REPLY,
					  &client);
	}
}

/* ---- the fuzzer ----------------------------------------------------------------- */

static uint32_t rng;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t pick(const uint32_t *pool, uint32_t n)
{
	return (next() & 3) == 0 ? next() : pool[next() % n];	/* 1 in 4 fully random */
}

static uint32_t ids[16], fpages[12], pointers[10], timeouts[6], entries[4];

/* Where the fuzzer's threads and tasks may start: a loop that blocks in a
 * receive from nobody without touching memory (its registers are all it
 * has), or addresses that fault at once. Random code in the fuzzer's own
 * space would scribble over the fuzzer (and the pages it shares with us). */
__asm__(".text\n"
	"wild_entry:\n\t"
	"movl $0xffffffff, %eax\n\t"
	"xorl %ebp, %ebp\n\t"
	"xorl %esi, %esi\n\t"
	"xorl %ecx, %ecx\n\t"
	"int $0x30\n\t"
	"jmp wild_entry");
void wild_entry(void);

static void fill_pools(l4_threadid_t root)
{
	uint32_t i = 0;

	ids[i++] = L4_NIL_ID;
	ids[i++] = 0xffffffff;
	ids[i++] = root;
	ids[i++] = sentinel;
	ids[i++] = sentinel + 1;			/* stale version */
	ids[i++] = l4_myself();
	ids[i++] = l4_myself() + (1u << L4_LTHREAD_SHIFT);
	ids[i++] = pager;
	ids[i++] = L4_SIGMA0_ID;
	ids[i++] = L4_IRQ_ID(8);
	ids[i++] = L4_IRQ_ID(0);
	ids[i++] = l4_make_id(FUZZ_OWN_TASKS, 0, 1);
	ids[i++] = l4_make_id(FUZZ_OWN_TASKS + 1, 0, 2);
	ids[i++] = l4_make_id(1000, 31, 4095);
	ids[i++] = 0x12345678;
	ids[i++] = l4_make_id(0, 0, 1);
	i = 0;
	fpages[i++] = L4_WHOLE_SPACE;
	fpages[i++] = L4_FPAGE(0xf0000000, 28, 1);	/* the kernel */
	fpages[i++] = L4_FPAGE(0xc0000000, 29, 1);	/* small spaces */
	fpages[i++] = L4_FPAGE((uint32_t)fuzz_buffer, 12, 1);
	fpages[i++] = L4_FPAGE((uint32_t)fuzz_buffer, 14, 1) | L4_FPAGE_GRANT;
	fpages[i++] = L4_FPAGE((uint32_t)canary, 12, 1);
	fpages[i++] = L4_FPAGE(0, 22, 1);
	fpages[i++] = L4_IO_FPAGE(0x20, 1);		/* the PIC */
	fpages[i++] = L4_IO_FPAGE(0, 16);		/* every port */
	fpages[i++] = L4_IO_FPAGE(0x70, 1);
	fpages[i++] = 0;
	fpages[i++] = 0xffffffff;
	entries[0] = (uint32_t)wild_entry;
	entries[1] = 0x70000000;
	entries[2] = 0xf0100000;
	entries[3] = 0;
	i = 0;
	pointers[i++] = 0;
	pointers[i++] = (uint32_t)fuzz_buffer;
	pointers[i++] = (uint32_t)fuzz_buffer + 4093;
	pointers[i++] = 0xbffffffc;			/* straddles 3 GB */
	pointers[i++] = 0xbffff000;			/* the KIP: read-only */
	pointers[i++] = 0xc0000000;
	pointers[i++] = 0xf0100000;			/* the kernel */
	pointers[i++] = 0x70000000;			/* nothing there */
	pointers[i++] = (uint32_t)canary;
	pointers[i++] = 0xfffffffc;
	/* every timeout is bounded, page-fault waits too: a fuzzer that blocks
	 * for good fuzzes nothing */
	i = 0;
	timeouts[i++] = l4_timeouts_pf(0, 0, 0, 0);
	timeouts[i++] = l4_timeouts_pf(100, 100, 100, 100);
	timeouts[i++] = l4_timeouts_pf(1000, 0, 0, 1000);
	timeouts[i++] = l4_timeouts_pf(0, 500, 200, 200);
	timeouts[i++] = l4_timeouts_pf(200, 200, 0, 0);
	timeouts[i++] = l4_timeouts_pf(0, 2000, 100, 0);
}

#define POOL(p) pick(p, sizeof(p) / sizeof((p)[0]))

static void one_call(uint32_t n)
{
	uint32_t op = next() % 10, a = POOL(ids), b = POOL(fpages), c = POOL(pointers);
	uint32_t d = timeouts[next() % (sizeof(timeouts) / sizeof(timeouts[0]))];
	uint32_t e = entries[next() % 4], sp = (uint32_t)wild_stack + 2048;
	struct l4_words w = { next(), next(), next() };

	l4_printf("fuzz: #%u op %u %#x %#x %#x %#x\n", n, op, a, b, c, d);
	switch (op) {
	case 0:		/* ipc, any descriptors */
		l4_ipc(a, next() & 1 ? c : (next() & 3), next() & 1 ? c | (next() & 3)
			: L4_IPC_NIL_DESCRIPTOR, d, &w, NULL);
		break;
	case 1:
		l4_ipc(a, L4_IPC_DESC_MAP, b | L4_IPC_DESC_MAP, d, &(struct l4_words){ c, b, 0 },
		       NULL);
		break;
	case 2:
		l4_id_nearest(a);
		break;
	case 3:
		l4_fpage_unmap(b, next());
		break;
	case 4:
		l4_thread_switch(a);
		break;
	case 5:		/* hard priorities: lowering ourselves would starve us */
		l4_thread_schedule(a, next() & 1 || a == l4_myself() ? L4_SCHED_UNCHANGED : next());
		break;
	case 6: {	/* other lthreads of ours, never lthread 0 itself */
		struct l4_exregs r = l4_lthread_ex_regs((1 + next() % 31) |
							(next() & 1 ? L4_EXREGS_DELETE : 0),
							e, sp, a, next() & 1 ? e : 0);

		if (r.eflags != L4_EXREGS_FAILED && r.id)
			l4_thread_schedule(r.id, L4_SCHED_PARAM(WILD_PRIORITY, 0));
		break;
	}
	case 7:
		l4_task_new(next() & 1 ? l4_make_id(FUZZ_OWN_TASKS + next() % FUZZ_OWN_COUNT, 0, 0)
				       : a, next() & 0xff, sp, e, next() & 1 ? pager : a);
		break;
	case 8:
		l4_segment_set(next() % 4, c, next(), next() & 1);
		break;
	default:
		l4_kdebug(next() % 8 == 3 ? 3 : 1 + next() % 6, c, next() % 64);
		l4_irq_give(next() % 17, a);
	}
}

static void fuzz_main(void)
{
	struct l4_words w;
	l4_threadid_t root;

	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &root);
	rng = seed ? seed : 1;
	fill_pools(root);
	for (uint32_t n = 0; n < count; n++) {
		one_call(n);
		calls_done = n + 1;
	}
	w = (struct l4_words){ 0xd0e, 0, 0 };
	l4_ipc_send(root, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
	l4_sleep_forever();
}

/* ---- the controller ---------------------------------------------------------- */

static uint32_t number_after(const char *cmdline, const char *key, uint32_t fallback)
{
	const char *p = strstr(cmdline, key);
	uint32_t v = 0;

	if (!p)
		return fallback;
	for (p += strlen(key); *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (uint32_t)(*p - '0');
	return v;
}

static bool canary_intact(void)
{
	for (uint32_t i = 0; i < sizeof(canary); i++)
		if (canary[i] != (uint8_t)(i * 13 + 7))
			return false;
	return true;
}

static struct l4_kernel_counters counters(void)
{
	struct l4_kernel_counters c;

	memset(&c, 0, sizeof(c));
	l4_kdebug_counters(&c);
	return c;
}

static uint32_t pings_answered, pings_sent;
static struct l4_kernel_counters baseline;
static bool fuzz_finished;

static void run_fuzzer(void)
{
	const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;
	struct l4_words w = { 0, 0, 0 };
	uint32_t waited = 0;

	seed = number_after(kip->cmdline, "fuzz.seed=", 1);
	count = number_after(kip->cmdline, "fuzz.count=", 2000);
	l4_printf("fuzz: seed %u, %u calls\n", seed, count);
	for (uint32_t i = 0; i < sizeof(canary); i++)
		canary[i] = (uint8_t)(i * 13 + 7);
	pager = l4_lthread_ex_regs(1, (uint32_t)serve, (uint32_t)stacks[0] + 4000, L4_NIL_ID,
				   0).id;
	sentinel = l4_task_new(l4_make_id(SENTINEL_TASK, 0, 0), 255,
			       (uint32_t)stacks[1] + 4000, (uint32_t)sentinel_loop, pager);
	l4_sleep(10000);
	baseline = counters();
	for (uint32_t i = 0; i < FUZZ_OWN_COUNT; i++)	/* the fuzzer owns these */
		l4_task_new(l4_make_id(FUZZ_OWN_TASKS + i, 0, 0),
			    l4_make_id(FUZZ_TASK, 0, 0), 0, 0, L4_NIL_ID);
	fuzzer = l4_task_new(l4_make_id(FUZZ_TASK, 0, 0), FUZZ_MCP, (uint32_t)stacks[2] + 4000,
			     (uint32_t)fuzz_main, pager);
	l4_thread_schedule(fuzzer, L4_SCHED_PARAM(FUZZ_PRIORITY, 0));
	l4_ipc_send(fuzzer, L4_IPC_SHORT_MSG, &w, l4_timeouts(1000000, 0));
	/* ping the sentinel while waiting for the fuzzer's "done" */
	while (waited++ < 6000) {
		struct l4_words ping = { pings_sent, 0, 0 };
		uint32_t r;

		pings_sent++;
		r = l4_ipc_call(sentinel, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &ping,
				l4_timeouts(100000, 100000));
		if (!l4_ipc_error(r) && ping.w0 == ~(pings_sent - 1))
			pings_answered++;
		r = l4_ipc_receive(fuzzer, L4_IPC_SHORT_MSG, &w,
				   l4_timeouts_pf(0, 10000, 0, 2000));
		if (!l4_ipc_error(r) && w.w0 == 0xd0e) {
			fuzz_finished = true;
			break;
		}
	}
	l4_printf("fuzz: %u of %u calls made, %u of %u pings answered\n", calls_done, count,
		  pings_answered, pings_sent);
	if (!fuzz_finished) {
		struct l4_sched_info info = l4_thread_schedule(fuzzer, L4_SCHED_UNCHANGED);

		l4_printf("fuzz: the fuzzer's main thread is in state %u, partner %#x, "
			  "%u ms run\n", info.state, info.partner, info.time_ms);
	}
	l4_task_new(fuzzer, l4_myself(), 0, 0, L4_NIL_ID);
	l4_sleep(20000);
}

KTAP_CASE(fuzz, every_call_made)
{
	EXPECT(fuzz_finished);
	EXPECT_EQ(calls_done, count);
}

KTAP_CASE(fuzz, sentinel_kept_answering)
{
	EXPECT(pings_sent > 0);
	EXPECT_EQ(pings_answered, pings_sent);
}

KTAP_CASE(fuzz, canary_unchanged)
{
	EXPECT(canary_intact());
}

KTAP_CASE(fuzz, kernel_memory_back_at_baseline)
{
	struct l4_kernel_counters now = counters();

	EXPECT_EQ(now.tasks, baseline.tasks);
	EXPECT_EQ(now.tcbs, baseline.tcbs);
	EXPECT_EQ(now.mapping_nodes, baseline.mapping_nodes);
	EXPECT_EQ(now.free_frames, baseline.free_frames);
}

int main(void)
{
	run_fuzzer();
	return ktap_run_suites("fuzz", l4_emit, NULL) ? 1 : 0;
}
