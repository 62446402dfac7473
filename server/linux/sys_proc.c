/* System calls on processes: fork and its relatives, execve, wait, exit
 * statuses, process groups and sessions, descriptors that processes share
 * (pipe, dup), the working directory, names and resource limits. The
 * signal calls are sys_signal.c's. */
#include "server.h"

#define EXEC_STRINGS_MAX	(128 * 1024)	/* argv and envp together */
#define EXEC_POINTERS_MAX	1000
#define STRING_MAX		PAGE_SIZE

/* ---- fork, execve, wait ---------------------------------------------------- */

/* The child starts where the parent's call returns (LINUX_EMUL_FORK_CHILD),
 * on a new stack if one is given. A vfork child (CLONE_VFORK, with or
 * without CLONE_VM: how vfork and posix_spawn call it) works on a copy of
 * its parent's memory, which becomes the parent's again when the child
 * execs or exits; the parent waits until then. So what the child wrote
 * before (an errno, its stack) is seen by the parent, as with shared
 * memory. Linux keeps the parent's registers in the kernel meanwhile; here
 * they are in the call's frame below the parent's stack pointer, where the
 * child's calls write too, so the server keeps a copy and puts it back. */
static int32_t fork_with(struct process *p, uint32_t nr, uint32_t flags, uint32_t stack,
			 uint32_t ptid, uint32_t ctid)
{
	uint32_t frame[INT80_FRAME_WORDS], frame_at = p->call_block - 4;
	int32_t child;

	if (flags & (LX_CLONE_THREAD | LX_CLONE_SIGHAND | LX_CLONE_PARENT))
		return -LX_EINVAL;
	if (!(flags & LX_CLONE_VFORK) && !p->call_fpu_saved) {
		/* The child gets the caller's FPU state, which the caller
		 * stores on its stack first (LINUX_REPLY_SAVE_FPU). */
		p->reply_flags = LINUX_REPLY_SAVE_FPU;
		p->reply_w2 = 0;
		p->attention = true;
		return (int32_t)((p->call_int80 ? LINUX_REQ_SYSCALL_INT80 : LINUX_REQ_SYSCALL) |
				 LINUX_REQ_FPU_SAVED | nr);
	}
	if ((flags & LX_CLONE_VFORK) && copy_from_user(p, frame, frame_at, call_frame_size(p)))
		return -LX_EFAULT;
	child = process_fork(p, stack, flags, ptid, ctid);
	if (child < 0 || !(flags & LX_CLONE_VFORK))
		return child;
	/* Signals wait (signal_send), but the child's SIGCHLD may come as its
	 * memory comes back: the wait is over then, interrupted or not. */
	while (p->vfork_child == child && coro_wait(&p->child_wait))
		;
	if (p->vfork_child == child)
		return child;		/* the parent is going */
	if (copy_to_user(p, frame_at, frame, call_frame_size(p))) {
		process_exit(p, LX_SIGSEGV);	/* its stack is gone */
		return SYSCALL_NO_REPLY;
	}
	return child;
}

SYSCALL(fork)
{
	(void)a;
	return fork_with(p, LX_SYS_fork, 0, 0, 0, 0);
}

SYSCALL(vfork)
{
	(void)a;
	return fork_with(p, LX_SYS_vfork, LX_CLONE_VM | LX_CLONE_VFORK, 0, 0, 0);
}

#define THREAD_FLAGS (LX_CLONE_VM | LX_CLONE_FS | LX_CLONE_FILES | LX_CLONE_SIGHAND | \
		      LX_CLONE_THREAD)

/* clone(flags, stack, ptid, tls, ctid): a thread as pthread_create makes
 * one (the threads share memory, descriptors, signal actions and the
 * working directory), or a process as fork, vfork and posix_spawn do. */
SYSCALL(clone)
{
	uint32_t flags = a[0];

	if ((flags & THREAD_FLAGS) == THREAD_FLAGS && a[1] && !(flags & LX_CLONE_VFORK))
		return process_clone_thread(p, flags, a[1], a[2], a[3], a[4]);
	if ((flags & LX_CLONE_VM) && !(flags & LX_CLONE_VFORK)) {
		log("pid %d (%s): clone with flags %#x (shared memory, not a thread as "
		    "pthread_create makes) is not supported\n", p->pid, p->comm, flags);
		return -LX_EINVAL;
	}
	return fork_with(p, LX_SYS_clone, flags, a[1], a[2], a[4]);
}

