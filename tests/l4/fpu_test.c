/* The FPU: every thread has x87 registers of its own. A thread's first FPU
 * instruction finds them initialised, whatever another thread left; values
 * and the control word survive IPC (fast and general path) and preemption;
 * a thread that never uses the FPU costs no save or load (fpu.h). */
#include "support.h"
#include "../linux/x87_stack.h"
#include <stdbool.h>

#define CW_DEFAULT	0x037f	/* fninit: all masked, extended precision, nearest */
#define CW_ZERO		0x0f7f	/* rounding toward zero */
#define CW_SINGLE	0x007f	/* single precision */
#define TAG_EMPTY	0xffff

struct fpu_env {		/* what fnstenv stores in 32-bit protected mode */
	uint32_t cw, sw, tw, ip, cs, dp, ds;
};

static void fpu_env(struct fpu_env *e)
{
	__asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(*e));
}

/* ---- IPC between a thread using the FPU and one that does too, or not ---- */

static volatile uint32_t first_cw, first_top, first_tag, partner_rounds_ok;

/* Notes what its first FPU instruction finds, fills the registers with its
 * own values, and on every call checks and refills them. */
static void fpu_partner(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;
	struct fpu_env e;
	uint32_t r;

	(void)unused;
	fpu_env(&e);
	first_cw = e.cw & 0xffff;
	first_top = (e.sw >> 11) & 7;
	first_tag = e.tw & 0xffff;
	x87_fill(CW_SINGLE, 100);
	r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
	for (;;) {
		if (!l4_ipc_error(r)) {
			if (x87_holds(CW_SINGLE, 100))
				partner_rounds_ok++;
			x87_fill(CW_SINGLE, 100);
		}
		r = l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
					  l4_timeouts(0, L4_US_NEVER), &client);
	}
}

static void plain_echo(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);

	(void)unused;
	for (;;)
		r = l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
					  l4_timeouts(0, L4_US_NEVER), &client);
	(void)r;
}

#define ROUNDS 10

static bool call_ok(l4_threadid_t to)
{
	struct l4_words w = words(1, 2, 3);

	return l4_ipc_error(l4_ipc_call(to, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER)) ==
	       L4_IPC_OK;
}

/* Each round trip moves the registers twice: to the partner at its first
 * FPU instruction, back at ours. Every IPC after the first takes the fast
 * path, which keeps CR0.TS as the scheduler's switch does. */
KTAP_CASE(fpu, registers_are_per_thread)
{
	l4_threadid_t partner;
	struct l4_kernel_counters before, after;
	uint32_t rounds_ok = 0;

	partner_rounds_ok = 0;
	x87_fill(CW_ZERO, 1000);
	partner = spawn_task(fpu_partner, 0);
	EXPECT(call_ok(partner));
	EXPECT(x87_holds(CW_ZERO, 1000));
	/* the new thread found an initialised FPU, not our registers */
	EXPECT_EQ(first_cw, CW_DEFAULT);
	EXPECT_EQ(first_top, 0);
	EXPECT_EQ(first_tag, TAG_EMPTY);

	x87_fill(CW_ZERO, 1000);
	before = counters_now();
	for (int i = 0; i < ROUNDS; i++) {
		EXPECT(call_ok(partner));
		if (x87_holds(CW_ZERO, 1000))
			rounds_ok++;
		x87_fill(CW_ZERO, 1000);
	}
	after = counters_now();
	EXPECT_EQ(rounds_ok, ROUNDS);
	EXPECT_EQ(partner_rounds_ok, ROUNDS + 1);
	EXPECT_EQ(after.fpu_loads - before.fpu_loads, 2 * ROUNDS);
	EXPECT_EQ(after.fast_ipcs - before.fast_ipcs, 2 * ROUNDS);
	kill_task(partner);
	__asm__ volatile("fninit");
}

/* A partner that never touches the FPU leaves our registers where they are. */
KTAP_CASE(fpu, no_load_for_a_thread_without_fpu)
{
	l4_threadid_t echo = spawn_task(plain_echo, 0);
	struct l4_kernel_counters before, after;

	x87_fill(CW_ZERO, 5000);
	EXPECT(call_ok(echo));
	before = counters_now();
	for (int i = 0; i < ROUNDS; i++)
		EXPECT(call_ok(echo));
	after = counters_now();
	EXPECT(x87_holds(CW_ZERO, 5000));
	EXPECT_EQ(after.fpu_loads - before.fpu_loads, 0);
	EXPECT_EQ(after.fast_ipcs - before.fast_ipcs, 2 * ROUNDS);
	kill_task(echo);
	__asm__ volatile("fninit");
}

/* ---- preemption ---------------------------------------------------------- */

#define HOLDERS 3

static volatile uint32_t runner, alternations[HOLDERS], holder_ok[HOLDERS], holders_done;
static const uint16_t holder_cw[HOLDERS] = { CW_ZERO, CW_SINGLE, CW_DEFAULT };

/* Fills its registers, then spins (integer code only) until it has seen
 * other holders run in between four times or one of them finished. */
static void fpu_holder(uint32_t k)
{
	x87_fill(holder_cw[k], 1000 * (int32_t)(k + 1));
	while (alternations[k] < 4 && holders_done == 0) {
		if (runner != k) {
			runner = k;
			alternations[k]++;
		}
	}
	holder_ok[k] = x87_holds(holder_cw[k], 1000 * (int32_t)(k + 1));
	__atomic_fetch_add(&holders_done, 1, __ATOMIC_RELAXED);
}

/* Three threads at one priority, two in our task and one in another, each
 * with a full register stack, preempted at the end of every time slice. */
KTAP_CASE(fpu, registers_survive_preemption)
{
	l4_threadid_t th[HOLDERS];

	runner = HOLDERS;
	holders_done = 0;
	for (uint32_t k = 0; k < HOLDERS; k++) {
		alternations[k] = holder_ok[k] = 0;
		th[k] = k == 2 ? spawn_task(fpu_holder, k) : spawn_thread(fpu_holder, k);
		l4_thread_schedule(th[k], L4_SCHED_PARAM(40, 2));
	}
	l4_sleep(MS(300));
	EXPECT_EQ(holders_done, HOLDERS);
	for (uint32_t k = 0; k < HOLDERS; k++) {
		EXPECT(alternations[k] >= 2);	/* preempted while holding values */
		EXPECT_EQ(holder_ok[k], 1);
	}
	kill_thread(th[0]);
	kill_thread(th[1]);
	kill_task(th[2]);
}
