/* Signals: queued per thread, delivered by the emulation library in the
 * process (lib/emul/signal.c builds the frames). The server keeps the
 * dispositions, the blocked set and what is pending; every answer to a call
 * carries LINUX_REPLY_SIGNAL while a pending signal is not blocked, and the
 * emulation library then takes it (LINUX_REQ_SIGNAL) before the program
 * goes on. A process waiting in the server is woken with EINTR for it.
 *
 * A thread that runs is stopped for a signal by its signal thread (lthread
 * 2n + 1, emul.asm), which sends it to the emulation library's delivery
 * too. A signal for the process goes to a thread that does not block it,
 * the main thread first. Stop signals stop every thread of a process by
 * holding its next answer until SIGCONT; the parent hears of both
 * (SIGCHLD, wait4's WUNTRACED and WCONTINUED). */
#include "server.h"
#include <l4/timeout.h>

#define SIG_DFL		0
#define SIG_IGN		1
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

static uint32_t bit(uint32_t sig)
{
	return 1u << ((sig - 1) % 32);
}

/* Whether sig's default action ends a process (the others ignore it, or
 * stop or continue it). */
static bool terminates(uint32_t sig)
{
	return !(sig == LX_SIGCHLD || sig == LX_SIGCONT || sig == 23 || sig == 28 ||	/* URG WINCH */
		 sig == LX_SIGSTOP || sig == LX_SIGTSTP || sig == 21 || sig == 22);	/* TTIN TTOU */
}

static bool stops(uint32_t sig)
{
	return sig == LX_SIGSTOP || sig == LX_SIGTSTP || sig == 21 || sig == 22;
}

#define STOP_SIGNALS	(1u << (LX_SIGSTOP - 1) | 1u << (LX_SIGTSTP - 1) | 1u << 20 | 1u << 21)
#define SA_NOCLDSTOP	0x00000001

/* t's parent hears that t stopped or went on: SIGCHLD (unless it asked
 * not to, SA_NOCLDSTOP) and a look by its wait4. */
static void tell_parent(struct process *t, int32_t code, uint32_t sig)
{
	struct process *parent = t->ppid ? process_by_pid(t->ppid) : NULL;

	if (!parent || parent->state != PROC_LIVE)
		return;
	coro_wake(&parent->child_wait);
	if (!(parent->sig[LX_SIGCHLD].flags & SA_NOCLDSTOP))
		signal_send(parent, LX_SIGCHLD, code, (uint32_t)t->pid, 0, sig);
}

/* A stop signal's default action. A call the process waits in ends and is
 * made again on SIGCONT, with no effect meanwhile (as on Linux: a write
 * to a full pipe writes nothing while stopped); a process that runs is
 * brought to the server by its signal thread, and its answer waits there.
 * A job-control stop (SIGTSTP, SIGTTIN, SIGTTOU; not SIGSTOP) does nothing
 * to a process of an orphaned group, when it comes: nobody could continue
 * it (POSIX; Linux checks as it delivers). Whether p is stopped now. */
static bool stop(struct process *p, uint32_t sig)
{
	struct process *g = p->leader;

	if (sig != LX_SIGSTOP && process_group_orphaned(p->pgid))
		return false;
	for (struct process *t = NULL; (t = process_next_thread(g, t));)
		t->sigpending[0] &= ~bit(LX_SIGCONT);
	if (g->stopped)
		return true;
	g->stop_sig = (uint8_t)sig;
	g->wait_report = WAIT_STOPPED;
	tell_parent(g, LX_CLD_STOPPED, sig);
	for (struct process *t = NULL; (t = process_next_thread(g, t));) {
		if (t->state != PROC_LIVE)
			continue;
		t->stopped = t->attention = true;	/* (call_ending holds its answers) */
		if (t->in_call && !t->vfork_child) {
			t->stop_restarts = true;
			coro_interrupt(t);
		} else if (!t->in_call && t != serving && t->hold == HOLD_NONE &&
			   !(t == g && g->main_gone)) {
			signal_thread_wake(t);
		}
	}
	return true;
}

