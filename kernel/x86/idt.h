/* idt.h: the interrupt descriptor table and the vectors Tessera assigns. */
#pragma once

#define VECTOR_EXCEPTIONS	32	/* 0..31: CPU exceptions */
#define VECTOR_IRQ_BASE		0x20	/* PIC lines 0..15 arrive at 0x20..0x2f */
#define IRQ_LINES		16

#ifndef __ASSEMBLER__
void idt_init(void);
/* Lets user mode raise `vector` with int N (system-call gates). */
void idt_allow_user(int vector);
/* Enters `vector` at its own entry point instead of the common stub. */
void idt_set_entry(int vector, void (*entry)(void));
#endif
