/* 8259A PIC: remapped to VECTOR_IRQ_BASE so IRQs never alias exceptions,
 * every line masked until a handler claims it. */
#include "x86/pic.h"
#include "x86/idt.h"
#include "x86/io.h"
#include <stdint.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define ICW1_INIT_ICW4	0x11	/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01
#define OCW2_EOI	0x20
#define OCW3_READ_ISR	0x0b

static uint16_t mask = 0xffff & ~(1u << IRQ_CASCADE);

static void pic_write_mask(void)
{
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC1_DATA, VECTOR_IRQ_BASE);		/* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, VECTOR_IRQ_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 1u << IRQ_CASCADE);		/* ICW3: slave on line 2 */
	io_wait();
	outb(PIC2_DATA, IRQ_CASCADE);
	io_wait();
	outb(PIC1_DATA, ICW4_8086);
	io_wait();
	outb(PIC2_DATA, ICW4_8086);
	io_wait();
	pic_write_mask();
}

void pic_mask(int irq)
{
	mask |= 1u << irq;
	pic_write_mask();
}

void pic_unmask(int irq)
{
	mask &= ~(1u << irq);
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}

bool pic_spurious(int irq)
{
	uint16_t port = irq >= 8 ? PIC2_CMD : PIC1_CMD;

	if ((irq & 7) != 7)
		return false;
	outb(port, OCW3_READ_ISR);
	if (inb(port) & 0x80)
		return false;
	if (irq >= 8)			/* the master did see the cascade line */
		outb(PIC1_CMD, OCW2_EOI);
	return true;
}
