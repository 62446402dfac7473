/*
 * x87_stack.h: a full x87 register stack with a known control word, for
 * tests that registers stay a thread's own (tests/l4/fpu_test.c,
 * tests/linux/proc.c). Inline assembly only: no library code runs while
 * the registers are full.
 */
#ifndef TESSERA_X87_STACK_H
#define TESSERA_X87_STACK_H

#include <stdint.h>

/* Sets control word cw and pushes base+1 .. base+8: all eight registers. */
static inline void x87_fill(uint16_t cw, int32_t base)
{
	__asm__ volatile("fninit\n\tfldcw %0" : : "m"(cw));
	for (int32_t i = 1; i <= 8; i++) {
		int32_t v = base + i;

		__asm__ volatile("fildl %0" : : "m"(v));
	}
}

/* Pops the eight: 1 if they and the control word are x87_fill's (an
 * emptied register pops as 0x80000000). */
static inline int x87_holds(uint16_t cw, int32_t base)
{
	uint16_t now;
	int same;

	__asm__ volatile("fnstcw %0" : "=m"(now));
	same = now == cw;
	for (int32_t i = 8; i >= 1; i--) {
		int32_t v;

		__asm__ volatile("fistpl %0" : "=m"(v));
		same &= v == base + i;
	}
	return same;
}

#endif