static void free_strings(char **v)
{
	for (uint32_t i = 0; v && v[i]; i++) {
		if (strlen(v[i]) >= HEAP_STRING_MAX)
			page_free(v[i]);
		else
			heap_free(v[i]);
	}
	heap_free(v);
}

/* A NULL-terminated array of strings from the process; *budget counts the
 * bytes left for all of them. */
static int copy_strings(struct process *p, uint32_t user, char ***out, uint32_t *budget)
{
	char **v = heap_alloc(EXEC_POINTERS_MAX * sizeof(char *) + sizeof(char *));
	char *tmp = page_alloc();
	uint32_t n = 0;
	int err = 0;

	if (!v || !tmp) {
		heap_free(v);
		if (tmp)
			page_free(tmp);
		return -LX_ENOMEM;
	}
	for (;; n++) {
		uint32_t ptr;
		int len;

		if (!user)
			break;
		if (copy_from_user(p, &ptr, user + n * 4, 4)) {
			err = -LX_EFAULT;
			break;
		}
		if (!ptr)
			break;
		if (n == EXEC_POINTERS_MAX) {
			err = -LX_E2BIG;
			break;
		}
		len = strncpy_from_user(p, tmp, ptr, STRING_MAX);
		if (len < 0 || (uint32_t)len + 1 > *budget) {
			err = len == -LX_EFAULT ? len : -LX_E2BIG;
			break;
		}
		*budget -= (uint32_t)len + 1;
		v[n] = (uint32_t)len >= HEAP_STRING_MAX ? page_alloc() : heap_alloc((uint32_t)len + 1);
		if (!v[n]) {
			err = -LX_ENOMEM;
			break;
		}
		memcpy(v[n], tmp, (uint32_t)len + 1);
	}
	v[n] = NULL;
	page_free(tmp);
	if (err) {
		free_strings(v);
		return err;
	}
	*out = v;
	return 0;
}

SYSCALL(execve)
{
	uint32_t budget = EXEC_STRINGS_MAX;
	char *path, **argv = NULL, **envp = NULL;
	int err;

	if (!(path = page_alloc()))
		return -LX_ENOMEM;
	err = strncpy_from_user(p, path, a[0], PATH_MAX_LEN);
	if (err >= 0 && !(err = copy_strings(p, a[1], &argv, &budget)))
		err = copy_strings(p, a[2], &envp, &budget);
	if (err >= 0)
		err = process_exec(p, path, argv, envp);
	page_free(path);
	free_strings(argv);
	free_strings(envp);
	return err < 0 ? err : SYSCALL_NO_REPLY;	/* the caller's task is gone */
}

/* Which children a wait takes: pid > 0 that one, else pgid >= 0 those of
 * that group (0: init's), else any. */
struct wait_which {
	int32_t pid, pgid;
};

static bool child_matches(const struct process *p, const struct process *c,
			  struct wait_which which)
{
	if (c->state == PROC_FREE || c->leader != c || c->ppid != p->leader->pid)
		return false;
	return which.pid > 0 ? c->pid == which.pid : which.pgid >= 0 ? c->pgid == which.pgid : true;
}

/* What a wait found, as wait4's status word and as waitid's si_code and
 * si_status say it. */
struct waited {
	int32_t pid;
	uint32_t status;
	int32_t code, value;
};

/* A child's report: its stop or continuation (taken, unless WNOWAIT) or
 * its end (reaped, unless WNOWAIT); false when it has none the options ask
 * for. */
static bool report(struct process *c, uint32_t options, struct waited *w)
{
	if (c->state == PROC_LIVE && c->wait_report &&
	    (options & (c->wait_report == WAIT_STOPPED ? LX_WUNTRACED : LX_WCONTINUED))) {
		bool stopped = c->wait_report == WAIT_STOPPED;

		*w = (struct waited){ c->pid, stopped ? (uint32_t)c->stop_sig << 8 | 0x7f : 0xffff,
				      stopped ? LX_CLD_STOPPED : LX_CLD_CONTINUED,
				      stopped ? c->stop_sig : LX_SIGCONT };
		if (!(options & LX_WNOWAIT))
			c->wait_report = WAIT_NONE;
		return true;
	}
	if (c->state != PROC_ZOMBIE || !(options & LX_WEXITED))
		return false;
	*w = (struct waited){ c->pid, (uint32_t)c->exit_status, exit_si_code(c->exit_status),
			      exit_si_status(c->exit_status) };
	if (!(options & LX_WNOWAIT))
		process_reap(c);
	return true;
}

