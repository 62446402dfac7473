/* Processes and their threads: each Linux process is an L4 task whose
 * lthread 0 runs the program, with this server as its pager; a thread is
 * lthread 2n of it. Here they are made (spawn, fork, clone), replaced
 * (exec, by exec.c's process_load), and end (exit, the last thread's exit,
 * reaping). */
#include "server.h"
#include <libc/div64.h>
#include <l4/sigma0.h>

#define TASK_FIRST	32		/* task numbers of processes: TASK_FIRST + slot */

struct process procs[PROC_MAX];
l4_threadid_t server_id;
static int32_t next_pid = 1;

struct process *process_of_task(uint32_t task)
{
	struct process *p;

	if (task < TASK_FIRST || task >= TASK_FIRST + PROC_MAX)
		return NULL;
	p = &procs[task - TASK_FIRST];
	return p->state == PROC_LIVE ? p : NULL;
}

/* The clock in Linux's USER_HZ (100) ticks, for /proc/<pid>/stat. */
static uint32_t ticks_now(void)
{
	uint64_t ms = clock_ms();

	div64_32(&ms, 10);
	return (uint32_t)ms;
}

/* A free slot, as the leader of a process of its own. */
static struct process *slot_alloc(void)
{
	for (uint32_t i = 0; i < PROC_MAX; i++)
		if (procs[i].state == PROC_FREE) {
			struct process *p = &procs[i];

			memset(p, 0, sizeof(*p));
			p->task = TASK_FIRST + i;
			p->leader = p->threads[0] = p;
			p->traced = strace_on;
			p->mm = &p->mm_own;
			p->fds = p->fd_own;
			p->cloexec = p->cloexec_own;
			p->sig = p->sig_own;
			return p;
		}
	return NULL;
}

struct process *process_thread_of(struct process *g, l4_threadid_t id, bool *signal_thread)
{
	uint32_t lthread = l4_lthread_of(id);
	struct process *t = lthread < 2 * LINUX_THREADS_MAX ? g->threads[lthread / 2] : NULL;

	*signal_thread = lthread & 1;
	if (!t || l4_task_of(id) != t->task || l4_version_of(id) != l4_version_of(t->thread))
		return NULL;
	return t;
}

struct process *process_next_thread(struct process *p, struct process *t)
{
	struct process *g = p->leader;

	for (uint32_t n = t ? t->lthread / 2 + 1 : 0; n < LINUX_THREADS_MAX; n++)
		if (g->threads[n])
			return g->threads[n];
	return NULL;
}

void process_sync(struct process *p)
{
	for (struct process *t = NULL; (t = process_next_thread(p, t));) {
		if (t == p)
			continue;
		t->pgid = p->pgid;
		t->sid = p->sid;
		t->umask = p->umask;
		memcpy(t->rlimit, p->rlimit, sizeof(t->rlimit));
		if (t->cwd != p->cwd) {
			inode_put(t->cwd);
			t->cwd = inode_get(p->cwd);
		}
	}
}

/* A vfork child's memory, mm, was its parent's all along: the parent has
 * it again and goes on. False if there is no parent waiting for it. */
bool process_vfork_done(struct process *c, struct mm *mm)
{
	struct process *parent = c->vfork_parent ? process_by_pid(c->vfork_parent) : NULL;

	c->vfork_parent = 0;
	if (!parent || parent->state != PROC_LIVE || parent->vfork_child != c->pid)
		return false;
	parent->vfork_child = 0;
	mm_give(parent->mm, mm);
	coro_wake(&parent->child_wait);
	return true;
}

static void release(struct process *p)
{
	for (uint32_t fd = 0; (fd = fd_next(p, fd)) < FDS_MAX; fd++)
		if (p->fds[fd]) {
			file_put(p->fds[fd]);
			p->fds[fd] = NULL;
		}
	if (!process_vfork_done(p, p->mm))
		mm_free(p->mm);
	if (p->info)
		page_free(p->info);
	p->info = NULL;
	if (p->sigpage)
		page_free(p->sigpage);
	p->sigpage = NULL;
	inode_put(p->cwd);
	p->cwd = NULL;
}

