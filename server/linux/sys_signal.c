/* System calls on signals: dispositions and masks (recorded here, acted on
 * by signal.c), sending, waiting for one, alarm and the interval timer. */
#include "server.h"
#include <libc/div64.h>

#define SIGKILL 9
#define SIGSTOP 19

SYSCALL(rt_sigaction)
{
	uint32_t sig = a[0];
	struct sigaction_rec act;

	if (sig == 0 || sig >= SIGNALS || a[3] != 8)
		return -LX_EINVAL;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -LX_EINVAL;
	if (a[1] && copy_from_user(p, &act, a[1], sizeof(act)))
		return -LX_EFAULT;
	if (a[2] && copy_to_user(p, a[2], &p->sig[sig], sizeof(p->sig[sig])))
		return -LX_EFAULT;
	if (a[1])
		p->sig[sig] = act;
	return 0;
}

SYSCALL(rt_sigprocmask)
{
	uint32_t set[2];

	if (a[3] != 8)
		return -LX_EINVAL;
	if (a[1] && copy_from_user(p, set, a[1], sizeof(set)))
		return -LX_EFAULT;
	if (a[2] && copy_to_user(p, a[2], p->sigmask, sizeof(p->sigmask)))
		return -LX_EFAULT;
	if (!a[1])
		return 0;
	switch (a[0]) {
	case 0:			/* SIG_BLOCK */
		p->sigmask[0] |= set[0];
		p->sigmask[1] |= set[1];
		break;
	case 1:			/* SIG_UNBLOCK */
		p->sigmask[0] &= ~set[0];
		p->sigmask[1] &= ~set[1];
		break;
	case 2:			/* SIG_SETMASK */
		p->sigmask[0] = set[0];
		p->sigmask[1] = set[1];
		break;
	default:
		return -LX_EINVAL;
	}
	p->sigmask[0] &= ~(1u << (SIGKILL - 1) | 1u << (SIGSTOP - 1));
	return 0;
}

SYSCALL(kill)
{
	int32_t pid = (int32_t)a[0];
	uint32_t sig = a[1], hit = 0, from = (uint32_t)p->leader->pid;
	bool self = false;		/* the caller's process is one of them */

	if (sig >= SIGNALS)
		return -LX_EINVAL;
	if (pid == INT32_MIN)	/* (no group -pid) */
		return -LX_ESRCH;
	for (uint32_t i = 0; i < PROC_MAX; i++) {
		struct process *t = &procs[i];

		if (t->state != PROC_LIVE || t->leader != t)	/* processes: their leaders */
			continue;
		if (pid > 0 ? t->pid != pid : pid == 0 ? t->pgid != p->pgid :
		    pid < -1 ? t->pgid != -pid : t->pid == 1)
			continue;
		hit++;
		if (t == p->leader)
			self = pid != -1;	/* -1: everybody but init and the caller */
		else
			signal_send(t, sig, LX_SI_USER, from, 0, 0);
	}
	if (pid > 0 && !hit) {		/* a thread's id: its process, as on Linux */
		struct process *t = process_by_pid(pid);

		if (t && t->state == PROC_LIVE) {
			hit++;
			if (t->leader == p->leader)
				self = true;
			else
				signal_send(t, sig, LX_SI_USER, from, 0, 0);
		}
	}
	if (!hit)
		return -LX_ESRCH;
	if (self) {			/* last: it may end the caller */
		signal_send(p, sig, LX_SI_USER, from, 0, 0);
		if (p->state != PROC_LIVE)
			return SYSCALL_NO_REPLY;
	}
	return 0;
}

SYSCALL(tkill)
{
	struct process *t = process_by_pid((int32_t)a[0]);

	if ((int32_t)a[0] <= 0 || a[1] >= SIGNALS)
		return -LX_EINVAL;
	if (!t || t->state != PROC_LIVE)
		return -LX_ESRCH;
	if (a[1])
		signal_send_thread(t, a[1], -6 /* SI_TKILL */, (uint32_t)p->leader->pid, 0, 0);
	return p->state == PROC_LIVE ? 0 : SYSCALL_NO_REPLY;
}