/* Waits until a child of which has a report; 0 at once under WNOHANG. */
static int32_t wait_for(struct process *p, struct wait_which which, uint32_t options,
			struct waited *w)
{
	bool interrupted = false;

	for (;;) {
		bool any = false;

		for (uint32_t i = 0; i < PROC_MAX; i++) {
			if (!child_matches(p, &procs[i], which))
				continue;
			any = true;
			if (report(&procs[i], options, w))
				return w->pid;
		}
		if (!any)
			return -LX_ECHILD;
		if (options & LX_WNOHANG)
			return 0;
		if (interrupted)	/* a signal, and no child ended meanwhile */
			return -LX_EINTR;
		interrupted = !coro_wait(&p->leader->child_wait);
	}
}

static const uint32_t no_rusage[18];	/* struct rusage: nothing is counted */

static int32_t wait_status(struct process *p, int32_t pid, uint32_t status, uint32_t options,
			   uint32_t rusage)
{
	struct wait_which which = { pid > 0 ? pid : 0, pid == 0 ? p->pgid : pid < -1 ? -pid : -1 };
	struct waited w;
	int32_t found;

	if (options & ~(LX_WNOHANG | LX_WUNTRACED | LX_WCONTINUED | LX_WALL))
		return -LX_EINVAL;
	if (pid == INT32_MIN)	/* (no group -pid) */
		return -LX_ESRCH;
	if ((found = wait_for(p, which, options | LX_WEXITED, &w)) <= 0)
		return found;
	if ((status && copy_to_user(p, status, &w.status, 4)) ||
	    (rusage && copy_to_user(p, rusage, no_rusage, sizeof(no_rusage))))
		return -LX_EFAULT;
	return found;
}

SYSCALL(wait4)
{
	return wait_status(p, (int32_t)a[0], a[1], a[2], a[3]);
}

SYSCALL(waitpid)
{
	return wait_status(p, (int32_t)a[0], a[1], a[2], 0);
}

/* waitid(idtype, id, infop, options, rusage): P_ALL, P_PID, P_PGID (0:
 * the caller's group); WEXITED, WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT.
 * infop gets si_signo SIGCHLD, si_code CLD_*, si_pid, si_uid and
 * si_status, or zeros when WNOHANG found nothing. There are no pidfds. */
SYSCALL(waitid)
{
	int32_t id = (int32_t)a[1];
	uint32_t options = a[3], info[6] = { 0 };	/* signo errno code pid uid status */
	struct wait_which which = { 0, -1 };
	struct waited w;
	int32_t found;

	if ((options & ~(LX_WNOHANG | LX_WUNTRACED | LX_WEXITED | LX_WCONTINUED | LX_WNOWAIT |
			 LX_WALL)) || !(options & (LX_WUNTRACED | LX_WEXITED | LX_WCONTINUED)))
		return -LX_EINVAL;
	switch (a[0]) {
	case 0:				/* P_ALL */
		break;
	case 1:				/* P_PID */
		if (id <= 0)
			return -LX_EINVAL;
		which.pid = id;
		break;
	case 2:				/* P_PGID */
		if (id < 0)
			return -LX_EINVAL;
		which.pgid = id ? id : p->pgid;
		break;
	default:			/* (P_PIDFD: no descriptor is a pidfd) */
		return -LX_EINVAL;
	}
	if ((found = wait_for(p, which, options, &w)) < 0)
		return found;
	if (found) {
		info[0] = LX_SIGCHLD;	/* si_signo, si_errno 0 */
		info[2] = (uint32_t)w.code;
		info[3] = (uint32_t)w.pid;	/* si_uid 0 */
		info[5] = (uint32_t)w.value;
		if (a[4] && copy_to_user(p, a[4], no_rusage, sizeof(no_rusage)))
			return -LX_EFAULT;
	}
	return a[2] && copy_to_user(p, a[2], info, sizeof(info)) ? -LX_EFAULT : 0;
}

/* ---- process groups and sessions -------------------------------------------- */

SYSCALL(getpgrp)
{
	(void)a;
	return p->pgid;
}

static struct process *target(struct process *p, int32_t pid)
{
	struct process *t = pid ? process_by_pid(pid) : p;

	return t && t->state == PROC_LIVE ? t : NULL;
}

SYSCALL(getpgid)
{
	struct process *t = target(p, (int32_t)a[0]);

	return t ? t->pgid : -LX_ESRCH;
}