struct process *process_spawn(const char *path, char *const argv[], char *const envp[],
			      int *error)
{
	struct process *p = slot_alloc();
	int err = -LX_ENOMEM;

	if (!p) {
		*error = -LX_EAGAIN;
		return NULL;
	}
	mm_init(p->mm);
	p->cwd = inode_get(root_inode);
	p->pid = p->tgid = next_pid++;
	p->pgid = p->sid = 0;		/* init's, as on Linux: no session of its own */
	p->umask = 022;
	rlimits_init(p->rlimit);
	p->start_ticks = ticks_now();
	if (!(p->info = page_alloc()) || (err = process_load(p, path, argv, envp))) {
		release(p);
		p->state = PROC_FREE;
		next_pid = p->pid;	/* (the next candidate for init is pid 1 again) */
		*error = err;
		return NULL;
	}
	p->state = PROC_LIVE;
	return p;
}

/* Another thread than the leader goes: its slot is free once no call of it
 * runs (process_call_done); the leader keeps what they shared. */
static void thread_free(struct process *t)
{
	t->leader->threads[t->lthread / 2] = NULL;
	inode_put(t->cwd);
	t->cwd = NULL;
	t->state = PROC_FREE;
}

static void thread_end(struct process *t)
{
	t->state = PROC_EXITING;
	if (t->in_call)
		coro_interrupt(t);
	else
		thread_free(t);
}

static bool threads_left(const struct process *g)
{
	for (uint32_t n = 1; n < LINUX_THREADS_MAX; n++)
		if (g->threads[n])
			return true;
	return false;
}

/* The new image runs in the leader's slot, whichever thread asked (as on
 * Linux, the process keeps its pid); the other threads are gone with the
 * old task, and the caller's mask goes on. */
int process_exec(struct process *p, const char *path, char *const argv[], char *const envp[])
{
	struct process *g = p->leader;
	int err = process_load(g, path, argv, envp);

	if (err)
		return err;
	if (p != g) {
		memcpy(g->sigmask, p->sigmask, sizeof(g->sigmask));
		if (g->in_call) {	/* its own call is over: nobody to answer */
			coro_detach(g);
			g->in_call = false;
		}
		g->main_gone = g->signal_due = false;
		g->hold = HOLD_NONE;
	}
	for (uint32_t n = 1; n < LINUX_THREADS_MAX; n++)
		if (g->threads[n] && g->threads[n]->state == PROC_LIVE)
			thread_end(g->threads[n]);
	if (!g->thread)
		process_exit(g, 9);	/* no task for the new image */
	return 0;
}

uint32_t call_frame_size(const struct process *p)
{
	return (p->call_int80 ? INT80_FRAME_WORDS : CALL_FRAME_WORDS) * 4;
}

/* clone's tid words: the new one's id in its memory (CHILD_SETTID) and in
 * its creator's (PARENT_SETTID); CHILD_CLEARTID's word is cleared at its
 * exit. */
