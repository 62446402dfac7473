/* Batches, minimum, and the BENCH lines. */
#include "bench.h"
#include <l4/kip.h>
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <libc/div64.h>
#include <libc/string.h>

extern char _end[];
#define IMAGE_START 0x00400000	/* lib/l4/user.ld */

static uint8_t pager_stack[4096] __attribute__((aligned(4096)));
static l4_threadid_t pager_id;

/* Maps the program's own page at each faulting address of its children. */
static void pager(void)
{
	struct l4_words w;
	l4_threadid_t client;

	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;) {
		uint32_t page = w.w0 & ~0xfffu;

		if (page < IMAGE_START || page >= (uint32_t)_end) {
			l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
			continue;
		}
		w = (struct l4_words){ page, L4_FPAGE(page, 12, 1), 0 };
		l4_ipc_reply_and_wait(client, L4_IPC_DESC_MAP, L4_IPC_SHORT_MSG, &w,
				      l4_timeouts(0, L4_US_NEVER), &client);
	}
}

l4_threadid_t bench_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack)
{
	return l4_lthread_ex_regs(lthread, (uint32_t)fn, (uint32_t)stack + 4096 - 16,
				  bench_pager(), 0).id;
}

l4_threadid_t bench_pager(void)
{
	if (pager_id == L4_NIL_ID)
		pager_id = l4_lthread_ex_regs(1, (uint32_t)pager, (uint32_t)pager_stack + 4096 - 16,
					      L4_NIL_ID, 0).id;
	return pager_id;
}

l4_threadid_t bench_task(uint32_t task_number, void (*fn)(void), uint8_t *stack)
{
	return l4_task_new(l4_make_id(task_number, 0, 0), 255, (uint32_t)stack + 4096 - 16,
			   (uint32_t)fn, bench_pager());
}

void bench_task_delete(l4_threadid_t task)
{
	l4_task_new(task, l4_myself(), 0, 0, L4_NIL_ID);
}

void bench_thread_delete(l4_threadid_t thread)
{
	l4_lthread_ex_regs(l4_lthread_of(thread) | L4_EXREGS_DELETE, L4_EXREGS_UNCHANGED,
			   L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
}

static struct l4_kernel_counters counters(void)
{
	struct l4_kernel_counters c;

	memset(&c, 0, sizeof(c));
	l4_kdebug_counters(&c);
	return c;
}

struct bench_sample bench_run_reset(bench_batch batch, uint32_t iterations, void (*reset)(void))
{
	struct bench_sample best = { UINT64_MAX, 0, 0, 0, 0 };

	if (!reset)
		batch(1);	/* warm up: page faults, first-time paths */
	for (int b = 0; b < BENCH_BATCHES; b++) {
		struct l4_kernel_counters c0, c1;

		if (reset)
			reset();
		c0 = counters();
		uint64_t t0 = bench_clock(), per_op;

		batch(iterations);
		per_op = bench_clock() - t0;
		c1 = counters();
		div64_32(&per_op, iterations);
		if (per_op < best.instructions) {
			best.instructions = per_op;
			/* the counters call itself enters the kernel once */
			best.kernel_entries_x100 = (c1.kernel_entries - c0.kernel_entries - 1) * 100 /
						   iterations;
			best.cr3_loads_x100 = (c1.cr3_loads - c0.cr3_loads) * 100 / iterations;
			best.invlpgs_x100 = (c1.invlpgs - c0.invlpgs) * 100 / iterations;
			best.tlb_flushes_x100 = (c1.tlb_flushes - c0.tlb_flushes) * 100 / iterations;
		}
	}
	return best;
}

struct bench_sample bench_run(bench_batch batch, uint32_t iterations)
{
	return bench_run_reset(batch, iterations, NULL);
}

static void print_hundredths(const char *name, const char *suffix, uint32_t x100)
{
	l4_printf("BENCH %s%s %u.%02u per_op\n", name, suffix, x100 / 100, x100 % 100);
}

void bench_report(const char *name, struct bench_sample s)
{
	l4_printf("BENCH %s %llu instructions\n", name, s.instructions);
	print_hundredths(name, "_kernel_entries", s.kernel_entries_x100);
	print_hundredths(name, "_cr3_loads", s.cr3_loads_x100);
	print_hundredths(name, "_invlpgs", s.invlpgs_x100);
	print_hundredths(name, "_tlb_flushes", s.tlb_flushes_x100);
}

bool bench_make_small(l4_threadid_t task, uint32_t slot)
{
	uint32_t small_byte = (4u << 5) | slot;	/* 4 MB << 4 = 64 MB, window `slot` */

	return l4_thread_schedule(task, L4_SCHED_PARAM(100, 0) | (small_byte << 8)).old_param !=
	       L4_SCHED_FAILED;
}

const char *bench_small_suffix(void)
{
	const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;

	return (kip->flags & L4_KIP_SMALL_NO_CR3) ? "" : "_strict";
}

volatile uint32_t bench_resume_address;

/* Below the iret frame: the saved eax, the vector, error code and fault
 * address; the frame's eip gets the resume address. */
__asm__(".text\n"
	".globl bench_resume_handler\n"
	"bench_resume_handler:\n\t"
	"pushl %eax\n\t"
	"movl bench_resume_address, %eax\n\t"
	"movl %eax, 16(%esp)\n\t"
	"popl %eax\n\t"
	"addl $12, %esp\n\t"
	"iret");
