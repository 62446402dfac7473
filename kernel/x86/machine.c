/* Ending the run: QEMU's isa-debug-exit device for tests, halt otherwise. */
#include "machine.h"
#include "x86/io.h"
#include <tessera/test.h>

void machine_stop(int code)
{
	interrupts_disable();
	if (code >= 0)
		outb(TEST_EXIT_PORT, (uint8_t)code);
	for (;;)
		__asm__ volatile("hlt");
}
