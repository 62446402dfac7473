/* Waiting for descriptors: poll, ppoll, select and pselect6 (and their
 * time64 forms). Every change one may wait for wakes them all (io_wake),
 * and each looks at all its descriptors again. */
#include "server.h"
#include <libc/div64.h>

#define POLL_FDS_MAX	256		/* on the coroutine's stack */

/* Every change a poll may wait for: pipes, FIFOs and the tty wake this too,
 * and a poll looks at all its descriptors again. */
static struct waitq io_changed;

void io_wake(struct waitq *q)
{
	coro_wake(q);
	coro_wake(&io_changed);
}

/* The core of poll, ppoll, select and pselect: sets fds' revents and
 * returns how many are ready, at once when some are or when !wait, else
 * once some are, at deadline (ms of the clock, ~0: never; then 0) or at a
 * signal (-EINTR). */
static int32_t poll_files(struct process *p, struct lx_pollfd *fds, uint32_t n, bool wait,
			  uint64_t deadline)
{
	for (;;) {
		int32_t ready = 0, err;

		for (uint32_t i = 0; i < n; i++) {
			struct file *f = fds[i].fd < 0 ? NULL : file_get(p, fds[i].fd);
			uint32_t mask;

			if (fds[i].fd < 0) {
				fds[i].revents = 0;
				continue;
			}
			mask = f ? f->ops->poll(f) : LX_POLLNVAL;
			fds[i].revents = (int16_t)(mask & ((uint16_t)fds[i].events | LX_POLLERR |
							   LX_POLLHUP | LX_POLLNVAL));
			ready += fds[i].revents != 0;
		}
		if (ready || !wait)
			return ready;
		if ((p->sigpending[0] | p->sigpending[1]) && signal_ready(p))
			return -LX_EINTR;	/* pselect's mask let one through */
		if (deadline == ~0ull)
			err = coro_wait(&io_changed) ? 0 : -LX_EINTR;
		else
			err = coro_wait_until(&io_changed, deadline);
		if (err == -LX_EINTR)
			return err;
		if (err)
			wait = false;	/* the time is up: one last look */
	}
}

/* A relative timeout in ns (~0: none) as poll_files's wait and deadline. */
static bool deadline_of(uint64_t ns, uint64_t *deadline)
{
	if (ns == ~0ull) {
		*deadline = ~0ull;
		return true;
	}
	*deadline = ns + 999999;
	div64_32(deadline, 1000000);	/* rounded up to whole ms */
	*deadline += clock_ms();
	return ns != 0;
}

static int32_t poll_common(struct process *p, uint32_t ufds, uint32_t n, uint64_t ns,
			   uint32_t mask, uint32_t mask_size)
{
	struct lx_pollfd fds[POLL_FDS_MAX];
	uint64_t deadline;
	bool wait = deadline_of(ns, &deadline);
	int32_t ready;

	if (n > POLL_FDS_MAX)
		return -LX_EINVAL;
	if (copy_from_user(p, fds, ufds, n * sizeof(fds[0])))
		return -LX_EFAULT;
	if ((ready = signal_lend_mask(p, mask, mask_size)))
		return ready;
	ready = poll_files(p, fds, n, wait, deadline);
	if (ready >= 0 && copy_to_user(p, ufds, fds, n * sizeof(fds[0])))
		return -LX_EFAULT;
	return ready;
}

SYSCALL(poll)
{
	int32_t ms = (int32_t)a[2];

	return poll_common(p, a[0], a[1], ms < 0 ? ~0ull : (uint64_t)ms * 1000000, 0, 0);
}

static int32_t ppoll_with(struct process *p, const uint32_t *a, bool time64)
{
	uint64_t ns = ~0ull;
	int32_t err;

	if (a[2] && (err = get_time(p, a[2], &ns, time64)))
		return err;
	return poll_common(p, a[0], a[1], ns, a[3], a[4]);
}

SYSCALL(ppoll)
{
	return ppoll_with(p, a, false);
}

SYSCALL(ppoll_time64)
{
	return ppoll_with(p, a, true);
}

/* select's three fd_sets become pollfds and back: readable is POLLIN or
 * HUP or ERR, writable POLLOUT or ERR, exceptional POLLPRI. */
