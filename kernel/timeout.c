/* Timeouts: a sorted singly linked list; arming is O(n), expiring O(1) per
 * expired entry. Threads waiting with finite timeouts are few. */
#include "timeout.h"
#include <libc/div64.h>
#include "clock.h"
#include "ipc.h"

#define US_PER_TICK (1000000 / CLOCK_HZ)

static struct tcb *timeouts;

static uint64_t us_to_ticks(uint64_t us)
{
	uint64_t ticks = us + US_PER_TICK - 1;

	div64_32(&ticks, US_PER_TICK);
	return ticks ? ticks : 1;
}

uint64_t timeout_finite_ticks(uint32_t mantissa, uint32_t exponent)
{
	return us_to_ticks((uint64_t)mantissa << (2 * (15 - exponent)));
}

uint32_t timeout_word_from_pf(uint32_t p)
{
	if (p == 0)
		return L4_TIMEOUT_NEVER;
	if (p == L4_PF_TIMEOUT_ZERO)
		return L4_TIMEOUT(0, p, 0, p, 0, 0);
	return L4_TIMEOUT(1, p, 1, p, 0, 0);
}

void timeout_arm(struct tcb *t, uint64_t ticks)
{
	struct tcb **p = &timeouts;

	timeout_disarm(t);
	t->wakeup = clock_ticks() + ticks;
	while (*p && (*p)->wakeup <= t->wakeup)
		p = &(*p)->timeout_next;
	t->timeout_next = *p;
	*p = t;
	t->in_timeout_list = true;
}

void timeout_remove(struct tcb *t)
{
	for (struct tcb **p = &timeouts; *p; p = &(*p)->timeout_next) {
		if (*p == t) {
			*p = t->timeout_next;
			break;
		}
	}
	t->in_timeout_list = false;
}

void timeout_expire(uint64_t now)
{
	while (timeouts && timeouts->wakeup <= now) {
		struct tcb *t = timeouts;

		timeouts = t->timeout_next;
		t->in_timeout_list = false;
		ipc_timeout(t);
	}
}
