/* Hardware interrupts. The timer belongs to the kernel; the others go to
 * the threads attached to them (irq_ipc.c); a line that fires without one
 * is masked and logged. */
#include "x86/pic.h"
#include "x86/cpu.h"
#include "x86/idt.h"
#include "clock.h"
#include "irq_ipc.h"
#include "printk.h"

uint64_t irq_entry_stamp[IRQ_LINES];	/* for the irq_to_thread benchmark */

void irq_dispatch(int irq)
{
	if (cpu_has(CPUID_TSC))
		irq_entry_stamp[irq] = rdtsc();
	if (pic_spurious(irq))
		return;
	if (irq == IRQ_TIMER) {
		pic_eoi(irq);
		clock_interrupt();
		return;
	}
	pic_mask(irq);
	pic_eoi(irq);
	if (!irq_deliver(irq))
		printk("irq: line %d has no thread attached; masked\n", irq);
}
