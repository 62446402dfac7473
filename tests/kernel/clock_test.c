/* Timer interrupts arrive and advance the kernel clock. */
#include <tessera/ktap.h>
#include "clock.h"
#include "x86/io.h"

#define WANTED_TICKS 50
#define MAX_WAITS 100000	/* hlt wakes on every interrupt; bounds a dead PIT */

KTAP_CASE(clock, ticks_advance)
{
	uint64_t start = clock_ticks();
	uint32_t waits = 0;

	while (clock_ticks() - start < WANTED_TICKS && waits++ < MAX_WAITS)
		cpu_idle();
	EXPECT(clock_ticks() - start >= WANTED_TICKS);
	ktap_note(t, "%llu ticks after %u halts", clock_ticks() - start, waits);
}
