/* counters.h: kernel event counters (struct l4_kernel_counters), read by
 * benchmarks and leak checks through kdebug. */
#pragma once

#include <l4/kdebug.h>

extern struct l4_kernel_counters counters;