bool signal_hold(struct process *p, const struct l4_words *w, uint8_t kind)
{
	if (!p->stopped)
		return false;
	p->held = *w;
	p->hold = kind;
	return true;
}

/* SIGCONT for one thread: the held request is made, or the held answer
 * goes out (computed again for a signal request). */
static void cont_thread(struct process *t)
{
	struct l4_words w = t->held;
	uint8_t kind = t->hold;

	t->stopped = false;
	t->hold = HOLD_NONE;
	if (t->state != PROC_LIVE)
		return;
	if (kind == HOLD_RESTART) {
		if (!syscall_request(t, &w))
			return;		/* it waits again, or it ended */
	} else if (kind == HOLD_SIGNAL) {
		int32_t sig = signal_take(t, w.w1);

		if (sig == SYSCALL_NO_REPLY || (sig == SYSCALL_HOLD && signal_hold(t, &w, kind)))
			return;
		w = (struct l4_words){ (uint32_t)sig, 0, 0 };
	} else if (kind == HOLD_REPLY) {
		if (!syscall_answer(t, &w))
			return;
	} else {
		return;
	}
	l4_ipc_send(t->thread, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0));
}

static void cont(struct process *p)
{
	struct process *g = p->leader;

	g->wait_report = WAIT_CONTINUED;
	tell_parent(g, LX_CLD_CONTINUED, LX_SIGCONT);
	for (struct process *t = NULL; g->state == PROC_LIVE && (t = process_next_thread(g, t));)
		cont_thread(t);
}

void signal_send(struct process *t, uint32_t sig, int32_t code, uint32_t a, uint32_t b,
		 uint32_t c)
{
	struct process *g = t->leader, *to = NULL;

	if (!sig || sig >= SIGNALS)
		return;
	for (struct process *th = NULL; (th = process_next_thread(g, th));) {
		if (th->state != PROC_LIVE || (th == g && g->main_gone))
			continue;
		if (!to)
			to = th;
		if (!(th->sigmask[(sig - 1) / 32] & bit(sig))) {
			to = th;
			break;
		}
	}
	signal_send_thread(to ? to : g, sig, code, a, b, c);
}

void signal_send_thread(struct process *t, uint32_t sig, int32_t code, uint32_t a, uint32_t b,
			uint32_t c)
{
	uint32_t handler;

	if (!sig || sig >= SIGNALS || t->state != PROC_LIVE)
		return;
	handler = t->sig[sig].handler;
	if (sig == LX_SIGCONT) {	/* it goes on, whatever its mask and handler */
		for (struct process *th = NULL; (th = process_next_thread(t, th));)
			th->sigpending[0] &= ~STOP_SIGNALS;
		if (t->leader->stopped)
			cont(t);
		if (t->state != PROC_LIVE)
			return;
	}
	if (sig == LX_SIGSTOP || (stops(sig) && handler == SIG_DFL &&
				  !(t->sigmask[0] & bit(sig)))) {
		stop(t, sig);
		return;
	}
	/* A blocked signal waits, whatever its action (sigtimedwait may take
	 * it); an unblocked one ends the process, is dropped, or is queued for
	 * its handler. */
	if (sig == LX_SIGKILL || (!(t->sigmask[(sig - 1) / 32] & bit(sig)) &&
				  handler == SIG_DFL && terminates(sig))) {
		process_exit(t, (int32_t)sig);
		return;
	}
	if (!(t->sigmask[(sig - 1) / 32] & bit(sig)) && (handler == SIG_IGN || handler == SIG_DFL))
		return;
	t->sigpending[(sig - 1) / 32] |= bit(sig);
	t->attention = true;
	t->sigorigin[sig] = (struct sig_origin){ code, a, b, c };
	coro_wake(&t->sig_wait);	/* sigtimedwait, pause, sigsuspend look again */
	if (!signal_ready(t))
		return;
	/* A call it waits in ends with EINTR, and the answer says "signal"
	 * (a vfork parent waits for its child regardless, as on Linux); the
	 * answer to the call being served says so too; a process that runs
	 * is stopped by its signal thread. */
	if (t->in_call) {
		if (!t->vfork_child)
			coro_interrupt(t);
	} else if (t != serving && !t->stopped) {	/* (a held answer will say so) */
		signal_thread_wake(t);
	}
}

