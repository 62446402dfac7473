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

/* A page-fault timeout exponent for at least `us` microseconds (never for
 * L4_US_NEVER, zero for 0): 4^(15 - p) us. */
static inline uint32_t l4_pf_timeout_encode(uint32_t us)
{
	uint32_t p = 15, scale_log2 = 0;

	if (us == L4_US_NEVER)
		return 0;
	if (us == 0)
		return L4_PF_TIMEOUT_ZERO;
	while ((1u << scale_log2) < us && p > 1) {
		p--;
		scale_log2 += 2;
	}
	return p;
}

/* A timeout word with page-fault timeouts: the send one bounds faults in
 * the receiver's space, the receive one faults in the sender's. */
static inline l4_timeout_t l4_timeouts_pf(uint32_t send_us, uint32_t receive_us,
					  uint32_t send_pf_us, uint32_t receive_pf_us)
{
	uint32_t sm, se, rm, re;

	l4_timeout_encode(send_us, &sm, &se);
	l4_timeout_encode(receive_us, &rm, &re);
	return L4_TIMEOUT(sm, se, rm, re, l4_pf_timeout_encode(send_pf_us),
			  l4_pf_timeout_encode(receive_pf_us));
}

/* A timeout word; page-fault timeouts never. */
static inline l4_timeout_t l4_timeouts(uint32_t send_us, uint32_t receive_us)
{
	return l4_timeouts_pf(send_us, receive_us, L4_US_NEVER, L4_US_NEVER);
}
