/* l4/timeout.h: building L4 timeout words from microseconds. */
#pragma once

#include <l4/types.h>

#define L4_US_NEVER 0xffffffffu	/* as a duration: wait forever */

/* Mantissa and exponent for `us` microseconds (rounded up): the smallest
 * scale 4^(15-e) that keeps the mantissa within 8 bits. */
static inline void l4_timeout_encode(uint32_t us, uint32_t *m, uint32_t *e)
{
	uint32_t exponent = 15, scale_log2 = 0;

	if (us == L4_US_NEVER) {
		*m = 0;
		*e = 0;
		return;
	}
	if (us == 0) {
		*m = 0;
		*e = 15;
		return;
	}
	while (((us + (1u << scale_log2) - 1) >> scale_log2) > 255 && exponent > 1) {
		exponent--;
		scale_log2 += 2;
	}
	*m = (us + (1u << scale_log2) - 1) >> scale_log2;
	*e = exponent;
}

/* A timeout word; page-fault timeouts never. */
static inline l4_timeout_t l4_timeouts(uint32_t send_us, uint32_t receive_us)
{
	uint32_t sm, se, rm, re;

	l4_timeout_encode(send_us, &sm, &se);
	l4_timeout_encode(receive_us, &rm, &re);
	return L4_TIMEOUT(sm, se, rm, re, 0, 0);
}