/* t's DUE byte in its slot of the signal page (the process's). */
static void set_due(struct process *t, bool due)
{
	uint8_t *page = t->leader->sigpage;

	t->signal_due = due;
	if (page)
		page[t->lthread / 2 * LINUX_SIGNAL_SLOT + LINUX_SIGNAL_SCRATCH + LINUX_SIGNAL_DUE] = due;
}

void signal_due_clear(struct process *t)
{
	set_due(t, false);
}

/* A word to t's signal thread (lthread 2n + 1; emul.asm), at a priority
 * above its program thread's so that it cannot be overtaken between a look
 * and a move; DUE keeps it looking while that is in the library. Without
 * the thread (not started yet), the signal waits for the next call. The
 * word is sent without waiting: a signal thread that is not receiving yet
 * (just created, it has not run; or it is on its way back from the last
 * move) gets it again a millisecond later (signal_alarms_fire), while the
 * signal is still due and the thread in no call. */
void signal_thread_wake(struct process *t)
{
	l4_threadid_t id = signal_thread_of(t);
	struct l4_words w = { 0, 0, 0 };

	t->wake_again_at = 0;
	if ((t == t->leader && t->main_gone) ||	/* nobody to stop */
	    l4_thread_schedule(id, SIGNAL_THREAD_PRIORITY).old_param == L4_SCHED_FAILED)
		return;
	set_due(t, true);
	if (l4_ipc_error(l4_ipc_send(id, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0)))) {
		t->wake_again_at = clock_ms() + 1;
		signal_alarms_changed();
	}
}

int32_t signal_take(struct process *p, uint32_t user)
{
	for (uint32_t sig = 1; sig < SIGNALS; sig++) {
		uint32_t w = (sig - 1) / 32;
		struct sigaction_rec *act = &p->sig[sig];
		struct sig_origin *o = &p->sigorigin[sig];
		struct linux_signal s;

		if (!(p->sigpending[w] & ~p->sigmask[w] & bit(sig)))
			continue;
		p->sigpending[w] &= ~bit(sig);
		if (act->handler == SIG_IGN)
			continue;
		if (act->handler == SIG_DFL) {	/* reset since it was queued */
			if (stops(sig) && stop(p, sig))
				return SYSCALL_HOLD;
			if (!terminates(sig))
				continue;
			process_exit(p, (int32_t)sig);
			return SYSCALL_NO_REPLY;
		}
		memset(&s, 0, sizeof(s));
		s.signo = sig;
		s.handler = act->handler;
		s.flags = act->flags;
		s.restorer = act->restorer;
		s.oldmask[0] = p->suspend_mask_saved ? p->suspend_mask[0] : p->sigmask[0];
		s.oldmask[1] = p->suspend_mask_saved ? p->suspend_mask[1] : p->sigmask[1];
		p->suspend_mask_saved = false;
		s.info[0] = sig;
		s.info[2] = (uint32_t)o->code;
		s.info[3] = o->a;
		s.info[4] = o->b;
		s.info[5] = o->c;
		if (copy_to_user(p, user, &s, sizeof(s))) {
			log("pid %d (%s): no room for a signal frame\n", p->pid, p->comm);
			process_exit(p, LX_SIGSEGV);
			return SYSCALL_NO_REPLY;
		}
		p->sigmask[0] |= act->mask[0];
		p->sigmask[1] |= act->mask[1];
		if (!(act->flags & SA_NODEFER))
			p->sigmask[w] |= bit(sig);
		p->sigmask[0] &= ~(bit(LX_SIGKILL) | bit(LX_SIGSTOP));
		if (act->flags & SA_RESETHAND)
			act->handler = SIG_DFL;
		return (int32_t)sig;
	}
	return 0;
}

