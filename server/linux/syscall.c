/* System-call dispatch, and the calls about the process itself and the
 * machine (time is sys_time.c's). A request's first argument travels in a register; the others
 * are read from the caller's argument block only if the call has them. */
#include "server.h"
#include <l4/sigma0.h>
#include <l4/timeout.h>
#include <tessera/portio.h>
#include <tessera/test.h>

#define REPORTED_HIGH	8

struct process *serving;
static uint8_t reported[(LX_SYS_MAX + 7) / 8];	/* unknown numbers already logged */
static uint32_t reported_high[REPORTED_HIGH];	/* ... and the first larger ones */

static bool first_report(uint32_t nr)
{
	if (nr < LX_SYS_MAX) {
		bool first = !(reported[nr / 8] & (1u << (nr % 8)));

		reported[nr / 8] |= (uint8_t)(1u << (nr % 8));
		return first;
	}
	for (uint32_t i = 0; i < REPORTED_HIGH; i++) {
		if (reported_high[i] == nr + 1)
			return false;
		if (!reported_high[i]) {
			reported_high[i] = nr + 1;
			return true;
		}
	}
	return false;			/* enough said */
}

/* nr LINUX_REQ_ARG_MASK: the number did not fit the request; it is in w1. */
static int32_t unknown(struct process *p, uint32_t nr, uint32_t w1)
{
	if (nr == LINUX_REQ_ARG_MASK)
		nr = w1;
	if (first_report(nr))
		log("pid %d (%s): system call %u is not implemented (-ENOSYS)\n", p->pid, p->comm,
		    nr);
	return -LX_ENOSYS;
}

/* A call a stop ended (stop_restarts and -EINTR), call nr with first
 * argument arg0, is made again on SIGCONT: its request waits
 * (HOLD_RESTART); true if so. */
static bool held_for_restart(struct process *p, int32_t result, uint32_t nr, uint32_t arg0)
{
	struct l4_words w;

	p->stop_restarts = false;
	if (result != -LX_EINTR || !p->stopped || p->state != PROC_LIVE)
		return false;
	w = (struct l4_words){ LINUX_REQ_SYSCALL | nr, arg0, p->call_block };
	signal_hold(p, &w, HOLD_RESTART);
	return true;
}

/* What follows every call (nr, first argument arg0): the call again on
 * SIGCONT if a stop ended it, set_thread_area's words, SIGPIPE for a write
 * without readers, a mask sigsuspend lent back, and "a signal is pending"
 * in the answer w. False if the process ended or w is not to be sent. */
static bool __attribute__((noinline)) call_ending_slow(struct process *p, struct l4_words *w,
						       uint32_t nr, uint32_t arg0)
{
	if (p->stop_restarts && held_for_restart(p, (int32_t)w->w0, nr, arg0))
		return false;		/* it stopped itself (SIGTTIN, SIGTTOU) or was stopped */
	if (signal_hold(p, w, HOLD_REPLY))
		return false;		/* stopped: the answer waits for SIGCONT */
	if (p->reply_flags) {		/* LINUX_REPLY_TLS */
		w->w1 = p->reply_flags;
		w->w2 = p->reply_w2;
		p->reply_flags = 0;
	}
	if (p->call_signal) {
		signal_send(p, p->call_signal, LX_SI_USER, (uint32_t)p->pid, 0, 0);
		p->call_signal = 0;
		if (p->state != PROC_LIVE)
			return false;
	}
	if ((p->sigpending[0] | p->sigpending[1]) && signal_ready(p))
		w->w1 |= LINUX_REPLY_SIGNAL;
	else if (p->suspend_mask_saved) {	/* nothing came: the mask goes back now */
		p->sigmask[0] = p->suspend_mask[0];
		p->sigmask[1] = p->suspend_mask[1];
		p->suspend_mask_saved = false;
	}
	p->attention = p->sigpending[0] | p->sigpending[1] || p->suspend_mask_saved || p->stopped;
	if (p->traced && (w->w1 & LINUX_REPLY_SAVE_FPU))
		log("pid %d: call %u: again with the FPU state\n", p->pid, p->call_nr);
	else if (p->traced)
		log("pid %d: call %u = %d%s\n", p->pid, p->call_nr, (int32_t)w->w0,
		    w->w1 & LINUX_REPLY_SIGNAL ? " (a signal is due)" : "");
	return true;
}

