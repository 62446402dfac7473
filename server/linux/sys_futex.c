/* futex(2): threads of a process sleeping until another changes a word of
 * their memory. A waiter sleeps on a wait queue of its own, listed in
 * arrival order with its process and address; a wake takes waiters off
 * the list in that order. Processes share no memory here (but through
 * vfork, where the parent does not run), so a futex is always private to
 * its process: FUTEX_PRIVATE_FLAG changes nothing. A thread's robust list
 * (set_robust_list) is walked when it exits, as Linux does. */
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
#define FUTEX_WAITERS		0x80000000u	/* robust mutex words */
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu
#define ROBUST_HEAD_SIZE	12		/* list, futex_offset, list_op_pending */
#define ROBUST_LIST_LIMIT	2048

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

/* set_robust_list(head, len): where the thread keeps the list of robust
 * mutexes it holds (len: the head's 12 bytes, as Linux checks). */
SYSCALL(set_robust_list)
{
	if (a[1] != ROBUST_HEAD_SIZE)
		return -LX_EINVAL;
	p->robust_list = a[0];
	return 0;
}

/* get_robust_list(tid, head *, len *): a thread's list head (0: the
 * caller's); musl asks it to learn that robust lists work. */
SYSCALL(get_robust_list)
{
	struct process *t = a[0] ? process_by_pid((int32_t)a[0]) : p;
	uint32_t len = ROBUST_HEAD_SIZE;

	if (!t || t->state != PROC_LIVE)
		return -LX_ESRCH;
	if (copy_to_user(p, a[1], &t->robust_list, sizeof(t->robust_list)) ||
	    copy_to_user(p, a[2], &len, sizeof(len)))
		return -LX_EFAULT;
	return 0;
}

/* A robust mutex's word at uaddr, held by the dying thread p: marked
 * "owner died", and a waiter woken to find it so. */
static void owner_died(struct process *p, uint32_t uaddr)
{
	uint32_t word;

	if (copy_from_user(p, &word, uaddr, sizeof(word)) ||
	    (word & FUTEX_TID_MASK) != (uint32_t)p->pid)
		return;
	word = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (!copy_to_user(p, uaddr, &word, sizeof(word)) && (word & FUTEX_WAITERS))
		futex_wake(p, uaddr, 1, ~0u);
}

/* The robust list at a thread's exit, as Linux walks it: the head is the
 * first entry's address, the offset from an entry to its mutex word, and
 * the entry being locked or unlocked (pending); entries link to the next
 * up to the head again (bit 0 of a link marks a PI mutex). A list that is
 * not readable, or longer than Linux's limit, is walked no further. */
void futex_exit_robust(struct process *p)
{
	uint32_t head[3], entry, pending, offset, n = 0;

	if (!p->robust_list || copy_from_user(p, head, p->robust_list, sizeof(head)))
		return;
	entry = head[0] & ~1u;
	offset = head[1];
	pending = head[2] & ~1u;
	while (entry != p->robust_list && n++ < ROBUST_LIST_LIMIT) {
		uint32_t next;

		if (copy_from_user(p, &next, entry, sizeof(next)))
			break;
		if (entry != pending)
			owner_died(p, entry + offset);
		entry = next & ~1u;
	}
	if (pending)
		owner_died(p, pending + offset);
	p->robust_list = 0;
}