/* An x87 error's si_code from the unmasked exceptions it raised (the
 * library sends status & ~control), in Linux's order of precedence. */
static int32_t x87_code(uint32_t raised)
{
	if (raised & 0x01)
		return 7;		/* FPE_FLTINV: invalid operation */
	if (raised & 0x04)
		return 3;		/* FPE_FLTDIV */
	if (raised & 0x08)
		return 4;		/* FPE_FLTOVF */
	if (raised & 0x12)
		return 5;		/* FPE_FLTUND: denormal or underflow */
	if (raised & 0x20)
		return 6;		/* FPE_FLTRES: inexact */
	return 0;
}

/* CPU exceptions as Linux maps them to signals and si_codes. */
bool signal_fault(struct process *p, uint32_t vector, uint32_t error, uint32_t addr,
		  uint32_t eip)
{
	uint32_t sig = LX_SIGSEGV, w;
	int32_t code = LX_SI_KERNEL;

	switch (vector) {
	case 0:				/* #DE */
		sig = LX_SIGFPE, code = 1;	/* FPE_INTDIV */
		addr = eip;
		break;
	case 1:
	case 3:				/* debug, int3 */
		sig = LX_SIGTRAP, code = 1;	/* TRAP_BRKPT */
		addr = eip;
		break;
	case 6:				/* #UD */
		sig = LX_SIGILL, code = 2;	/* ILL_ILLOPN */
		addr = eip;
		break;
	case 16:			/* x87: error, the exceptions raised */
		sig = LX_SIGFPE, code = x87_code(error);
		addr = eip;
		break;
	case 17:			/* alignment */
		sig = LX_SIGBUS, code = 1;	/* BUS_ADRALN */
		break;
	case 14:			/* a page fault nobody maps */
		code = error & 1 ? 2 : 1;	/* SEGV_ACCERR, SEGV_MAPERR */
		break;
	default:			/* #GP and the rest */
		addr = 0;
		break;
	}
	w = (sig - 1) / 32;
	/* Linux's force_sig: a blocked or ignored fault signal ends the process */
	if (p->sig[sig].handler <= SIG_IGN || (p->sigmask[w] & bit(sig))) {
		log("pid %d (%s) killed by signal %u: exception %u at eip %#x, address %#x\n", p->pid,
		    p->comm, sig, vector, eip, addr);
		process_exit(p, (int32_t)sig);
		return false;
	}
	p->sigpending[w] |= bit(sig);
	p->attention = true;
	p->sigorigin[sig] = (struct sig_origin){ code, addr, 0, 0 };
	return true;
}

/* ---- alarm(2) --------------------------------------------------------------- */

uint64_t signal_next_alarm = ~0ull;	/* the earliest alarm_at or wake_again_at */

bool signal_alarms_armed;		/* signal_next_alarm is not ~0 */

void signal_alarms_changed(void)
{
	signal_next_alarm = ~0ull;
	for (uint32_t i = 0; i < PROC_MAX; i++) {
		if (procs[i].state != PROC_LIVE)
			continue;
		if (procs[i].alarm_at && procs[i].alarm_at < signal_next_alarm)
			signal_next_alarm = procs[i].alarm_at;
		if (procs[i].wake_again_at && procs[i].wake_again_at < signal_next_alarm)
			signal_next_alarm = procs[i].wake_again_at;
	}
	signal_alarms_armed = signal_next_alarm != ~0ull;
}

void signal_alarms_fire(uint64_t now)
{
	for (uint32_t i = 0; i < PROC_MAX; i++) {
		struct process *p = &procs[i];

		if (p->state == PROC_LIVE && p->alarm_at && p->alarm_at <= now) {
			p->alarm_at = p->alarm_interval ? now + p->alarm_interval : 0;
			signal_send(p, LX_SIGALRM, LX_SI_KERNEL, 0, 0, 0);
		}
		if (p->state == PROC_LIVE && p->wake_again_at && p->wake_again_at <= now) {
			p->wake_again_at = 0;
			if (p->signal_due && !p->in_call)
				signal_thread_wake(p);	/* its last word was not taken */
		}
	}
	signal_alarms_changed();
}

