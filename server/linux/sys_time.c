/* System calls on time: the clocks, sleeping, sched_yield; and getrandom and
 * sysinfo, which read the machine's state as the clocks do. */
#include "server.h"
#include <libc/div64.h>

#define NSEC_PER_SEC	1000000000u
#define NSEC_PER_MSEC	1000000u

static int clock_now(struct process *p, uint32_t clock, uint64_t *ns)
{
	switch (clock) {
	case LX_CLOCK_REALTIME:
	case LX_CLOCK_REALTIME_COARSE:
		*ns = clock_realtime_ns();
		return 0;
	case LX_CLOCK_MONOTONIC:
	case LX_CLOCK_MONOTONIC_RAW:
	case LX_CLOCK_MONOTONIC_COARSE:
	case LX_CLOCK_BOOTTIME:
		*ns = clock_ns();
		return 0;
	case LX_CLOCK_PROCESS_CPUTIME_ID:
	case LX_CLOCK_THREAD_CPUTIME_ID:
		*ns = (uint64_t)l4_thread_schedule(p->thread, L4_SCHED_UNCHANGED).time_ms *
		      NSEC_PER_MSEC;
		return 0;
	default:
		return -LX_EINVAL;
	}
}

int32_t put_time(struct process *p, uint32_t user, uint64_t ns, bool time64)
{
	uint32_t rest = div64_32(&ns, NSEC_PER_SEC);

	if (time64) {
		struct lx_timespec64 t = { (int64_t)ns, rest };

		return copy_to_user(p, user, &t, sizeof(t));
	} else {
		struct lx_timespec32 t = { (int32_t)ns, (int32_t)rest };

		return copy_to_user(p, user, &t, sizeof(t));
	}
}

int32_t get_time(struct process *p, uint32_t user, uint64_t *ns, bool time64)
{
	int64_t sec, nsec;

	if (time64) {
		struct lx_timespec64 t;

		if (copy_from_user(p, &t, user, sizeof(t)))
			return -LX_EFAULT;
		sec = t.tv_sec;
		nsec = (int32_t)t.tv_nsec;	/* the high half is padding */
	} else {
		struct lx_timespec32 t;

		if (copy_from_user(p, &t, user, sizeof(t)))
			return -LX_EFAULT;
		sec = t.tv_sec;
		nsec = t.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -LX_EINVAL;
	*ns = (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
	return 0;
}

static int32_t gettime(struct process *p, const uint32_t *a, bool time64)
{
	uint64_t ns;
	int err = clock_now(p, a[0], &ns);

	return err ? err : put_time(p, a[1], ns, time64);
}

SYSCALL(clock_gettime)
{
	return gettime(p, a, false);
}

SYSCALL(clock_gettime64)
{
	return gettime(p, a, true);
}

SYSCALL(clock_getres)
{
	uint64_t ns;
	int err = clock_now(p, a[0], &ns);

	if (err || !a[1])
		return err;
	return put_time(p, a[1], NSEC_PER_MSEC, false);	/* the clock ticks in ms */
}

SYSCALL(gettimeofday)
{
	uint64_t ns = clock_realtime_ns();
	uint32_t usec = div64_32(&ns, NSEC_PER_SEC) / 1000;
	struct lx_timeval tv = { (int32_t)ns, (int32_t)usec };
	static const uint32_t tz[2];

	if (a[0] && copy_to_user(p, a[0], &tv, sizeof(tv)))
		return -LX_EFAULT;
	if (a[1] && copy_to_user(p, a[1], tz, sizeof(tz)))
		return -LX_EFAULT;
	return 0;
}

/* Sleeps until the monotonic clock reaches ns (rounded up to the tick). */
static int32_t sleep_until_ns(uint64_t ns)
{
	uint64_t ms = ns + NSEC_PER_MSEC - 1;

	div64_32(&ms, NSEC_PER_MSEC);
	if (ms > clock_ms() && !coro_sleep_until(ms))
		return -LX_EINTR;
	return 0;
}

static int32_t sleep_common(struct process *p, uint32_t clock, uint32_t flags, uint32_t req,
			    bool time64)
{
	uint64_t ns, now;
	int err;

	if ((err = get_time(p, req, &ns, time64)))
		return err;
	if ((err = clock_now(p, clock, &now)))
		return err;
	if (clock == LX_CLOCK_PROCESS_CPUTIME_ID || clock == LX_CLOCK_THREAD_CPUTIME_ID)
		return -LX_EINVAL;
	if (flags & LX_TIMER_ABSTIME)
		ns = ns > now ? ns - now : 0;
	return sleep_until_ns(clock_ns() + ns);
}

/* sched_yield: the others at the caller's priority run first; the answer
 * comes at the next clock tick (a process waiting in the server lets them). */
SYSCALL(sched_yield)
{
	(void)p, (void)a;
	coro_sleep_until(clock_ms() + 1);	/* a signal only ends it sooner */
	return 0;
}

SYSCALL(nanosleep)
{
	return sleep_common(p, LX_CLOCK_MONOTONIC, 0, a[0], false);
}

SYSCALL(clock_nanosleep)
{
	return sleep_common(p, a[0], a[1], a[2], false);
}

SYSCALL(clock_nanosleep_time64)
{
	return sleep_common(p, a[0], a[1], a[2], true);
}

SYSCALL(getrandom)
{
	if (a[2] & ~7u)			/* GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE */
		return -LX_EINVAL;
	return fill_user(p, a[0], a[1] > 0x1ffffff ? 0x1ffffff : a[1], true);
}

/* sysinfo(2): uptime, memory in pages of the server's pool, processes. */
SYSCALL(sysinfo)
{
	struct {
		int32_t uptime;
		uint32_t loads[3];
		uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		uint16_t procs, pad;
		uint32_t totalhigh, freehigh, mem_unit;
		char reserved[8];
	} si;
	uint64_t ms = clock_ms();

	memset(&si, 0, sizeof(si));
	div64_32(&ms, 1000);
	si.uptime = (int32_t)ms;
	si.totalram = mem_total_pages();
	si.freeram = mem_free_pages();
	for (uint32_t i = 0; i < PROC_MAX; i++)
		si.procs += procs[i].state == PROC_LIVE;
	si.mem_unit = PAGE_SIZE;
	return copy_to_user(p, a[0], &si, sizeof(si));
}
