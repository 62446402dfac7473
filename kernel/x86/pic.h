/* pic.h: the two cascaded 8259A interrupt controllers. */
#pragma once

#include <stdbool.h>

#define IRQ_TIMER	0
#define IRQ_CASCADE	2

void pic_init(void);
void pic_mask(int irq);
void pic_unmask(int irq);
void pic_eoi(int irq);
/* True for the 8259's phantom IRQ 7/15 (not in service): no EOI is due. */
bool pic_spurious(int irq);

/* Entered with interrupts off for PIC line `irq` (kernel/irq.c). */
void irq_dispatch(int irq);