SYSCALL(getsid)
{
	struct process *t = target(p, (int32_t)a[0]);

	return t ? t->sid : -LX_ESRCH;
}

SYSCALL(setpgid)
{
	struct process *t = target(p, (int32_t)a[0]);
	int32_t pgid = (int32_t)a[1];

	if (pgid < 0)
		return -LX_EINVAL;
	if (!t || (t->leader != p->leader && t->ppid != p->leader->pid))
		return -LX_ESRCH;
	t = t->leader;
	if (t->sid != p->sid || t->pid == t->sid)
		return -LX_EPERM;
	if (pgid && pgid != t->pid && process_group_session(pgid) != p->sid)
		return -LX_EPERM;	/* no such group in the session (or none) */
	t->pgid = pgid ? pgid : t->pid;
	process_sync(t);
	return 0;
}

SYSCALL(setsid)
{
	int32_t pid = p->leader->pid;

	(void)a;
	if (process_group_session(pid) >= 0)
		return -LX_EPERM;	/* a group leader cannot, nor a group's namesake */
	p->sid = p->pgid = pid;
	process_sync(p);
	return p->sid;
}

/* ---- descriptors ------------------------------------------------------------- */

static int32_t make_pipe(struct process *p, uint32_t user, uint32_t flags)
{
	struct file *r, *w;
	int32_t fds[2];
	int err;

	if (flags & ~(LX_O_CLOEXEC | LX_O_NONBLOCK))
		return -LX_EINVAL;
	if ((err = pipe_create(&r, &w)))
		return err;
	r->flags |= flags & LX_O_NONBLOCK;
	w->flags |= flags & LX_O_NONBLOCK;
	fds[0] = fd_install(p, r, 0);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(p, w, 0);
	if (fds[1] < 0 || copy_to_user(p, user, fds, sizeof(fds))) {
		err = fds[1] < 0 ? fds[1] : -LX_EFAULT;
		if (fds[0] >= 0)
			p->fds[fds[0]] = NULL;
		if (fds[1] >= 0)
			p->fds[fds[1]] = NULL;
		file_put(r);
		file_put(w);
		return err;
	}
	p->cloexec[fds[0]] = p->cloexec[fds[1]] = !!(flags & LX_O_CLOEXEC);
	return 0;
}

SYSCALL(pipe)
{
	return make_pipe(p, a[0], 0);
}

SYSCALL(pipe2)
{
	return make_pipe(p, a[0], a[1]);
}

SYSCALL(dup)
{
	struct file *f = file_get(p, (int32_t)a[0]);
	int fd;

	if (!f)
		return -LX_EBADF;
	if ((fd = fd_install(p, f, 0)) >= 0)
		f->refs++;
	return fd;
}

static int32_t dup_to(struct process *p, uint32_t old, uint32_t new, bool cloexec)
{
	struct file *f = file_get(p, (int32_t)old);

	if (!f || new >= fd_limit(p))
		return -LX_EBADF;
	f->refs++;
	if (p->fds[new])
		file_put(p->fds[new]);
	p->fds[new] = f;
	p->cloexec[new] = cloexec;
	return (int32_t)new;
}

SYSCALL(dup2)
{
	if (a[0] == a[1])
		return file_get(p, (int32_t)a[0]) ? (int32_t)a[0] : -LX_EBADF;
	return dup_to(p, a[0], a[1], false);
}

SYSCALL(dup3)
{
	if (a[0] == a[1] || (a[2] & ~LX_O_CLOEXEC))
		return -LX_EINVAL;
	return dup_to(p, a[0], a[1], a[2] & LX_O_CLOEXEC);
}

/* ---- the working directory ----------------------------------------------------- */

SYSCALL(chdir)
{
	struct inode *in;
	char *path = page_alloc();
	int err;

	if (!path)
		return -LX_ENOMEM;
	err = strncpy_from_user(p, path, a[0], PATH_MAX_LEN);
	if (err >= 0)
		err = path_lookup(p, NULL, path, true, &in);
	page_free(path);
	if (err < 0)
		return err;
	if (!LX_S_ISDIR(in->mode))
		return -LX_ENOTDIR;
	inode_put(p->cwd);
	p->cwd = inode_get(in);
	process_sync(p);
	return 0;
}

SYSCALL(fchdir)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	if (!f)
		return -LX_EBADF;
	if (!LX_S_ISDIR(f->inode->mode))
		return -LX_ENOTDIR;
	inode_put(p->cwd);
	p->cwd = inode_get(f->inode);
	process_sync(p);
	return 0;
}

