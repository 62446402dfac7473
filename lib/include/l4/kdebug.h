/* l4/kdebug.h: the kernel-debugger entry (int 0x40), for printing to the
 * kernel log, entering the debugger and reading kernel counters. eax holds
 * the operation; lib/ABI.md lists the registers. */
#pragma once

#include <l4/syscalls.h>

#define L4_KDEBUG_PUTS		1	/* ecx: text, edx: length */
#define L4_KDEBUG_ENTER		2	/* ecx: NUL-terminated reason; prints state */
#define L4_KDEBUG_EXIT		3	/* privileged: ecx = code for QEMU's exit device */
#define L4_KDEBUG_COUNTERS	4	/* ecx: struct l4_kernel_counters to fill */
#define L4_KDEBUG_LOOKUP	5	/* privileged: ecx task id, edx address ->
					   eax the page-table entry mapping it, 0 if none */
#define L4_KDEBUG_IRQ_STAMP	6	/* privileged: ecx line -> edx:eax the TSC when its
					   last interrupt entered the kernel (0 without TSC) */
/* Bits of an entry from L4_KDEBUG_LOOKUP (the i386 page-table entry). */
#define L4_KDEBUG_ENTRY_WRITE	0x002
#define L4_KDEBUG_ENTRY_LARGE	0x080	/* a 4 MB mapping; address bits 31..22 */
#define L4_KDEBUG_FAILED	0xffffffff	/* eax on return: refused */

#ifndef __ASSEMBLER__
/* Cumulative event counts since boot, for benchmarks and leak checks. */
struct l4_kernel_counters {
	uint32_t kernel_entries;	/* int gates, faults and interrupts taken */
	uint32_t ipcs;			/* IPC system calls */
	uint32_t fast_ipcs;		/* of those, completed on the fast path */
	uint32_t context_switches;
	uint32_t cr3_loads;
	uint32_t tlb_flushes;		/* full flushes besides CR3 loads */
	uint32_t invlpgs;
	uint32_t free_frames;		/* now, not cumulative */
	uint32_t tcbs;			/* live threads, now */
	uint32_t tasks;			/* live tasks, now */
	uint32_t mapping_nodes;		/* mapping-database nodes, now */
	uint32_t ticks;			/* clock ticks since boot (1 ms) */
	uint32_t fpu_loads;		/* FPU registers handed to another thread (#NM) */
};

static inline uint32_t l4_kdebug(uint32_t op, uint32_t arg1, uint32_t arg2)
{
	__asm__ volatile("int $0x40" : "+a"(op), "+c"(arg1), "+d"(arg2) : : "memory");
	return op;
}

static inline void l4_kdebug_puts(const char *text, uint32_t length)
{
	l4_kdebug(L4_KDEBUG_PUTS, (uint32_t)text, length);
}

static inline uint32_t l4_kdebug_counters(struct l4_kernel_counters *c)
{
	return l4_kdebug(L4_KDEBUG_COUNTERS, (uint32_t)c, sizeof(*c));
}

static inline uint32_t l4_kdebug_lookup(l4_threadid_t task, uint32_t address)
{
	return l4_kdebug(L4_KDEBUG_LOOKUP, task, address);
}
#endif