/* The common case, nothing of the above (p->attention clear), is one test. */
static inline bool call_ending(struct process *p, struct l4_words *w, uint32_t nr,
			       uint32_t arg0)
{
	return !p->attention || call_ending_slow(p, w, nr, arg0);
}

bool syscall_request(struct process *p, struct l4_words *w)
{
	/* a[1..5] are read only for calls with more than one argument: each
	 * handler reads no more than its table entry says */
	uint32_t nr = w->w0 & LINUX_REQ_ARG_MASK, a[6];
	const struct syscall *s = nr < LX_SYS_MAX && syscalls[nr].fn ? &syscalls[nr] : NULL;
	int32_t r;

	if (__builtin_expect(p->unusual, 0)) {	/* in a call, stopped, a signal due, traced */
		if (p->signal_due)
			signal_due_clear(p);
		if (p->traced) {	/* call_ending logs the result: attention */
			log("pid %d: call %u (%#x, block %#x)\n", p->pid, nr, w->w1, w->w2);
			p->call_nr = nr;
			p->attention = true;
		}
		if (p->in_call) {
			/* It sent without waiting for the answer to its last call:
			 * the protocol allows one call in flight. */
			log("pid %d (%s): a request while its call is in flight; killed\n", p->pid,
			    p->comm);
			process_exit(p, 9);
			return false;
		}
		if (signal_hold(p, w, HOLD_RESTART))
			return false;		/* stopped: made on SIGCONT */
	}
	a[0] = w->w1;
	p->call_block = w->w2;
	serving = p;
	if (!s)
		r = unknown(p, nr, w->w1);
	else if (s->args > 1 && copy_from_user(p, &a[1], w->w2, 5 * sizeof(uint32_t)))
		r = -LX_EFAULT;
	else if (!s->blocks)
		r = s->fn(p, a);
	else if ((p->call_nr = nr), (p->call_arg0 = a[0]), !coro_run(s->fn, p, a, &r)) {
		p->in_call = true;
		serving = NULL;
		return false;			/* the reply goes out when it finishes */
	}
	serving = NULL;
	if (p->state != PROC_LIVE || r == SYSCALL_NO_REPLY)
		return false;			/* it exited, or exec replaced it */
	*w = (struct l4_words){ (uint32_t)r, 0, 0 };
	return call_ending(p, w, nr, a[0]);
}

bool syscall_answer(struct process *p, struct l4_words *w)
{
	return call_ending(p, w, p->call_nr, p->call_arg0);
}

void reply_later(struct process *p, int32_t result)
{
	struct l4_words w = { (uint32_t)result, 0, 0 };

	p->in_call = false;
	if (p->state == PROC_LIVE && call_ending(p, &w, p->call_nr, p->call_arg0)) {
		if (result == -LX_EINTR && (w.w1 & LINUX_REPLY_SIGNAL) && signal_restarts(p, p->call_nr)) {
			w.w0 = (uint32_t)-LX_ERESTARTSYS;	/* again after the handler */
			w.w2 = p->call_nr;
		}
		l4_ipc_send(p->thread, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0));
	}
	process_call_done(p);
}

/* ---- processes ---------------------------------------------------------- */

/* exit(2): the calling thread; exit_group(2): the process. */
static SYSCALL(exit)
{
	process_thread_exit(p, (int32_t)((a[0] & 0xff) << 8));
	return SYSCALL_NO_REPLY;
}

static SYSCALL(exit_group)
{
	process_exit(p, (int32_t)((a[0] & 0xff) << 8));
	return SYSCALL_NO_REPLY;
}

static SYSCALL(getpid)
{
	(void)a;
	return p->tgid;
}

static SYSCALL(gettid)
{
	(void)a;
	return p->pid;
}

static SYSCALL(getppid)
{
	(void)a;
	return p->leader->ppid;
}

