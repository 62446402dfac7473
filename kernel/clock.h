/* clock.h: kernel time, counted in PIT ticks of 1/CLOCK_HZ seconds. */
#pragma once

#include <stdint.h>

#define CLOCK_HZ 1000

void clock_init(void);
void clock_interrupt(void);
uint64_t clock_ticks(void);
