/* bench.h: measuring L4-native operations. Under QEMU -icount shift=0
 * rdtsc counts guest instructions exactly; each figure is the minimum over
 * several batches, so a timer tick inside one batch does not count. Every
 * result is printed as "BENCH name value unit" for tools/bench.sh. */
#pragma once

#include <l4/kdebug.h>
#include <l4/runtime.h>
#include <stdbool.h>
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
	uint32_t tlb_flushes_x100;
};

/* A batch: performs the operation `iterations` times in its own loop, so
 * no call per operation is measured. */
typedef void (*bench_batch)(uint32_t iterations);

/* Runs batches of `iterations`; keeps the cheapest batch, per operation.
 * `reset`, if given, runs before each batch, outside the measurement. */
struct bench_sample bench_run_reset(bench_batch batch, uint32_t iterations, void (*reset)(void));
struct bench_sample bench_run(bench_batch batch, uint32_t iterations);
void bench_report(const char *name, struct bench_sample s);

/* Helpers shared by the suites: a pager thread (lthread 1) mapping the
 * program's own pages, and tasks and threads running one of its functions
 * on a stack page of the program. */
l4_threadid_t bench_pager(void);
l4_threadid_t bench_task(uint32_t task_number, void (*fn)(void), uint8_t *stack);
l4_threadid_t bench_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack);
void bench_task_delete(l4_threadid_t task);
void bench_thread_delete(l4_threadid_t thread);

/* Moves a task into the 64 MB small-space window `slot`; false if refused. */
bool bench_make_small(l4_threadid_t task, uint32_t slot);
/* "" where small spaces borrow the directory (no CR3 load), else "_strict". */
const char *bench_small_suffix(void);

/* An exception handler that resumes the thread at bench_resume_address,
 * which a benchmark sets just before an instruction meant to fault. */
extern volatile uint32_t bench_resume_address;
void bench_resume_handler(void);

/* A write to `address` that bench_resume_handler skips if it faults. */
static inline void bench_skippable_write(uint32_t address)
{
	__asm__ volatile("movl $1f, %0\n\t"
			 "movl $0, (%1)\n"
			 "1:" : "=m"(bench_resume_address) : "r"(address) : "memory");
}

void bench_ipc(void);
void bench_vm(void);
void bench_irq(void);
void bench_pipe(void);
void bench_rpc(void);
void bench_appel(void);
