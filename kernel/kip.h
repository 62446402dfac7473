/* kip.h: the kernel info page (lib/include/l4/kip.h) and sigma0's memory. */
#pragma once

#include <l4/kip.h>
#include "bootinfo.h"

/* Builds the KIP from the boot information and the frame pool split.
 * Returns its physical address. */
uint32_t kip_build(const struct boot_info *info);
extern const struct l4_kip *kip;
/* The clock tick: publishes the time in the KIP (clock_low, clock_high). */
void kip_clock(uint64_t ticks);
