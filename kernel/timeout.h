/* timeout.h: IPC timeouts, kept in a list sorted by wakeup tick. */
#pragma once

#include <stdint.h>
#include "tcb.h"

#define TIMEOUT_NEVER	UINT64_MAX
#define TIMEOUT_ZERO	0

/* Ticks for an L4 timeout m * 4^(15 - e) us; TIMEOUT_NEVER (e = 0) or
 * TIMEOUT_ZERO (m = 0) for the two special values. */
uint64_t timeout_finite_ticks(uint32_t mantissa, uint32_t exponent);
static inline uint64_t timeout_ticks(uint32_t mantissa, uint32_t exponent)
{
	if (exponent == 0)
		return TIMEOUT_NEVER;
	if (mantissa == 0)
		return TIMEOUT_ZERO;
	return timeout_finite_ticks(mantissa, exponent);
}
/* Send and receive timeouts of a timeout word, in ticks (inline: every IPC
 * decodes both, and most say "never"). */
static inline uint64_t timeout_send(uint32_t w)
{
	return timeout_ticks(w >> 24, (w >> 4) & 0xf);
}
static inline uint64_t timeout_receive(uint32_t w)
{
	return timeout_ticks((w >> 16) & 0xff, w & 0xf);
}
/* Page-fault exponents of a timeout word. */
static inline uint32_t timeout_send_pf(uint32_t word) { return (word >> 12) & 0xf; }
static inline uint32_t timeout_receive_pf(uint32_t word) { return (word >> 8) & 0xf; }
/* A timeout word whose send and receive timeouts both equal the page-fault
 * timeout with this exponent (0 never, 15 zero, else 4^(15 - p) us). */
uint32_t timeout_word_from_pf(uint32_t exponent);

/* Arms t's wakeup `ticks` from now (finite, non-zero ticks only). */
void timeout_arm(struct tcb *t, uint64_t ticks);
void timeout_remove(struct tcb *t);
static inline void timeout_disarm(struct tcb *t)
{
	if (t->in_timeout_list)	/* seldom: most waits have none */
		timeout_remove(t);
}
/* Expires every armed timeout due at tick `now`. */
void timeout_expire(uint64_t now);