/* rt_sigtimedwait(set, info, timeout, size): takes a pending signal of set,
 * blocked or not, without a handler running. */
static int32_t timed_wait(struct process *p, const uint32_t *a, bool time64)
{
	uint32_t set[2];
	uint64_t deadline = ~0ull;

	if (a[3] != 8)
		return -LX_EINVAL;
	if (copy_from_user(p, set, a[0], sizeof(set)))
		return -LX_EFAULT;
	if (a[2]) {
		int64_t t[2] = { 0, 0 };
		int32_t t32[2];
		uint64_t ms;

		if (time64 ? copy_from_user(p, t, a[2], sizeof(t))
			   : copy_from_user(p, t32, a[2], sizeof(t32)))
			return -LX_EFAULT;
		if (!time64) {
			t[0] = t32[0];
			t[1] = t32[1];
		}
		if (t[0] < 0 || (int32_t)t[1] < 0 || (int32_t)t[1] >= 1000000000)
			return -LX_EINVAL;
		ms = (uint64_t)t[0] * 1000 + ((uint32_t)t[1] + 999999) / 1000000;
		deadline = clock_ms() + ms;
	}
	for (;;) {
		for (uint32_t sig = 1; sig < SIGNALS; sig++) {
			uint32_t w = (sig - 1) / 32;
			uint32_t info[32];

			if (!(p->sigpending[w] & set[w] & bit(sig)))
				continue;
			p->sigpending[w] &= ~bit(sig);
			memset(info, 0, sizeof(info));
			info[0] = sig;
			info[2] = (uint32_t)p->sigorigin[sig].code;
			info[3] = p->sigorigin[sig].a;
			info[4] = p->sigorigin[sig].b;
			info[5] = p->sigorigin[sig].c;
			if (a[1] && copy_to_user(p, a[1], info, sizeof(info)))
				return -LX_EFAULT;
			return (int32_t)sig;
		}
		if (signal_ready(p))
			return -LX_EINTR;	/* another one, for its handler */
		if (deadline != ~0ull) {
			int err = coro_wait_until(&p->sig_wait, deadline);

			if (err == -LX_ETIMEDOUT)
				return -LX_EAGAIN;
			if (err)
				return err;
		} else if (!coro_wait(&p->sig_wait)) {
			return -LX_EINTR;
		}
	}
}

SYSCALL(rt_sigtimedwait)
{
	return timed_wait(p, a, false);
}

SYSCALL(rt_sigtimedwait_time64)
{
	return timed_wait(p, a, true);
}

#define SA_RESTART	0x10000000

bool signal_restarts(struct process *p, uint32_t nr)
{
	switch (nr) {			/* what Linux restarts; not sleeps, poll, pause */
	case LX_SYS_read:
	case LX_SYS_readv:
	case LX_SYS_write:
	case LX_SYS_writev:
	case LX_SYS_wait4:
	case LX_SYS_waitpid:
	case LX_SYS_waitid:
		break;
	default:
		return false;
	}
	for (uint32_t sig = 1; sig < SIGNALS; sig++) {
		uint32_t w = (sig - 1) / 32;

		if (p->sigpending[w] & ~p->sigmask[w] & bit(sig))
			return p->sig[sig].handler > SIG_IGN && (p->sig[sig].flags & SA_RESTART);
	}
	return false;
}

int32_t signal_lend_mask(struct process *p, uint32_t user, uint32_t size)
{
	uint32_t mask[2];

	if (!user)
		return 0;
	if (size != sizeof(mask))
		return -LX_EINVAL;
	if (copy_from_user(p, mask, user, sizeof(mask)))
		return -LX_EFAULT;
	p->suspend_mask[0] = p->sigmask[0];
	p->suspend_mask[1] = p->sigmask[1];
	p->suspend_mask_saved = p->attention = true;
	p->sigmask[0] = mask[0] & ~(bit(LX_SIGKILL) | bit(LX_SIGSTOP));
	p->sigmask[1] = mask[1];
	return 0;
}