static SYSCALL(getuid)
{
	(void)p, (void)a;
	return 0;			/* everybody is root, as in an initramfs */
}

static SYSCALL(set_tid_address)
{
	p->clear_child_tid = a[0];
	return p->pid;
}

int32_t tls_from_user(struct process *p, uint32_t user, uint32_t *slot, struct tls_desc *out)
{
	struct lx_user_desc d;
	bool empty;

	if (copy_from_user(p, &d, user, sizeof(d)))
		return -LX_EFAULT;
	if (d.entry_number == 0xffffffff) {
		for (*slot = 0; *slot < LX_GDT_TLS_COUNT && (p->tls_used & (1u << *slot)); (*slot)++)
			;
		if (*slot == LX_GDT_TLS_COUNT)
			return -LX_ESRCH;
		d.entry_number = LX_GDT_TLS_FIRST + *slot;
		if (copy_to_user(p, user, &d.entry_number, sizeof(d.entry_number)))
			return -LX_EFAULT;
	} else if (d.entry_number - LX_GDT_TLS_FIRST >= LX_GDT_TLS_COUNT) {
		return -LX_EINVAL;
	}
	*slot = d.entry_number - LX_GDT_TLS_FIRST;
	empty = (d.base_addr == 0 && d.limit == 0 &&
		 (d.flags & ~LX_UD_USEABLE) == (LX_UD_READ_EXEC_ONLY | LX_UD_SEG_NOT_PRESENT)) ||
		(d.flags & LX_UD_SEG_NOT_PRESENT);
	if (!empty && ((d.flags & LX_UD_CONTENTS) >> 1) == 3)
		return -LX_EINVAL;		/* a code segment */
	*out = (struct tls_desc){
		d.base_addr,
		d.flags & LX_UD_LIMIT_IN_PAGES ? (d.limit & 0xfffff) << 12 | 0xfff : d.limit & 0xfffff,
		!empty,
	};
	return 0;
}

/* set_thread_area: the descriptor is checked and its entry chosen here;
 * the emulation library installs it (LINUX_REPLY_TLS). */
static SYSCALL(set_thread_area)
{
	struct tls_desc d;
	uint32_t slot;
	int32_t err = tls_from_user(p, a[0], &slot, &d);

	if (err)
		return err;
	if (d.present)
		p->tls_used |= (uint8_t)(1u << slot);
	else
		p->tls_used &= (uint8_t)~(1u << slot);
	p->tls[slot] = d;		/* for fork and clone */
	p->reply_flags = LINUX_REPLY_TLS | slot << 8 | d.present << 16;
	p->reply_w2 = d.limit;
	p->attention = true;		/* call_ending puts them in the answer */
	return 0;
}

static SYSCALL(uname)
{
	struct lx_utsname u = {
		"Linux", "tessera", "6.1.0-tessera", "#1 Tessera " TESSERA_VERSION, "", "(none)",
	};

	cpu_machine(u.machine);
	return copy_to_user(p, a[0], &u, sizeof(u));
}

/* ---- the machine ---------------------------------------------------------- */

#define ACPI_PM1A_CONTROL	0x604	/* QEMU's PIIX4 power management */
#define ACPI_SLEEP_S5		0x2000

/* The server's own space, as thread_schedule reports it (a touch beyond a
 * small space's window would have made it large again). */
static const char *space_kind(void)
{
	uint32_t param = l4_thread_schedule(server_id, L4_SCHED_UNCHANGED).old_param;

	return (param >> 8) & 0xff ? "small" : "large";
}

void end_run(int32_t status)
{
	log("the server ran in a %s space\n", space_kind());
	if (status & 0x7f)
		log("init (pid 1) was killed by signal %d\n", status & 0x7f);
	else
		log("init (pid 1) exited with status %d\n", (status >> 8) & 0xff);
	l4_kdebug(L4_KDEBUG_EXIT, status ? TEST_EXIT_FAIL : TEST_EXIT_PASS, 0);
	l4_sleep_forever();
}