SYSCALL(umask)
{
	uint32_t old = p->umask;

	p->umask = a[0] & 0777;
	process_sync(p);
	return (int32_t)old;
}

/* ---- names and limits ---------------------------------------------------------- */

#define PR_SET_NAME 15
#define PR_GET_NAME 16

SYSCALL(prctl)
{
	char name[16];

	switch (a[0]) {
	case PR_SET_NAME:
		if (strncpy_from_user(p, name, a[1], sizeof(name)) < 0 &&
		    copy_from_user(p, name, a[1], sizeof(name)))
			return -LX_EFAULT;
		name[sizeof(name) - 1] = '\0';
		memcpy(p->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user(p, a[1], p->comm, sizeof(p->comm));
	default:
		return -LX_EINVAL;
	}
}

/* Linux's limits for init, which everything inherits. */
void rlimits_init(struct lx_rlimit64 *r)
{
	for (uint32_t i = 0; i < LX_RLIMITS; i++)
		r[i] = (struct lx_rlimit64){ LX_RLIM_INFINITY, LX_RLIM_INFINITY };
	r[LX_RLIMIT_STACK].cur = 8u << 20;
	r[LX_RLIMIT_CORE].cur = 0;
	r[LX_RLIMIT_NPROC].cur = r[LX_RLIMIT_NPROC].max = PROC_MAX;
	r[LX_RLIMIT_SIGPENDING].cur = r[LX_RLIMIT_SIGPENDING].max = PROC_MAX;
	r[LX_RLIMIT_NOFILE] = (struct lx_rlimit64){ 1024, 4096 };
	r[LX_RLIMIT_MEMLOCK].cur = r[LX_RLIMIT_MEMLOCK].max = 8u << 20;
	r[LX_RLIMIT_MSGQUEUE].cur = r[LX_RLIMIT_MSGQUEUE].max = 819200;
	r[13] = r[14] = (struct lx_rlimit64){ 0, 0 };	/* RLIMIT_NICE, RLIMIT_RTPRIO */
}

/* getrlimit: the old interface, whose infinity is 0xffffffff. */
SYSCALL(ugetrlimit)
{
	uint32_t lim[2];

	if (a[0] >= LX_RLIMITS)
		return -LX_EINVAL;
	for (uint32_t i = 0; i < 2; i++) {
		uint64_t v = i ? p->rlimit[a[0]].max : p->rlimit[a[0]].cur;

		lim[i] = v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
	}
	return copy_to_user(p, a[1], lim, sizeof(lim));
}

static int32_t set_limit(struct process *t, uint32_t resource, struct lx_rlimit64 want)
{
	if (want.cur > want.max)
		return -LX_EINVAL;
	/* everyone is root, who may raise hard limits, but not past the
	 * number of descriptors there are (Linux's nr_open) */
	if (resource == LX_RLIMIT_NOFILE && want.max > FDS_MAX)
		return -LX_EPERM;
	t->rlimit[resource] = want;
	process_sync(t);
	return 0;
}

SYSCALL(setrlimit)
{
	uint32_t lim[2];
	struct lx_rlimit64 want;

	if (a[0] >= LX_RLIMITS)
		return -LX_EINVAL;
	if (copy_from_user(p, lim, a[1], sizeof(lim)))
		return -LX_EFAULT;
	want.cur = lim[0] == 0xffffffffu ? LX_RLIM_INFINITY : lim[0];
	want.max = lim[1] == 0xffffffffu ? LX_RLIM_INFINITY : lim[1];
	return set_limit(p, a[0], want);
}

/* prlimit64(pid, resource, new, old) */
SYSCALL(prlimit64)
{
	struct process *t = a[0] ? process_by_pid((int32_t)a[0]) : p;
	struct lx_rlimit64 old, want;

	if (a[1] >= LX_RLIMITS)
		return -LX_EINVAL;
	if (!t || t->state != PROC_LIVE)
		return -LX_ESRCH;
	old = t->rlimit[a[1]];
	if (a[2]) {
		int32_t err;

		if (copy_from_user(p, &want, a[2], sizeof(want)))
			return -LX_EFAULT;
		if ((err = set_limit(t, a[1], want)))
			return err;
	}
	if (a[3] && copy_to_user(p, a[3], &old, sizeof(old)))
		return -LX_EFAULT;
	return 0;
}
