/* div64.h: 64-by-32-bit division with two 32-bit divl instructions, so
 * freestanding code never needs libgcc's __udivdi3 (whose Debian build
 * targets i686 and may use cmov). */
#pragma once

#include <stdint.h>

/* Divides *value by divisor (non-zero) in place; returns the remainder. */
static inline uint32_t div64_32(uint64_t *value, uint32_t divisor)
{
	uint32_t high = (uint32_t)(*value >> 32), low = (uint32_t)*value;
	uint32_t q_high = high / divisor, rem = high % divisor, q_low;

	/* (rem:low) / divisor with rem < divisor: the quotient fits 32 bits. */
	__asm__("divl %4" : "=a"(q_low), "=d"(rem) : "a"(low), "d"(rem), "rm"(divisor));
	*value = ((uint64_t)q_high << 32) | q_low;
	return rem;
}
