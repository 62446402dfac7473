/* Processes: each Linux process is an L4 task whose lthread 0 runs the
 * program, with this server as its pager. Starting one loads the ELF
 * image, builds the initial stack as Linux does (argc, argv, envp, auxv and
 * the strings above them) and creates the task at LINUX_EMUL_START, which
 * installs the trampoline and jumps to the entry point. */
#include "server.h"
#include <libc/div64.h>
#include <l4/sigma0.h>

#define TASK_FIRST	32		/* task numbers of processes: TASK_FIRST + slot */
#define ARGS_MAX	(128 * 1024)	/* argv and envp strings together */
#define INTERP_DEPTH	4
#define AUX_ENTRIES	19		/* the AUX() lines of build_stack, AT_NULL included */

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

/* Pushes n bytes onto the new process's stack. */
static int push_bytes(struct process *p, uint32_t *sp, const void *data, uint32_t n)
{
	*sp -= n;
	return copy_to_user(p, *sp, data, n);
}

static uint32_t count(char *const v[])
{
	uint32_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

static uint32_t cpu_features(uint32_t *family)
{
	uint32_t r[4];

	cpuid(1, r);
	*family = (r[0] >> 8) & 0xf;
	return r[3];
}

/* Linux's initial stack, from the top: the program's path, the argument
 * and environment strings, the platform string, 16 random bytes, then (16-
 * byte aligned at argc) argc, argv[], NULL, envp[], NULL, auxv pairs. */
static int build_stack(struct process *p, const struct elf_image *img, char *const argv[],
		       char *const envp[], uint32_t *esp)
{
	uint32_t argc = count(argv), envc = count(envp), sp = LINUX_STACK_TOP, family;
	uint32_t hwcap = cpu_features(&family), random_at, platform_at, execfn_at, total = 0;
	uint32_t *ptrs, nptrs, at = 0, zero = 0;
	char platform[] = "i386";
	uint8_t random[16];
	int err = 0;

	for (uint32_t i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	for (uint32_t i = 0; i < envc; i++)
		total += strlen(envp[i]) + 1;
	if (total > ARGS_MAX)
		return -LX_E2BIG;
	platform[1] = (char)('0' + (family >= 6 ? 6 : family < 3 ? 3 : family));
	nptrs = 1 + argc + 1 + envc + 1 + 2 * AUX_ENTRIES;
	ptrs = heap_alloc(nptrs * 4 > 2048 ? 4000 : nptrs * 4);
	if (!ptrs || nptrs * 4 > 4000) {
		heap_free(ptrs);
		return -LX_E2BIG;
	}
	err |= push_bytes(p, &sp, &zero, 4);
	err |= push_bytes(p, &sp, p->exe, strlen(p->exe) + 1);
	execfn_at = sp;
	/* the strings upwards in order, argv's then envp's, as Linux lays them
	 * out (/proc/<pid>/cmdline reads argv's in one piece) */
	sp -= total;
	p->arg_start = sp;
	ptrs[at++] = argc;
	for (uint32_t i = 0, to = sp; i < argc + envc; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		uint32_t n = (uint32_t)strlen(s) + 1;

		err |= copy_to_user(p, to, s, n);
		ptrs[i < argc ? 1 + i : 2 + i] = to;
		to += n;
		if (i + 1 == argc)
			p->arg_end = to;
	}
	if (!argc)
		p->arg_end = p->arg_start;
	p->env_end = p->arg_start + total;
	at += argc;
	ptrs[at++] = 0;
	at += envc;
	ptrs[at++] = 0;
	err |= push_bytes(p, &sp, platform, sizeof(platform));
	platform_at = sp;
	random_bytes(random, sizeof(random));
	err |= push_bytes(p, &sp, random, sizeof(random));
	random_at = sp;
#define AUX(type, value) (ptrs[at++] = (type), ptrs[at++] = (value))
	AUX(LX_AT_SYSINFO, LINUX_EMUL_SYSINFO);
	AUX(LX_AT_HWCAP, hwcap);
	AUX(LX_AT_PAGESZ, PAGE_SIZE);
	AUX(LX_AT_CLKTCK, 100);
	AUX(LX_AT_PHDR, img->phdr);
	AUX(LX_AT_PHENT, 32);
	AUX(LX_AT_PHNUM, img->phnum);
	AUX(LX_AT_BASE, 0);
	AUX(LX_AT_FLAGS, 0);
	AUX(LX_AT_ENTRY, img->entry);
	AUX(LX_AT_UID, 0);
	AUX(LX_AT_EUID, 0);
	AUX(LX_AT_GID, 0);
	AUX(LX_AT_EGID, 0);
	AUX(LX_AT_SECURE, 0);
	AUX(LX_AT_RANDOM, random_at);
	AUX(LX_AT_EXECFN, execfn_at);
	AUX(LX_AT_PLATFORM, platform_at);
	AUX(LX_AT_NULL, 0);
#undef AUX
	if (at > nptrs) {		/* AUX_ENTRIES is out of date: a bug of ours */
		log("build_stack: auxiliary vector overflow\n");
		end_run(1 << 8);
	}
	sp = (sp - at * 4) & ~15u;
	err |= copy_to_user(p, sp, ptrs, at * 4);
	heap_free(ptrs);
	*esp = sp;
	return err ? -LX_EFAULT : 0;
}

/* Reads "#!interpreter [arg]" from a script's first line. */
static bool script_interpreter(struct inode *in, char *interp, char *arg)
{
	char line[128];
	int n = ramfs_read(in, 0, line, sizeof(line) - 1);
	char *s, *e;

	if (n < 2 || line[0] != '#' || line[1] != '!')
		return false;
	line[n] = '\0';
	if ((e = strchr(line, '\n')))
		*e = '\0';
	for (s = line + 2; *s == ' ' || *s == '\t'; s++)
		;
	for (e = s; *e && *e != ' ' && *e != '\t'; e++)
		;
	if (e == s)
		return false;
	memcpy(interp, s, (size_t)(e - s));
	interp[e - s] = '\0';
	for (s = e; *s == ' ' || *s == '\t'; s++)
		;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	memcpy(arg, s, (size_t)(e - s));
	arg[e - s] = '\0';
	return true;
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
static bool vfork_done(struct process *c, struct mm *mm)
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
	if (!vfork_done(p, p->mm))
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

/* What a chain of "#!" scripts puts before a program's arguments: each
 * level names its interpreter and an optional argument. */
struct interp_chain {
	uint32_t levels;
	char interp[INTERP_DEPTH + 1][128], arg[INTERP_DEPTH + 1][128];
};

/* Finds the program path runs, following "#!" lines into exe (128 bytes)
 * and chain; *file is the program's inode, real its own path (128 bytes). */
static int resolve_program(struct process *p, const char *path, struct inode **file,
			   char *exe, char *real, struct interp_chain *chain)
{
	struct inode *where;
	int err;

	if (strlen(path) >= 128)
		return -LX_ENAMETOOLONG;
	strlcpy(exe, path, 128);
	for (chain->levels = 0;; chain->levels++) {
		uint32_t l = chain->levels;

		if ((err = path_lookup_in(p, NULL, exe, true, file, &where)))
			return err;
		if (!LX_S_ISREG((*file)->mode) || !((*file)->mode & 0111))
			return -LX_EACCES;
		if (!script_interpreter(*file, chain->interp[l], chain->arg[l]))
			return path_of(where, *file, real, 128) < 0 ? -LX_ENAMETOOLONG : 0;
		if (l == INTERP_DEPTH)
			return -LX_ELOOP;
		strlcpy(exe, chain->interp[l], 128);
	}
}

/* The arguments the interpreters see: the last interpreter found and its
 * argument first, down to the first, then path, then argv[1] on; a
 * heap array of pointers into chain, path and argv. */
static char **interp_argv(const struct interp_chain *chain, const char *path,
			  char *const argv[])
{
	uint32_t n = count(argv), k = 0;
	char **v = heap_alloc((2 * chain->levels + n + 1) * sizeof(char *));

	if (!v)
		return NULL;
	for (uint32_t l = chain->levels; l-- > 0;) {
		v[k++] = (char *)chain->interp[l];
		if (chain->arg[l][0])
			v[k++] = (char *)chain->arg[l];
	}
	v[k++] = (char *)path;
	for (uint32_t i = 1; i < n; i++)
		v[k++] = argv[i];
	v[k] = NULL;
	return v;
}

static void set_comm(struct process *p)
{
	const char *base = p->exe + strlen(p->exe);

	while (base > p->exe && base[-1] != '/')
		base--;
	strlcpy(p->comm, base, sizeof(p->comm));
}

/* Loads path into p with a fresh address space and starts its task anew
 * (exec: the old task, the caller, is deleted). On an error p is as it
 * was. */
static int load_and_start(struct process *p, const char *path, char *const argv[],
			  char *const envp[])
{
	struct mm old = *p->mm;
	char old_exe[sizeof(p->exe)], real[sizeof(p->exe_real)];
	struct elf_image img;
	struct inode *file;
	struct interp_chain chain;
	char **args = (char **)argv;
	uint32_t esp;
	l4_threadid_t id;
	int err;

	memcpy(old_exe, p->exe, sizeof(old_exe));
	if ((err = resolve_program(p, path, &file, p->exe, real, &chain)))
		goto undo_exe;
	if (chain.levels && !(args = interp_argv(&chain, path, argv))) {
		err = -LX_ENOMEM;
		goto undo_exe;
	}
	mm_init(p->mm);
	if ((err = elf_load(p, file, &img)))
		goto undo;
	p->mm->brk_start = p->mm->brk = img.brk;
	if ((err = vma_add(p->mm, LINUX_STACK_TOP - (8u << 20), LINUX_STACK_TOP,
			   LX_PROT_READ | LX_PROT_WRITE, NULL, 0, 0)) ||
	    (err = build_stack(p, &img, args, envp, &esp)))
		goto undo;
	if (args != argv)
		heap_free(args);
	/* past the point of no return */
	if (p->thread)
		l4_task_new(p->thread, server_id, 0, 0, L4_NIL_ID);
	if (p->sigpage)			/* the new task's signal thread starts afresh */
		memset(p->sigpage, 0, PAGE_SIZE);
	if (!vfork_done(p, &old))
		mm_free(&old);
	set_comm(p);
	memcpy(p->exe_real, real, sizeof(real));
	p->tls_used = 0;
	memset(p->tls, 0, sizeof(p->tls));
	for (uint32_t sig = 0; sig < SIGNALS; sig++)	/* handlers are gone with the program */
		if (p->sig[sig].handler > 1)
			p->sig[sig].handler = 0;
	for (uint32_t fd = 0; (fd = fd_next(p, fd)) < FDS_MAX; fd++)
		if (p->fds[fd] && p->cloexec[fd]) {
			file_put(p->fds[fd]);
			p->fds[fd] = NULL;
			p->cloexec[fd] = 0;
		}
	*p->info = (struct linux_info){ server_id, img.entry, (uint32_t)p->pid, { { 0 } }, 0 };
	id = l4_task_new(l4_make_id(p->task, 0, 0), 0, esp, LINUX_EMUL_START, server_id);
	if (id == L4_NIL_ID) {
		log("cannot create task %u for %s\n", p->task, p->exe);
		p->thread = L4_NIL_ID;
		return -LX_EAGAIN;
	}
	p->thread = id;
	l4_thread_schedule(id, PROCESS_PRIORITY);
	return 0;
undo:
	mm_free(p->mm);
	*p->mm = old;
undo_exe:
	if (args != argv)
		heap_free(args);
	memcpy(p->exe, old_exe, sizeof(old_exe));
	return err;
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
	p->pgid = p->sid = p->pid;
	p->umask = 022;
	rlimits_init(p->rlimit);
	p->start_ticks = ticks_now();
	if (!(p->info = page_alloc()) || (err = load_and_start(p, path, argv, envp))) {
		release(p);
		p->state = PROC_FREE;
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
	int err = load_and_start(g, path, argv, envp);

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

/* clone's new stack: the parent's call frame is copied below it, so the
 * child returns from the call with esp at the new stack, as on Linux. */
static int move_call_frame(struct process *c, struct process *parent, uint32_t *esp,
			   uint32_t stack)
{
	uint32_t frame[INT80_FRAME_WORDS];
	uint32_t n = call_frame_size(parent);

	if (stack < n || copy_from_user(parent, frame, *esp, n) ||
	    copy_to_user(c, stack - n, frame, n))
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
	id = l4_task_new(l4_make_id(c->task, 0, 0), 0, esp, LINUX_EMUL_FORK_CHILD, server_id);
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

/* Its files and memory go; a parent that may wait keeps the status. */
bool process_group_orphaned(int32_t pgrp)
{
	for (uint32_t i = 0; i < PROC_MAX; i++) {
		struct process *q = &procs[i], *parent;

		if (q->state != PROC_LIVE || q->leader != q || q->pgid != pgrp)
			continue;
		parent = process_by_pid(q->ppid);
		if (parent && parent->state == PROC_LIVE && parent->pgid != pgrp &&
		    parent->sid == q->sid)
			return false;
	}
	return true;
}

/* POSIX: a group an exit leaves orphaned, with a stopped process in it,
 * gets SIGHUP and SIGCONT: nobody else could continue it. */
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
	groups[n++] = p->pgid;
	for (uint32_t i = 0; i < PROC_MAX; i++)	/* orphans go to init */
		if (procs[i].state != PROC_FREE && procs[i].ppid == p->pid) {
			procs[i].ppid = 1;
			if (procs[i].leader == &procs[i] && procs[i].pgid != p->pgid)
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
		signal_send(parent, LX_SIGCHLD, p->exit_status & 0x7f ? 2 : 1,	/* CLD_KILLED, CLD_EXITED */
			    (uint32_t)p->pid, 0,
			    p->exit_status & 0x7f ? p->exit_status & 0x7f : (p->exit_status >> 8) & 0xff);
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