void power_off(void)
{
	log("the server ran in a %s space\n", space_kind());
	log("power off\n");
	if (l4_sigma0_request(L4_SIGMA0_PAGE, L4_IO_FPAGE(ACPI_PM1A_CONTROL, 1), L4_WHOLE_SPACE,
			      NULL) == L4_SIGMA0_OK)
		outw(ACPI_PM1A_CONTROL, ACPI_SLEEP_S5);
	l4_sleep(100000);		/* the machine goes off a little after the write */
	log("the machine did not power off; halted\n");
	l4_sleep_forever();
}

static SYSCALL(reboot)
{
	if (a[0] != LX_REBOOT_MAGIC1 || a[1] != LX_REBOOT_MAGIC2)
		return -LX_EINVAL;
	switch (a[2]) {
	case LX_REBOOT_CMD_POWER_OFF:
	case LX_REBOOT_CMD_HALT:
	case LX_REBOOT_CMD_RESTART:
		log("pid %d (%s) asked to %s\n", p->pid, p->comm,
		    a[2] == LX_REBOOT_CMD_RESTART ? "restart (powering off instead)" : "power off");
		power_off();
	case LX_REBOOT_CMD_CAD_ON:
	case LX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -LX_EINVAL;
	}
}

/* ---- the table ---------------------------------------------------------------- */

SYSCALL(read);
SYSCALL(clock_gettime);
SYSCALL(clock_gettime64);
SYSCALL(clock_getres);
SYSCALL(gettimeofday);
SYSCALL(sched_yield);
SYSCALL(nanosleep);
SYSCALL(clock_nanosleep);
SYSCALL(clock_nanosleep_time64);
SYSCALL(getrandom);
SYSCALL(sysinfo);
SYSCALL(write);
SYSCALL(readv);
SYSCALL(writev);
SYSCALL(open);
SYSCALL(openat);
SYSCALL(close);
SYSCALL(lseek);
SYSCALL(llseek);
SYSCALL(stat64);
SYSCALL(lstat64);
SYSCALL(fstat64);
SYSCALL(fstatat64);
SYSCALL(statx);
SYSCALL(getdents64);
SYSCALL(ioctl);
SYSCALL(fcntl64);
SYSCALL(readlink);
SYSCALL(readlinkat);
SYSCALL(symlink);
SYSCALL(mkdir);
SYSCALL(mkdirat);
SYSCALL(mknod);
SYSCALL(mknodat);
SYSCALL(rmdir);
SYSCALL(rename);
SYSCALL(renameat);
SYSCALL(renameat2);
SYSCALL(link);
SYSCALL(linkat);
SYSCALL(chmod);
SYSCALL(fchmodat);
SYSCALL(fchmod);
SYSCALL(chown32);
SYSCALL(lchown32);
SYSCALL(fchownat);
SYSCALL(fchown32);
SYSCALL(access);
SYSCALL(faccessat);
SYSCALL(truncate);
SYSCALL(ftruncate);
SYSCALL(truncate64);
SYSCALL(ftruncate64);
SYSCALL(utimensat);
SYSCALL(statfs64);
SYSCALL(fstatfs64);
SYSCALL(sync);
SYSCALL(fsync);
SYSCALL(fork);
SYSCALL(vfork);
SYSCALL(clone);
SYSCALL(execve);
SYSCALL(futex);
SYSCALL(madvise);
SYSCALL(futex_time64);
SYSCALL(set_robust_list);
SYSCALL(get_robust_list);
SYSCALL(wait4);
SYSCALL(waitpid);
SYSCALL(waitid);
SYSCALL(getpgrp);
SYSCALL(getpgid);
SYSCALL(getsid);
SYSCALL(setpgid);
SYSCALL(setsid);
SYSCALL(pipe);
SYSCALL(pipe2);
SYSCALL(dup);
SYSCALL(dup2);
SYSCALL(dup3);
SYSCALL(chdir);
SYSCALL(fchdir);
SYSCALL(umask);
SYSCALL(rt_sigaction);
SYSCALL(rt_sigprocmask);
SYSCALL(kill);
SYSCALL(prctl);
SYSCALL(ugetrlimit);
SYSCALL(setrlimit);
SYSCALL(prlimit64);
SYSCALL(tkill);
SYSCALL(tgkill);
SYSCALL(rt_sigpending);
SYSCALL(pause);
SYSCALL(rt_sigsuspend);
SYSCALL(alarm);
SYSCALL(mount);
SYSCALL(rt_sigtimedwait);
SYSCALL(rt_sigtimedwait_time64);
SYSCALL(umount2);
SYSCALL(getitimer);
SYSCALL(setitimer);
SYSCALL(unlink);
SYSCALL(unlinkat);
SYSCALL(symlinkat);
SYSCALL(getcwd);
SYSCALL(poll);
SYSCALL(pread64);
SYSCALL(pwrite64);
SYSCALL(sendfile);
SYSCALL(sendfile64);
SYSCALL(ppoll);
SYSCALL(ppoll_time64);
SYSCALL(_newselect);
SYSCALL(pselect6);
SYSCALL(pselect6_time64);
SYSCALL(brk);
SYSCALL(mmap);
SYSCALL(mmap2);
SYSCALL(munmap);
SYSCALL(mprotect);

