/* Table 5 of the paper (after Appel and Li), the L4 way: a specialised
 * pager, a thread of the benchmark's own task, serves the page faults its
 * main thread takes in a region B by mapping pages of region A (the
 * backing store: the same task's memory at another address). To protect a
 * page of B is to fpage_unmap its page of A, the write access only (the
 * page stays readable) or all of it: the mapping database knows B's page
 * was made from A's. To unprotect it is to map it writable again.
 *   l4_fault   a write to a page of B without access: #PF, IPC to the
 *              pager, which maps it writable (per fault; the pages are
 *              unmapped again between batches, unmeasured)
 *   l4_trap    a write to a read-only page of B: the pager changes no
 *              mapping and reflects the fault to the thread's exception
 *              handler, which resumes after the write (per trap)
 *   l4_appel1  all PAGES pages of B made read-only by one fpage_unmap, then
 *              a write to each: the pager unprotects the faulting page
 *              (per page, the protection included)
 *   l4_appel2  one page of B read-only at a time: the write to it faults,
 *              the pager unprotects it and protects the next, which the
 *              thread writes next (per fault)
 * The Linux counterparts are mprotect and a SIGSEGV handler (trap_segv in
 * user/linux/proc_bench.c). A figure is reported only if every write
 * faulted exactly once. */
#include "bench.h"
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <libc/string.h>

#define PAGES		64
#define REGION_LOG2	18		/* PAGES pages */
#define REGION_B	0x50000000u
#define PAGER_LTHREAD	6
#define TRAPS		1000
#define WRITES		(8 * PAGES)
#define FAULT_WRITE	2		/* in a fault's word 0 (lib/ABI.md) */

static uint8_t region_a[PAGES * 4096] __attribute__((aligned(1 << REGION_LOG2)));
static uint8_t pager_stack[4096] __attribute__((aligned(4096)));
static volatile uint32_t faults;	/* in B, served by the pager */
static uint32_t cursor;			/* the page of B the next write goes to */

/* What the pager does with a fault on page `index` of B: fills the answer,
 * returns its send descriptor. */
typedef uint32_t (*fault_policy)(uint32_t index, struct l4_words *answer);
static fault_policy policy;

static uint32_t page_a(uint32_t index)
{
	return (uint32_t)region_a + index * 4096;
}

static void protect(uint32_t index)
{
	l4_fpage_unmap(L4_FPAGE(page_a(index), 12, 0), 0);	/* the write access only */
}

static void protect_all(void)
{
	l4_fpage_unmap(L4_FPAGE(page_a(0), REGION_LOG2, 0), 0);
}

static void unmap_all(void)
{
	l4_fpage_unmap(L4_FPAGE(page_a(0), REGION_LOG2, 0), L4_UNMAP_FLUSH);
}

/* ---- the pager's policies ---------------------------------------------------------- */

static uint32_t map_writable(uint32_t index, struct l4_words *answer)
{
	*answer = (struct l4_words){ REGION_B + index * 4096, L4_FPAGE(page_a(index), 12, 1), 0 };
	return L4_IPC_DESC_MAP;
}

static uint32_t reflect(uint32_t index, struct l4_words *answer)
{
	(void)index;
	*answer = (struct l4_words){ L4_PAGEFAULT_REFLECT, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

static uint32_t move_protection(uint32_t index, struct l4_words *answer)
{
	protect((index + 1) % PAGES);
	return map_writable(index, answer);
}

/* A fault outside B, on a page of the program nobody touched yet: the
 * pager touches it, getting it from its own pager, and the thread, in the
 * same space, finds it when it retries. A write touch adds 0 atomically. */
static uint32_t touch_own(uint32_t fault, struct l4_words *answer)
{
	volatile uint32_t *word = (volatile uint32_t *)(fault & ~3u);

	if (fault & FAULT_WRITE)
		__atomic_fetch_add(word, 0, __ATOMIC_RELAXED);
	else
		(void)*word;
	*answer = (struct l4_words){ 0, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

static void pager(void)
{
	struct l4_words w;
	l4_threadid_t client;

	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;) {
		uint32_t offset = (w.w0 & ~0xfffu) - REGION_B, desc;

		if (offset < PAGES * 4096) {
			faults++;
			desc = policy(offset >> 12, &w);
		} else {
			desc = touch_own(w.w0, &w);
		}
		l4_ipc_reply_and_wait(client, desc, L4_IPC_SHORT_MSG, &w,
				      l4_timeouts(0, L4_US_NEVER), &client);
	}
}

/* ---- the thread's side --------------------------------------------------------------- */

static uint32_t next_page(void)
{
	uint32_t address = REGION_B + cursor * 4096;

	cursor = (cursor + 1) % PAGES;
	return address;
}

static void writes(uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		*(volatile uint32_t *)next_page() = i;
}

static void skipped_writes(uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		bench_skippable_write(next_page());
}

/* Every PAGES writes begin with all of B protected. */
static void protect_and_write(uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (cursor == 0)
			protect_all();
		*(volatile uint32_t *)next_page() = i;
	}
}

/* Runs a benchmark under `p` and reports it if each write faulted once. */
static void run(const char *name, fault_policy p, bench_batch batch, uint32_t count,
		void (*reset)(void))
{
	uint32_t expected = (reset ? 0 : 1) + BENCH_BATCHES * count, before;
	struct bench_sample s;

	policy = p;
	cursor = 0;
	before = faults;
	s = bench_run_reset(batch, count, reset);
	if (faults - before != expected)
		l4_printf("# bench: %s: %u faults, not %u\n", name, faults - before, expected);
	else
		bench_report(name, s);
}

/* All of B writable, then page 0 read-only (cursor back at 0). */
static void only_first_protected(void)
{
	policy = map_writable;
	cursor = 0;
	writes(PAGES);
	protect(0);
}

static void run_suite(void)
{
	run("l4_fault", map_writable, writes, PAGES, unmap_all);
	policy = map_writable;
	writes(PAGES);
	protect_all();
	run("l4_trap", reflect, skipped_writes, TRAPS, NULL);
	run("l4_appel1", map_writable, protect_and_write, WRITES, NULL);
	only_first_protected();
	run("l4_appel2", move_protection, writes, WRITES, NULL);
}

void bench_appel(void)
{
	uint32_t self = l4_lthread_of(l4_myself());
	l4_threadid_t pager_id;
	struct l4_exregs old;

	memset(region_a, 0, sizeof(region_a));	/* A must be ours before we map it on */
	pager_id = l4_lthread_ex_regs(PAGER_LTHREAD, (uint32_t)pager,
				      (uint32_t)pager_stack + sizeof(pager_stack) - 16,
				      L4_EXREGS_UNCHANGED, 0).id;
	old = l4_lthread_ex_regs(self, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, pager_id,
				 (uint32_t)bench_resume_handler);
	run_suite();
	l4_lthread_ex_regs(self, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, old.pager, old.handler);
	bench_thread_delete(pager_id);
	unmap_all();
}