static void clone_tids(struct process *c, struct process *parent, uint32_t flags, uint32_t ptid,
		       uint32_t ctid)
{
	if (flags & LX_CLONE_CHILD_SETTID)
		copy_to_user(c, ctid, &c->pid, sizeof(c->pid));
	if (flags & LX_CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	if (flags & LX_CLONE_PARENT_SETTID)
		copy_to_user(parent, ptid, &c->pid, sizeof(c->pid));
}

/* What a new process (fork) or thread (clone) takes from the one that
 * made it, besides what it shares or gets anew. */
static void inherit(struct process *to, const struct process *from)
{
	to->start_ticks = ticks_now();
	to->arg_start = from->arg_start;
	to->arg_end = from->arg_end;
	to->env_end = from->env_end;
	to->pgid = from->pgid;
	to->sid = from->sid;
	to->cwd = inode_get(from->cwd);
	to->umask = from->umask;
	memcpy(to->rlimit, from->rlimit, sizeof(to->rlimit));
	memcpy(to->sigmask, from->sigmask, sizeof(to->sigmask));
	memcpy(to->exe, from->exe, sizeof(to->exe));
	memcpy(to->exe_real, from->exe_real, sizeof(to->exe_real));
	memcpy(to->comm, from->comm, sizeof(to->comm));
	to->tls_used = from->tls_used;
	memcpy(to->tls, from->tls, sizeof(to->tls));
}

/* clone's new stack: the parent's call frame (and the FPU state below it,
 * if it saved that) is copied below it, so the child returns from the
 * call with esp at the new stack, as on Linux. */
static int move_call_frame(struct process *c, struct process *parent, uint32_t *esp,
			   uint32_t stack)
{
	uint32_t frame[(LINUX_FPU_STATE_SIZE + INT80_FRAME_WORDS * 4) / 4];
	uint32_t below = parent->call_fpu_saved ? LINUX_FPU_STATE_SIZE : 0;
	uint32_t n = call_frame_size(parent);

	if (stack < n + below || copy_from_user(parent, frame, *esp - below, below + n) ||
	    copy_to_user(c, stack - n - below, frame, below + n))
		return -LX_EFAULT;
	*esp = stack - n;
	return 0;
}

int32_t process_fork(struct process *parent, uint32_t stack, uint32_t flags, uint32_t ptid,
		     uint32_t ctid)
{
	struct process *c = slot_alloc();
	uint32_t esp = parent->call_block - 4;	/* the saved ebx */
	l4_threadid_t id;
	int err = -LX_ENOMEM;

	if (!c)
		return -LX_EAGAIN;
	mm_init(c->mm);
	c->pid = c->tgid = next_pid++;
	inherit(c, parent);
	c->ppid = parent->leader->pid;
	memcpy(c->sig, parent->sig, sizeof(c->sig_own));
	if (!(c->info = page_alloc()) || (err = mm_copy(c->mm, parent->mm)))
		goto fail;
	for (uint32_t fd = 0; (fd = fd_next(parent, fd)) < FDS_MAX; fd++)
		if ((c->fds[fd] = parent->fds[fd])) {
			c->fds[fd]->refs++;
			c->cloexec[fd] = parent->cloexec[fd];
		}
	*c->info = *parent->info;
	c->info->pid = (uint32_t)c->pid;
	memcpy(c->info->tls, c->tls, sizeof(c->tls));
	c->info->gs = c->tls_used & 1 ? LX_GDT_TLS_FIRST << 3 | 3 : 0;
	clone_tids(c, parent, flags, ptid, ctid);
	if (stack && (err = move_call_frame(c, parent, &esp, stack)))
		goto fail;
	id = l4_task_new(l4_make_id(c->task, 0, 0), 0, esp,
			 parent->call_fpu_saved ? LINUX_EMUL_FORK_CHILD_FPU : LINUX_EMUL_FORK_CHILD,
			 server_id);
	err = -LX_EAGAIN;
	if (id == L4_NIL_ID)
		goto fail;
	c->thread = id;
	c->state = PROC_LIVE;
	if (flags & LX_CLONE_VFORK) {
		c->vfork_parent = parent->pid;
		parent->vfork_child = c->pid;
	}
	l4_thread_schedule(id, PROCESS_PRIORITY);
	return c->pid;
fail:
	release(c);
	c->state = PROC_FREE;
	return err;
}

int32_t process_clone_thread(struct process *p, uint32_t flags, uint32_t stack, uint32_t ptid,
			     uint32_t tls, uint32_t ctid)
{
	struct process *g = p->leader, *t;
	uint32_t start[LINUX_THREAD_START_WORDS], esp = p->call_block - 4, n, slot;
	struct tls_desc d;
	int32_t err;

	for (n = 1; n < LINUX_THREADS_MAX && g->threads[n]; n++)
		;
	if (n == LINUX_THREADS_MAX || !(t = slot_alloc()))
		return -LX_EAGAIN;
	t->task = g->task;
	t->leader = g;
	t->threads[0] = NULL;
	t->mm = g->mm;
	t->fds = g->fds;
	t->cloexec = g->cloexec;
	t->sig = g->sig;
	t->lthread = 2 * n;
	t->thread = l4_make_id(g->task, t->lthread, l4_version_of(g->thread));
	inherit(t, p);
	t->ppid = g->ppid;
	t->info = g->info;
	if (flags & LX_CLONE_SETTLS) {
		if ((err = tls_from_user(p, tls, &slot, &d)) < 0)
			goto fail;
		t->tls[slot] = d;
		t->tls_used = (uint8_t)(d.present ? t->tls_used | 1u << slot
						  : t->tls_used & ~(1u << slot));
	}
	if ((err = move_call_frame(t, p, &esp, stack)))
		goto fail;
	start[0] = t->lthread;
	for (uint32_t i = 0; i < LX_GDT_TLS_COUNT; i++) {
		start[1 + 3 * i] = t->tls[i].base;
		start[2 + 3 * i] = t->tls[i].limit;
		start[3 + 3 * i] = t->tls[i].present;
	}
	start[10] = 0;			/* gs: the caller's, which the library puts here */
	esp -= sizeof(start);
	err = -LX_EFAULT;
	if (copy_to_user(p, esp, start, sizeof(start)))
		goto fail;
	t->pid = next_pid++;
	t->tgid = g->pid;
	clone_tids(t, p, flags, ptid, ctid);
	if (g->sigpage)			/* a slot another thread may have used */
		memset(g->sigpage + n * LINUX_SIGNAL_SLOT, 0, LINUX_SIGNAL_SLOT);
	t->state = PROC_LIVE;
	g->threads[n] = t;
	p->reply_flags = LINUX_REPLY_THREAD | t->lthread << 8;
	p->reply_w2 = esp;
	p->attention = true;
	return t->pid;
fail:
	inode_put(t->cwd);
	return err;
}

void process_thread_exit(struct process *p, int32_t status)
{
	struct process *g = p->leader;
	uint32_t live = 0, zero = 0;

	for (struct process *t = NULL; (t = process_next_thread(p, t));)
		live += t->state == PROC_LIVE && !(t == g && g->main_gone);
	if (live <= 1) {
		process_exit(p, status);
		return;
	}
	futex_exit_robust(p);
	/* pthread_join waits for this: the thread's id word cleared, a wake */
	if (p->clear_child_tid && !copy_to_user(p, p->clear_child_tid, &zero, sizeof(zero)))
		futex_wake(p, p->clear_child_tid, 1, ~0u);
	if (p == g)
		g->main_gone = true;	/* its lthread waits for no answer, ever */
	else
		thread_free(p);
}

int32_t process_count_started(void)
{
	return next_pid - 1;
}

struct process *process_by_pid(int32_t pid)
{
	for (uint32_t i = 0; i < PROC_MAX; i++)
		if (procs[i].state != PROC_FREE && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

int32_t process_group_session(int32_t pgrp)
{
	for (uint32_t i = 0; i < PROC_MAX; i++)
		if (procs[i].state == PROC_LIVE && procs[i].pgid == pgrp)
			return procs[i].sid;
	return -1;
}

bool process_group_orphaned(int32_t pgrp)
{
	for (uint32_t i = 0; i < PROC_MAX; i++) {
		struct process *q = &procs[i], *parent;

		if (q->state != PROC_LIVE || q->leader != q || q->pgid != pgrp || q->ppid == 1)
			continue;	/* (init's children do not count, as on Linux) */
		parent = process_by_pid(q->ppid);
		if (parent && parent->state == PROC_LIVE && parent->pgid != pgrp &&
		    parent->sid == q->sid)
			return false;
	}
	return true;
}

/* POSIX: a group an exit leaves newly orphaned, with a stopped process in
 * it, gets SIGHUP and SIGCONT: nobody else could continue it. (A group that
 * was orphaned already gets nothing.) */
static void hang_up_orphans(int32_t pgrp)
{
	bool stopped = false;

	for (uint32_t i = 0; i < PROC_MAX; i++)
		stopped |= procs[i].state == PROC_LIVE && procs[i].pgid == pgrp && procs[i].stopped;
	if (!stopped || !process_group_orphaned(pgrp))
		return;
	for (uint32_t i = 0; i < PROC_MAX; i++)
		if (procs[i].state == PROC_LIVE && procs[i].pgid == pgrp && procs[i].leader == &procs[i]) {
			signal_send(&procs[i], LX_SIGHUP, LX_SI_KERNEL, 0, 0, 0);
			signal_send(&procs[i], LX_SIGCONT, LX_SI_KERNEL, 0, 0, 0);
		}
}

static void process_release(struct process *p)
{
	struct process *parent = p->ppid ? process_by_pid(p->ppid) : NULL;
	int32_t groups[PROC_MAX];
	uint32_t n = 0;

	release(p);
	p->state = PROC_ZOMBIE;		/* (no longer a member of its group) */
	/* The groups p linked to its session, as Linux picks them: its own
	 * if its parent is in another group of the session, and each of its
	 * children's that is another group of the session. */
	if (parent && parent->state == PROC_LIVE && parent->pgid != p->pgid && parent->sid == p->sid)
		groups[n++] = p->pgid;
	for (uint32_t i = 0; i < PROC_MAX; i++)	/* orphans go to init */
		if (procs[i].state != PROC_FREE && procs[i].ppid == p->pid) {
			procs[i].ppid = 1;
			if (procs[i].leader == &procs[i] && procs[i].pgid != p->pgid &&
			    procs[i].sid == p->sid)
				groups[n++] = procs[i].pgid;
			if (procs[i].state == PROC_ZOMBIE && process_by_pid(1))
				coro_wake(&process_by_pid(1)->child_wait);
		}
	if (p->pid == 1)
		end_run(p->exit_status);
	for (uint32_t i = 0; i < n; i++)
		hang_up_orphans(groups[i]);
	if (parent && parent->state == PROC_LIVE) {
		p->state = PROC_ZOMBIE;
		coro_wake(&parent->child_wait);
		signal_send(parent, LX_SIGCHLD, exit_si_code(p->exit_status), (uint32_t)p->pid, 0,
			    (uint32_t)exit_si_status(p->exit_status));
	} else {
		p->state = PROC_FREE;
	}
}

void process_reap(struct process *p)
{
	p->state = PROC_FREE;
}

void process_exit(struct process *p, int32_t status)
{
	p = p->leader;
	if (p->state != PROC_LIVE)
		return;
	if (p->pid == 1 || (status & 0x7f))	/* init, or killed: others quietly */
		log("pid %d (%s) exits: %u system calls through AT_SYSINFO, %u through int $0x80\n",
		    p->pid, p->comm, p->calls_sysinfo, p->calls_int80);
	for (uint32_t n = 1; n < LINUX_THREADS_MAX; n++)
		if (p->threads[n] && p->threads[n]->state == PROC_LIVE)
			thread_end(p->threads[n]);
	if (p->thread)
		l4_task_new(p->thread, server_id, 0, 0, L4_NIL_ID);	/* deleted, still ours */
	p->exit_status = status;
	p->state = PROC_EXITING;
	if (p->in_call)
		coro_interrupt(p);	/* process_call_done releases it */
	else if (!threads_left(p))
		process_release(p);	/* else the last thread's call_done */
}

void process_call_done(struct process *p)
{
	struct process *g = p->leader;

	p->in_call = false;
	if (p != g && p->state == PROC_EXITING)
		thread_free(p);
	if (g->state == PROC_EXITING && !g->in_call && !threads_left(g))
		process_release(g);
}

void process_kill_fault(struct process *p, const char *what, uint32_t addr, uint32_t eip)
{
	log("pid %d (%s) killed by SIGSEGV: %s at %#x, eip %#x\n", p->pid, p->comm, what, addr,
	    eip);
	process_exit(p, 11);
}
