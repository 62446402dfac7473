/* Hardware interrupts. The timer belongs to the kernel; any other line that
 * fires without an owner is masked and logged once. */
#include "x86/pic.h"
#include "clock.h"
#include "printk.h"

void irq_dispatch(int irq)
{
	if (pic_spurious(irq))
		return;
	if (irq == IRQ_TIMER) {
		pic_eoi(irq);
		clock_interrupt();
		return;
	}
	printk("irq: line %d has no handler; masked\n", irq);
	pic_mask(irq);
	pic_eoi(irq);
}
