/* counters.h: kernel event counters (struct l4_kernel_counters), read by
 * benchmarks and leak checks through kdebug. */
#pragma once

/* Offsets for the IPC fast path, which counts only fast_ipcs (and CR3
 * loads); kdebug adds fast_ipcs into entries, IPCs and switches when the
 * counters are read. Checked in kdebug.c. */
#define COUNTER_KERNEL_ENTRIES	0
#define COUNTER_FAST_IPCS	8
#define COUNTER_CR3_LOADS	16

#ifndef __ASSEMBLER__
#include <l4/kdebug.h>

extern struct l4_kernel_counters counters;
#endif
