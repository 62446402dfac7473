/* Batches, minimum, and the BENCH lines. */
#include "bench.h"
#include <libc/div64.h>
#include <libc/string.h>

static struct l4_kernel_counters counters(void)
{
	struct l4_kernel_counters c;

	memset(&c, 0, sizeof(c));
	l4_kdebug_counters(&c);
	return c;
}

struct bench_sample bench_run(bench_batch batch, uint32_t iterations)
{
	struct bench_sample best = { UINT64_MAX, 0, 0, 0 };

	batch(1);	/* warm up: page faults, first-time paths */
	for (int b = 0; b < BENCH_BATCHES; b++) {
		struct l4_kernel_counters c0 = counters(), c1;
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
		}
	}
	return best;
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
}
