/* Memory benchmarks:
 *   pagefault_user_pager  a fresh page touched: #PF, IPC to the pager
 *                         (sigma0), map item, resume ("Fault" in the paper)
 *   map_unmap_4k/64k      mapping RPC: a call answered with a map item of
 *                         4 KB or 64 KB, then fpage_unmap of it
 *   ctxswitch_large_large thread_switch between two large spaces, per switch
 *   ctxswitch_small_large the same between a large and a small space
 *   smallspace_switch_cr3_loads  CR3 loads per round trip large -> small -> large
 *   exception_reflect     a write to a read-only page reflected to the
 *                         thread's handler and back ("Trap" in the paper)
 * The small-space figures carry the suffix _strict when the kernel runs
 * small spaces on its own directory (a CPU that does not check segment
 * limits, such as QEMU's; see kernel/segments.h). */
#include "bench.h"
#include <l4/kip.h>
#include <l4/sigma0.h>
#include <libc/format.h>
#include <l4/syscalls.h>
#include <l4/timeout.h>

#define FAULT_PAGES 256
#define MAP_ROUNDS 500
#define SWITCH_ROUNDS 1000
#define RPC_WINDOW 0x30000000u

static uint32_t fault_region;			/* a superpage sigma0 gave us */
static uint8_t server_stack[4096] __attribute__((aligned(4096)));
static uint8_t switch_stack[4096] __attribute__((aligned(4096)));
static uint8_t small_stack[4096] __attribute__((aligned(4096)));

static uint8_t map_region[0x10000] __attribute__((aligned(0x10000)));
static l4_threadid_t partner;
static uint32_t map_log2;

/* ---- page faults served by sigma0 ----------------------------------------------- */

static void forget_region(void)
{
	l4_fpage_unmap(L4_FPAGE(fault_region, 22, 0), L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
}

static void touch_pages(uint32_t pages)
{
	for (uint32_t i = 0; i < pages; i++)
		(void)*(volatile uint8_t *)(fault_region + i * 4096);
}

/* ---- mapping RPC ------------------------------------------------------------------ */

/* Answers each call with a map item of map_log2 bytes of map_region. */
static void map_server(void)
{
	struct l4_words w;
	l4_threadid_t client;

	for (uint32_t i = 0; i < sizeof(map_region); i += 4096)
		map_region[i] = 1;		/* mapped here before mapping on */
	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;) {
		w = (struct l4_words){ 0, L4_FPAGE((uint32_t)map_region, map_log2, 1), 0 };
		l4_ipc_reply_and_wait(client, L4_IPC_DESC_MAP, L4_IPC_SHORT_MSG, &w,
				      l4_timeouts(0, L4_US_NEVER), &client);
	}
}

static void map_and_unmap(uint32_t rounds)
{
	for (uint32_t i = 0; i < rounds; i++) {
		struct l4_words w = { 0, 0, 0 };

		l4_ipc_call(partner, L4_IPC_SHORT_MSG, L4_FPAGE(RPC_WINDOW, 16, 0) | L4_IPC_DESC_MAP,
			    &w, L4_TIMEOUT_NEVER);
		l4_fpage_unmap(L4_FPAGE(RPC_WINDOW, 16, 0), L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	}
}

/* ---- thread_switch between spaces ------------------------------------------------ */

static l4_threadid_t root;

static void switch_back_forever(void)
{
	for (;;)
		l4_thread_switch(root);
}

/* Two switches per round: there and back. */
static void switch_rounds(uint32_t rounds)
{
	for (uint32_t i = 0; i < rounds; i++)
		l4_thread_switch(partner);
}

static void halve(struct bench_sample *s)
{
	s->instructions /= 2;
	s->kernel_entries_x100 /= 2;
	s->cr3_loads_x100 /= 2;
	s->invlpgs_x100 /= 2;
	s->tlb_flushes_x100 /= 2;
}

static void bench_small_switch(void)
{
	const char *suffix = bench_small_suffix();
	struct bench_sample s;
	char name[64];

	partner = bench_task(24, switch_back_forever, small_stack);
	if (!bench_make_small(partner, 0)) {
		l4_printf("# bench: cannot make a small space\n");
		return;
	}
	s = bench_run(switch_rounds, SWITCH_ROUNDS);
	snprintf(name, sizeof(name), "smallspace_switch_cr3_loads%s %u.%02u per_op",
		 suffix, s.cr3_loads_x100 / 100, s.cr3_loads_x100 % 100);
	l4_printf("BENCH %s\n", name);
	halve(&s);
	snprintf(name, sizeof(name), "ctxswitch_small_large%s", suffix);
	bench_report(name, s);
	bench_task_delete(partner);
}

void bench_trap(void);

void bench_vm(void)
{
	l4_fpage_t got = 0;
	struct bench_sample s;

	if (l4_sigma0_request(L4_SIGMA0_ANY, 22, L4_WHOLE_SPACE, &got) == L4_SIGMA0_OK) {
		fault_region = L4_FPAGE_BASE(got);
		bench_report("pagefault_user_pager",
			     bench_run_reset(touch_pages, FAULT_PAGES, forget_region));
		forget_region();
	} else {
		l4_printf("# bench: sigma0 has no superpage; pagefault_user_pager skipped\n");
	}

	partner = bench_task(22, map_server, server_stack);
	map_log2 = 12;
	bench_report("map_unmap_4k", bench_run(map_and_unmap, MAP_ROUNDS));
	map_log2 = 16;
	bench_report("map_unmap_64k", bench_run(map_and_unmap, MAP_ROUNDS));
	bench_task_delete(partner);

	root = l4_myself();
	partner = bench_task(23, switch_back_forever, switch_stack);
	s = bench_run(switch_rounds, SWITCH_ROUNDS);
	halve(&s);
	bench_report("ctxswitch_large_large", s);
	bench_task_delete(partner);
	bench_small_switch();
	bench_trap();
}

/* ---- exception reflection ("Trap") ------------------------------------------------- */

/* A write to the read-only KIP page, without a pager: #PF reflected to the
 * handler, which skips the write. */
static void protected_writes(uint32_t rounds)
{
	for (uint32_t i = 0; i < rounds; i++)
		bench_skippable_write(L4_KIP_ADDRESS);
}

void bench_trap(void)
{
	struct l4_exregs old = l4_lthread_ex_regs(l4_lthread_of(l4_myself()), L4_EXREGS_UNCHANGED,
						  L4_EXREGS_UNCHANGED, L4_NIL_ID,
						  (uint32_t)bench_resume_handler);

	bench_report("exception_reflect", bench_run(protected_writes, SWITCH_ROUNDS));
	l4_lthread_ex_regs(l4_lthread_of(l4_myself()), L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED,
			   old.pager, old.handler);
}