#define CALL(nr, name, args) [LX_SYS_##nr] = { sys_##name, args, false }
#define BLOCKING(nr, name, args) [LX_SYS_##nr] = { sys_##name, args, true }

const struct syscall syscalls[LX_SYS_MAX] = {
	CALL(exit, exit, 1),
	CALL(exit_group, exit_group, 1),
	BLOCKING(read, read, 3),
	BLOCKING(write, write, 3),
	BLOCKING(readv, readv, 3),
	BLOCKING(writev, writev, 3),
	BLOCKING(open, open, 3),	/* a FIFO's open waits for the other end */
	BLOCKING(openat, openat, 4),
	CALL(close, close, 1),
	CALL(lseek, lseek, 3),
	CALL(_llseek, llseek, 5),
	CALL(stat64, stat64, 2),
	CALL(lstat64, lstat64, 2),
	CALL(fstat64, fstat64, 2),
	CALL(fstatat64, fstatat64, 4),
	CALL(getdents64, getdents64, 3),
	CALL(ioctl, ioctl, 3),
	CALL(fcntl64, fcntl64, 3),
	CALL(readlink, readlink, 3),
	CALL(readlinkat, readlinkat, 4),
	CALL(symlink, symlink, 2),
	CALL(mkdir, mkdir, 2),
	CALL(mkdirat, mkdirat, 3),
	CALL(mknod, mknod, 3),
	CALL(mknodat, mknodat, 4),
	CALL(rmdir, rmdir, 1),
	CALL(rename, rename, 2),
	CALL(renameat, renameat, 4),
	CALL(renameat2, renameat2, 5),
	CALL(link, link, 2),
	CALL(linkat, linkat, 5),
	CALL(chmod, chmod, 2),
	CALL(fchmodat, fchmodat, 3),
	CALL(fchmod, fchmod, 2),
	CALL(chown32, chown32, 3),
	CALL(lchown32, lchown32, 3),
	CALL(fchownat, fchownat, 5),
	CALL(fchown32, fchown32, 3),
	CALL(access, access, 2),
	CALL(faccessat, faccessat, 3),
	CALL(truncate, truncate, 2),
	CALL(ftruncate, ftruncate, 2),
	CALL(truncate64, truncate64, 3),
	CALL(ftruncate64, ftruncate64, 3),
	CALL(utimensat, utimensat, 4),
	CALL(statfs64, statfs64, 3),
	CALL(fstatfs64, fstatfs64, 3),
	CALL(sync, sync, 0),
	CALL(fsync, fsync, 1),
	CALL(fdatasync, fsync, 1),
	CALL(fork, fork, 0),
	BLOCKING(vfork, vfork, 0),
	BLOCKING(clone, clone, 5),
	CALL(execve, execve, 3),
	BLOCKING(wait4, wait4, 4),
	BLOCKING(waitpid, waitpid, 3),
	BLOCKING(waitid, waitid, 5),
	CALL(getpgrp, getpgrp, 0),
	CALL(getpgid, getpgid, 1),
	CALL(getsid, getsid, 1),
	CALL(setpgid, setpgid, 2),
	CALL(setsid, setsid, 0),
	CALL(pipe, pipe, 1),
	CALL(pipe2, pipe2, 2),
	CALL(dup, dup, 1),
	CALL(dup2, dup2, 2),
	CALL(dup3, dup3, 3),
	CALL(chdir, chdir, 1),
	CALL(fchdir, fchdir, 1),
	CALL(umask, umask, 1),
	CALL(rt_sigaction, rt_sigaction, 4),
	CALL(rt_sigprocmask, rt_sigprocmask, 4),
	CALL(kill, kill, 2),
	CALL(prctl, prctl, 2),
	CALL(ugetrlimit, ugetrlimit, 2),
	CALL(setrlimit, setrlimit, 2),
	CALL(prlimit64, prlimit64, 4),
	CALL(tkill, tkill, 2),
	CALL(tgkill, tgkill, 3),
	CALL(rt_sigpending, rt_sigpending, 2),
	BLOCKING(pause, pause, 0),
	BLOCKING(rt_sigsuspend, rt_sigsuspend, 2),
	CALL(alarm, alarm, 1),
	CALL(mount, mount, 5),
	BLOCKING(rt_sigtimedwait, rt_sigtimedwait, 4),
	BLOCKING(rt_sigtimedwait_time64, rt_sigtimedwait_time64, 4),
	CALL(umount2, umount2, 2),
	CALL(setitimer, setitimer, 3),
	CALL(getitimer, getitimer, 2),
	CALL(unlink, unlink, 1),
	CALL(unlinkat, unlinkat, 3),
	CALL(symlinkat, symlinkat, 3),
	CALL(getcwd, getcwd, 2),
	BLOCKING(poll, poll, 3),
	CALL(pread64, pread64, 5),
	CALL(pwrite64, pwrite64, 5),
	BLOCKING(sendfile, sendfile, 4),	/* into a pipe or the tty it may wait */
	BLOCKING(sendfile64, sendfile64, 4),
	BLOCKING(ppoll, ppoll, 5),
	BLOCKING(ppoll_time64, ppoll_time64, 5),
	BLOCKING(_newselect, _newselect, 5),
	BLOCKING(pselect6, pselect6, 6),
	BLOCKING(pselect6_time64, pselect6_time64, 6),
	CALL(getpid, getpid, 0),
	CALL(gettid, gettid, 0),
	CALL(statx, statx, 5),
	BLOCKING(futex, futex, 6),
	CALL(madvise, madvise, 3),
	BLOCKING(futex_time64, futex_time64, 6),
	CALL(set_robust_list, set_robust_list, 2),
	CALL(get_robust_list, get_robust_list, 3),
	CALL(getppid, getppid, 0),
	CALL(getuid, getuid, 0),
	CALL(getgid, getuid, 0),
	CALL(geteuid, getuid, 0),
	CALL(getegid, getuid, 0),
	CALL(getuid32, getuid, 0),
	CALL(getgid32, getuid, 0),
	CALL(geteuid32, getuid, 0),
	CALL(getegid32, getuid, 0),
	CALL(set_tid_address, set_tid_address, 1),
	CALL(set_thread_area, set_thread_area, 1),
	CALL(uname, uname, 1),
	CALL(sysinfo, sysinfo, 1),
	CALL(brk, brk, 1),
	CALL(mmap, mmap, 1),
	CALL(mmap2, mmap2, 6),
	CALL(munmap, munmap, 2),
	CALL(mprotect, mprotect, 3),
	CALL(clock_gettime, clock_gettime, 2),
	CALL(clock_gettime64, clock_gettime64, 2),
	CALL(clock_getres, clock_getres, 2),
	CALL(gettimeofday, gettimeofday, 2),
	BLOCKING(nanosleep, nanosleep, 2),
	BLOCKING(sched_yield, sched_yield, 0),
	BLOCKING(clock_nanosleep, clock_nanosleep, 4),
	BLOCKING(clock_nanosleep_time64, clock_nanosleep_time64, 4),
	CALL(getrandom, getrandom, 3),
	CALL(reboot, reboot, 4),
};