#define SELECT_IN	(LX_POLLIN | LX_POLLHUP | LX_POLLERR)
#define SELECT_OUT	(LX_POLLOUT | LX_POLLERR)
#define SELECT_EX	LX_POLLPRI

static int32_t select_common(struct process *p, uint32_t nfds, const uint32_t sets[3], uint64_t ns)
{
	static const uint16_t wants[3] = { SELECT_IN, SELECT_OUT, SELECT_EX };
	uint32_t bits[3][POLL_FDS_MAX / 32], words = (nfds + 31) / 32;
	struct lx_pollfd fds[POLL_FDS_MAX];
	uint64_t deadline;
	bool wait = deadline_of(ns, &deadline);
	uint32_t n = 0;
	int32_t ready;

	if ((int32_t)nfds < 0)
		return -LX_EINVAL;
	if (nfds > POLL_FDS_MAX)
		nfds = POLL_FDS_MAX, words = POLL_FDS_MAX / 32;
	memset(bits, 0, sizeof(bits));
	for (uint32_t s = 0; s < 3; s++)
		if (sets[s] && copy_from_user(p, bits[s], sets[s], words * 4))
			return -LX_EFAULT;
	for (uint32_t fd = 0; fd < nfds; fd++) {
		uint16_t events = 0;

		for (uint32_t s = 0; s < 3; s++)
			if (bits[s][fd / 32] & (1u << (fd % 32)))
				events |= wants[s];
		if (!events)
			continue;
		if (!file_get(p, (int32_t)fd))
			return -LX_EBADF;
		fds[n++] = (struct lx_pollfd){ (int32_t)fd, (int16_t)events, 0 };
	}
	ready = poll_files(p, fds, n, wait, deadline);
	if (ready < 0)
		return ready;
	memset(bits, 0, sizeof(bits));
	ready = 0;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t s = 0; s < 3; s++)
			if (fds[i].revents & fds[i].events & wants[s]) {
				bits[s][fds[i].fd / 32] |= 1u << (fds[i].fd % 32);
				ready++;
			}
	for (uint32_t s = 0; s < 3; s++)
		if (sets[s] && copy_to_user(p, sets[s], bits[s], words * 4))
			return -LX_EFAULT;
	return ready;
}

/* select(nfds, readfds, writefds, exceptfds, struct timeval *): the
 * timeout is left holding what remains of it, as Linux does. */
SYSCALL(_newselect)
{
	uint32_t sets[3] = { a[1], a[2], a[3] }, tv[2];
	uint64_t ns = ~0ull, start = clock_ns();
	int32_t ready;

	if (a[4]) {
		if (copy_from_user(p, tv, a[4], sizeof(tv)))
			return -LX_EFAULT;
		if ((int32_t)tv[0] < 0 || tv[1] >= 1000000)
			return -LX_EINVAL;
		ns = (uint64_t)tv[0] * 1000000000 + (uint64_t)tv[1] * 1000;
	}
	ready = select_common(p, a[0], sets, ns);
	if (a[4] && ready != -LX_EFAULT) {
		uint64_t spent = clock_ns() - start, left = spent < ns ? ns - spent : 0;
		uint32_t usec;

		div64_32(&left, 1000);
		usec = div64_32(&left, 1000000);
		tv[0] = (uint32_t)left;
		tv[1] = usec;
		copy_to_user(p, a[4], tv, sizeof(tv));
	}
	return ready;
}

/* pselect6(nfds, readfds, writefds, exceptfds, timespec, {sigset *, size}) */
static int32_t pselect_with(struct process *p, const uint32_t *a, bool time64)
{
	uint32_t sets[3] = { a[1], a[2], a[3] }, sig[2] = { 0, 0 };
	uint64_t ns = ~0ull;
	int32_t err;

	if (a[4] && (err = get_time(p, a[4], &ns, time64)))
		return err;
	if (a[5] && copy_from_user(p, sig, a[5], sizeof(sig)))
		return -LX_EFAULT;
	if ((err = signal_lend_mask(p, sig[0], sig[1])))
		return err;
	return select_common(p, a[0], sets, ns);
}

SYSCALL(pselect6)
{
	return pselect_with(p, a, false);
}

SYSCALL(pselect6_time64)
{
	return pselect_with(p, a, true);
}