/* tgkill(tgid, tid, sig): tkill of a thread of that process. */
SYSCALL(tgkill)
{
	struct process *t = process_by_pid((int32_t)a[1]);
	uint32_t b[2] = { a[1], a[2] };

	if ((int32_t)a[0] <= 0 || (int32_t)a[1] <= 0)
		return -LX_EINVAL;
	if (!t || t->leader->pid != (int32_t)a[0])
		return -LX_ESRCH;
	return sys_tkill(p, b);
}

SYSCALL(rt_sigpending)
{
	uint32_t set[2] = { p->sigpending[0] & p->sigmask[0], p->sigpending[1] & p->sigmask[1] };

	if (a[1] != 8)
		return -LX_EINVAL;
	return copy_to_user(p, a[0], set, sizeof(set));
}

/* Waits for a signal to become deliverable; EINTR. */
static int32_t wait_signal(struct process *p)
{
	while (!signal_ready(p))
		if (!coro_wait(&p->sig_wait))
			break;
	return -LX_EINTR;
}

SYSCALL(pause)
{
	(void)a;
	return wait_signal(p);
}

/* rt_sigsuspend: the mask is lent until a handler has run (the frame keeps
 * the caller's, so its sigreturn puts it back). */
SYSCALL(rt_sigsuspend)
{
	int32_t err = a[0] ? signal_lend_mask(p, a[0], a[1]) : -LX_EFAULT;

	return err ? err : wait_signal(p);
}

/* alarm: SIGALRM after that many seconds (the main loop watches). */
SYSCALL(alarm)
{
	uint64_t now = clock_ms(), left = p->leader->alarm_at > now ? p->leader->alarm_at - now + 999 : 0;

	div64_32(&left, 1000);		/* seconds, rounded up */
	p->leader->alarm_at = a[0] ? now + (uint64_t)a[0] * 1000 : 0;
	p->leader->alarm_interval = 0;
	signal_alarms_changed();
	return (int32_t)left;
}

/* ITIMER_REAL in milliseconds of the kernel's clock; the other timers
 * (virtual, profiling) are not kept. struct itimerval: interval, value. */
static uint32_t ms_of(const int32_t tv[2])
{
	return (uint32_t)tv[0] * 1000 + ((uint32_t)tv[1] + 999) / 1000;
}

static void itimer_now(struct process *p, int32_t out[4])
{
	uint64_t now = clock_ms(), left = p->leader->alarm_at > now ? p->leader->alarm_at - now : 0;
	uint32_t ms = (uint32_t)left;

	out[0] = (int32_t)(p->leader->alarm_interval / 1000);
	out[1] = (int32_t)(p->leader->alarm_interval % 1000 * 1000);
	out[2] = (int32_t)(ms / 1000);
	out[3] = (int32_t)(ms % 1000 * 1000);
}

SYSCALL(getitimer)
{
	int32_t v[4];

	if (a[0] != 0)
		return a[0] <= 2 ? -LX_ENOSYS : -LX_EINVAL;
	itimer_now(p, v);
	return copy_to_user(p, a[1], v, sizeof(v));
}

SYSCALL(setitimer)
{
	int32_t v[4], old[4];

	if (a[0] != 0)
		return a[0] <= 2 ? -LX_ENOSYS : -LX_EINVAL;
	if (a[1] && copy_from_user(p, v, a[1], sizeof(v)))
		return -LX_EFAULT;
	if (a[1] && (v[1] < 0 || v[1] >= 1000000 || v[3] < 0 || v[3] >= 1000000))
		return -LX_EINVAL;
	itimer_now(p, old);
	if (a[2] && copy_to_user(p, a[2], old, sizeof(old)))
		return -LX_EFAULT;
	if (a[1]) {
		uint32_t value = ms_of(v + 2);

		p->leader->alarm_at = value ? clock_ms() + value : 0;
		p->leader->alarm_interval = value ? ms_of(v) : 0;
		signal_alarms_changed();
	}
	return 0;
}
