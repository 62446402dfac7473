/* futex(2): threads of a process sleeping until another changes a word of
 * their memory. A waiter sleeps on a wait queue of its own, listed in
 * arrival order with its process and address; a wake takes waiters off
 * the list in that order. Processes share no memory here (but through
 * vfork, where the parent does not run), so a futex is always private to
 * its process: FUTEX_PRIVATE_FLAG changes nothing. */
#include "server.h"
#include <libc/div64.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define NSEC_PER_MSEC		1000000u

struct futex_waiter {
	struct futex_waiter *next;
	struct process *process;	/* its leader */
	uint32_t uaddr, bitset;
	bool woken;
	struct waitq q;
};

static struct futex_waiter *waiters;	/* oldest first */

static void unlist(struct futex_waiter *w)
{
	for (struct futex_waiter **at = &waiters; *at; at = &(*at)->next)
		if (*at == w) {
			*at = w->next;
			return;
		}
}

/* The deadline in ms of the clock for a timeout at user: relative, or
 * (WAIT_BITSET) absolute on CLOCK_MONOTONIC or CLOCK_REALTIME. */
static int32_t deadline_of(struct process *p, uint32_t user, bool time64, bool absolute,
			   bool realtime, uint64_t *deadline)
{
	uint64_t ns;
	int32_t err = get_time(p, user, &ns, time64);

	if (err)
		return err;
	if (absolute) {
		uint64_t now = realtime ? clock_realtime_ns() : clock_ns();

		ns = ns > now ? ns - now : 0;
	}
	ns += NSEC_PER_MSEC - 1;
	div64_32(&ns, NSEC_PER_MSEC);
	*deadline = clock_ms() + ns;
	return 0;
}

/* Sleeps while the word at uaddr is val, until a wake with a bit of
 * bitset, the deadline, or a signal. */
static int32_t futex_wait(struct process *p, uint32_t uaddr, uint32_t val, uint32_t bitset,
			  uint64_t deadline)
{
	struct futex_waiter w = { NULL, p->leader, uaddr, bitset, false, { NULL } }, **end;
	uint32_t now;
	int32_t err = 0;

	if (copy_from_user(p, &now, uaddr, sizeof(now)))
		return -LX_EFAULT;
	if (now != val)
		return -LX_EAGAIN;
	for (end = &waiters; *end; end = &(*end)->next)
		;
	*end = &w;
	while (!w.woken && !err)
		err = deadline == ~0ull ? (coro_wait(&w.q) ? 0 : -LX_EINTR)
					: coro_wait_until(&w.q, deadline);
	unlist(&w);
	return w.woken ? 0 : err;
}

int32_t futex_wake(struct process *p, uint32_t uaddr, uint32_t n, uint32_t bitset)
{
	int32_t woken = 0;

	for (struct futex_waiter *w = waiters; w && (uint32_t)woken < n; w = w->next)
		if (w->process == p->leader && w->uaddr == uaddr && (w->bitset & bitset) &&
		    !w->woken) {
			w->woken = true;
			coro_wake(&w->q);
			woken++;
		}
	return woken;
}

/* Wakes n waiters at uaddr and moves up to more of the others to uaddr2
 * (CMP_REQUEUE: if the word at uaddr is still val3). */
static int32_t futex_requeue(struct process *p, uint32_t uaddr, uint32_t n, uint32_t more,
			     uint32_t uaddr2, bool compare, uint32_t val3)
{
	uint32_t now;
	int32_t done;

	if (compare) {
		if (copy_from_user(p, &now, uaddr, sizeof(now)))
			return -LX_EFAULT;
		if (now != val3)
			return -LX_EAGAIN;
	}
	done = futex_wake(p, uaddr, n, ~0u);
	for (struct futex_waiter *w = waiters; w && more; w = w->next)
		if (w->process == p->leader && w->uaddr == uaddr && !w->woken) {
			w->uaddr = uaddr2;
			more--;
			done++;
		}
	return done;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
static int32_t futex(struct process *p, const uint32_t *a, bool time64)
{
	uint32_t op = a[1] & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME), uaddr = a[0];
	bool realtime = a[1] & FUTEX_CLOCK_REALTIME;
	uint64_t deadline = ~0ull;
	int32_t err;

	if (uaddr & 3)
		return -LX_EINVAL;
	if (realtime && op != FUTEX_WAIT && op != FUTEX_WAIT_BITSET)
		return -LX_ENOSYS;
	switch (op) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (op == FUTEX_WAIT_BITSET && !a[5])
			return -LX_EINVAL;
		if (a[3] && (err = deadline_of(p, a[3], time64, op == FUTEX_WAIT_BITSET, realtime,
					       &deadline)))
			return err;
		return futex_wait(p, uaddr, a[2], op == FUTEX_WAIT ? ~0u : a[5], deadline);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (op == FUTEX_WAKE_BITSET && !a[5])
			return -LX_EINVAL;
		return futex_wake(p, uaddr, a[2], op == FUTEX_WAKE ? ~0u : a[5]);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		if (a[4] & 3)
			return -LX_EINVAL;
		return futex_requeue(p, uaddr, a[2], a[3], a[4], op == FUTEX_CMP_REQUEUE, a[5]);
	default:			/* WAKE_OP, the PI operations */
		return -LX_ENOSYS;
	}
}

SYSCALL(futex)
{
	return futex(p, a, false);
}

SYSCALL(futex_time64)
{
	return futex(p, a, true);
}

/* set_robust_list(head, len): the list of mutexes a dying thread holds.
 * Kept nowhere: a thread that dies holding a robust mutex leaves it held
 * (and the list's len is checked as Linux does). */
SYSCALL(set_robust_list)
{
	(void)p;
	return a[1] == 12 ? 0 : -LX_EINVAL;
}
