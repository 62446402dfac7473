/* The IDT: an interrupt gate (interrupts off on entry: the kernel is not
 * preemptible) for every vector, DPL 0 so that `int N` from user mode raises
 * #GP unless a vector is explicitly opened; #DF uses a task gate. */
#include "x86/idt.h"
#include "x86/gdt.h"
#include <stdint.h>

#define GATE_PRESENT		0x80
#define GATE_DPL3		0x60
#define GATE_INTERRUPT32	0x0e
#define GATE_TASK		0x05
#define VECTOR_DOUBLE_FAULT	8

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t zero;
	uint8_t type;
	uint16_t offset_high;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

extern const uint32_t trap_stubs[256];
static struct idt_gate idt[256];

static void set_gate(int vector, uint32_t offset, uint16_t selector, uint8_t type)
{
	idt[vector] = (struct idt_gate){
		.offset_low = offset & 0xffff,
		.selector = selector,
		.type = type,
		.offset_high = offset >> 16,
	};
}

void idt_init(void)
{
	struct idt_pointer ip = { sizeof(idt) - 1, (uint32_t)idt };

	for (int v = 0; v < 256; v++)
		set_gate(v, trap_stubs[v], KERNEL_CS, GATE_PRESENT | GATE_INTERRUPT32);
	set_gate(VECTOR_DOUBLE_FAULT, 0, DOUBLE_FAULT_TSS_SELECTOR, GATE_PRESENT | GATE_TASK);
	__asm__ volatile("lidt %0" : : "m"(ip));
}

void idt_allow_user(int vector)
{
	idt[vector].type |= GATE_DPL3;
}

void idt_set_entry(int vector, void (*entry)(void))
{
	uint32_t offset = (uint32_t)entry;

	idt[vector].offset_low = offset & 0xffff;
	idt[vector].offset_high = offset >> 16;
}
