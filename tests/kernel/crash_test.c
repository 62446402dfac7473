/* Deliberate kernel crashes, one per suite. "ktest=all" never selects a
 * crash* suite; tests/cases/panic-*.case name them and check the report. */
#include <tessera/ktap.h>

#define CRASH_ADDRESS 0xdead0000	/* in the small-space region: unmapped */

/* A kernel-mode write to an unmapped page with no catch point armed. */
__attribute__((noinline)) static void crash_write_unmapped(void)
{
	*(volatile uint32_t *)CRASH_ADDRESS = 1;
}

KTAP_CASE(crash_pf, unexpected_page_fault)
{
	crash_write_unmapped();
	EXPECT(!"the write to an unmapped page returned");
}

/* With esp on an unmapped page the CPU cannot push the exception frame:
 * #UD, then #PF, then #DF, which the task gate catches on its own stack. */
KTAP_CASE(crash_df, unexpected_double_fault)
{
	__asm__ volatile("mov %0, %%esp\n\tud2" : : "i"(CRASH_ADDRESS) : "memory");
	EXPECT(!"ud2 on a dead stack returned");
}
