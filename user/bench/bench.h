/* bench.h: measuring L4-native operations. Under QEMU -icount shift=0
 * rdtsc counts guest instructions exactly; each figure is the minimum over
 * several batches, so a timer tick inside one batch does not count. Every
 * result is printed as "BENCH name value unit" for tools/bench.sh. */
#pragma once

#include <l4/kdebug.h>
#include <l4/runtime.h>
#include <stdint.h>

#define BENCH_BATCHES 5

static inline uint64_t bench_clock(void)
{
	uint64_t v;

	__asm__ volatile("rdtsc" : "=A"(v));
	return v;
}

struct bench_sample {
	uint64_t instructions;		/* per operation */
	uint32_t kernel_entries_x100;	/* per operation, times 100 */
	uint32_t cr3_loads_x100;
	uint32_t invlpgs_x100;
};

/* A batch: performs the operation `iterations` times in its own loop, so
 * no call per operation is measured. */
typedef void (*bench_batch)(uint32_t iterations);

/* Runs batches of `iterations`; keeps the cheapest batch, per operation. */
struct bench_sample bench_run(bench_batch batch, uint32_t iterations);
void bench_report(const char *name, struct bench_sample s);
