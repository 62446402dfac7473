/* procfs: /proc made up from the server's state when it is read. The
 * initramfs's /proc directory becomes its root at start (mount -t proc is
 * accepted and changes nothing). Nodes are cached inodes, one per kind and
 * process slot (and descriptor), reused when a slot gets a new process.
 *
 *   /proc/self -> <pid>, meminfo, uptime, loadavg, cpuinfo, mounts, version,
 *   filesystems, stat (time in 10 ms ticks: the processes' as user time,
 *   the rest as idle); /proc/<pid>/: exe -> the program, cwd -> its directory,
 *   root -> /, cmdline, environ, stat, status, maps, fd/<n> -> what the
 *   descriptor is (the path it was opened by, or pipe:[n]), task/<tid> (its
 *   threads: each the directory /proc/<tid> is, which is not listed). */
#include "server.h"
#include <l4/kip.h>
#include <libc/div64.h>

enum {
	P_NONE, P_ROOT, P_SELF, P_MEMINFO, P_UPTIME, P_LOADAVG, P_CPUINFO, P_MOUNTS, P_VERSION,
	P_FILESYSTEMS, P_STATS, P_GLOBALS,
	P_PID = P_GLOBALS, P_EXE, P_CWD, P_ROOTDIR, P_CMDLINE, P_ENVIRON, P_STAT, P_STATUS, P_MAPS,
	P_FDDIR, P_TASKDIR,
	P_PERPID_END,
	P_FD = P_PERPID_END,
};
#define PERPID (P_PERPID_END - P_PID)

struct proc_name {
	const char *name;
	uint32_t kind, mode;
};

static const struct proc_name globals[] = {
	{ "self", P_SELF, LX_S_IFLNK | 0777 },
	{ "meminfo", P_MEMINFO, LX_S_IFREG | 0444 },
	{ "uptime", P_UPTIME, LX_S_IFREG | 0444 },
	{ "loadavg", P_LOADAVG, LX_S_IFREG | 0444 },
	{ "cpuinfo", P_CPUINFO, LX_S_IFREG | 0444 },
	{ "mounts", P_MOUNTS, LX_S_IFREG | 0444 },
	{ "version", P_VERSION, LX_S_IFREG | 0444 },
	{ "filesystems", P_FILESYSTEMS, LX_S_IFREG | 0444 },
	{ "stat", P_STATS, LX_S_IFREG | 0444 },
};
static const struct proc_name perpid[] = {
	{ "exe", P_EXE, LX_S_IFLNK | 0777 },
	{ "cwd", P_CWD, LX_S_IFLNK | 0777 },
	{ "root", P_ROOTDIR, LX_S_IFLNK | 0777 },
	{ "cmdline", P_CMDLINE, LX_S_IFREG | 0444 },
	{ "environ", P_ENVIRON, LX_S_IFREG | 0400 },
	{ "stat", P_STAT, LX_S_IFREG | 0444 },
	{ "status", P_STATUS, LX_S_IFREG | 0444 },
	{ "maps", P_MAPS, LX_S_IFREG | 0444 },
	{ "fd", P_FDDIR, LX_S_IFDIR | 0500 },
	{ "task", P_TASKDIR, LX_S_IFDIR | 0555 },
};

static struct inode *root, *global_nodes[P_GLOBALS];
static struct inode *pid_nodes[PROC_MAX][PERPID];
static struct inode *fd_nodes[PROC_MAX][FDS_MAX];

static struct inode *node(struct inode **slot, uint32_t kind, uint32_t mode, int32_t pid,
			  int32_t fd, struct inode *parent)
{
	if (!*slot && (*slot = inode_new(mode))) {
		(*slot)->refs = 1;	/* cached for good */
		(*slot)->uid = (*slot)->gid = 0;
	}
	if (*slot) {
		(*slot)->proc = (uint8_t)kind;
		(*slot)->proc_pid = pid;
		(*slot)->proc_fd = fd;
		(*slot)->parent = parent;
	}
	return *slot;
}

void procfs_init(void)
{
	struct inode *in;

	if (!path_lookup(NULL, NULL, "/proc", true, &in) && LX_S_ISDIR(in->mode) && !in->children)
		root = in;
	else if ((in = inode_new(LX_S_IFDIR | 0555)) && !ramfs_link(root_inode, "proc", in))
		root = in;
	if (root) {
		root->proc = P_ROOT;
		root->mode = LX_S_IFDIR | 0555;
	} else {
		log("no /proc for procfs\n");
	}
}

static struct process *live(int32_t pid)
{
	struct process *t = process_by_pid(pid);

	return t && t->state == PROC_LIVE ? t : NULL;
}

/* A process whose directory is there: as on Linux, from its start until
 * its parent reaps it. A zombie's (an ending or ended leader) has its stat
 * and status and nothing else; what its memory, files or working directory
 * would give is ENOENT or empty. */
static struct process *shown(int32_t pid)
{
	struct process *t = process_by_pid(pid);

	return t && (t->state == PROC_LIVE || t->leader == t) ? t : NULL;
}

/* The process a directory under /proc/<pid> is about: the directory
 * itself is a zombie's too, fd/ and task/ only a live process's. */
static struct process *owner(const struct inode *dir)
{
	return dir->proc == P_PID ? shown(dir->proc_pid) : live(dir->proc_pid);
}

static bool zombie(const struct process *t)
{
	return t->state != PROC_LIVE;
}

/* The next running thread of t's process after th (NULL: the first). */
static struct process *next_running_thread(struct process *t, struct process *th)
{
	while ((th = process_next_thread(t, th)))
		if (th->state == PROC_LIVE && !(th == th->leader && th->main_gone))
			return th;
	return NULL;
}

/* Its state as Linux's status file writes it; stat has the letter. */
static const char *state(const struct process *t)
{
	return zombie(t) ? "Z (zombie)" : t->stopped ? "T (stopped)" :
		t->in_call ? "S (sleeping)" : "R (running)";
}

/* A name of digits as a number below limit, or -1. */
static int32_t number(const char *name, int32_t limit)
{
	int32_t n = 0;

	for (const char *s = name; *s; s++) {
		if (*s < '0' || *s > '9' || n > (limit - 1 - (*s - '0')) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return name[0] ? n : -1;
}

static uint32_t thread_count(struct process *t)
{
	uint32_t n = 0;

	for (struct process *th = NULL; (th = next_running_thread(t, th));)
		n++;
	return n;
}

static struct inode *pid_dir(struct process *t)
{
	uint32_t slot = (uint32_t)(t - procs);

	return node(&pid_nodes[slot][0], P_PID, LX_S_IFDIR | 0555, t->pid, 0, root);
}

struct inode *procfs_find(struct inode *dir, const char *name)
{
	struct process *t, *th = NULL;
	int32_t n;

	if (dir->proc == P_ROOT) {
		for (uint32_t i = 0; i < ARRAY_SIZE(globals); i++)
			if (!strcmp(name, globals[i].name))
				return node(&global_nodes[globals[i].kind], globals[i].kind,
					    globals[i].mode, 0, 0, root);
		return (n = number(name, 1000000000)) >= 0 && (t = shown(n)) ? pid_dir(t) : NULL;
	}
	if (!(t = owner(dir)))
		return NULL;
	if (dir->proc == P_PID) {
		for (uint32_t i = 0; i < ARRAY_SIZE(perpid); i++)
			if (!strcmp(name, perpid[i].name))
				return node(&pid_nodes[t - procs][perpid[i].kind - P_PID],
					    perpid[i].kind, perpid[i].mode, t->pid, 0, dir);
		return NULL;
	}
	if (dir->proc == P_FDDIR) {
		if ((n = number(name, FDS_MAX)) < 0 || !t->fds[n])
			return NULL;
		return node(&fd_nodes[t - procs][n], P_FD, LX_S_IFLNK | 0700, t->pid, n, dir);
	}
	if (dir->proc == P_TASKDIR && (n = number(name, 1000000000)) >= 0)
		while ((th = next_running_thread(t, th)))
			if (th->pid == n)
				return pid_dir(th);
	return NULL;
}

bool procfs_entry(struct process *p, struct inode *dir, uint32_t index, char *name,
		  struct inode **in)
{
	struct process *t;

	(void)p;
	if (dir->proc == P_ROOT) {
		if (index < ARRAY_SIZE(globals)) {
			strlcpy(name, globals[index].name, NAME_MAX_LEN + 1);
			*in = procfs_find(dir, name);
			return *in != NULL;
		}
		for (uint32_t i = 0, live_index = ARRAY_SIZE(globals); i < PROC_MAX; i++) {
			if (procs[i].state == PROC_FREE || procs[i].leader != &procs[i])
				continue;	/* (a thread's directory is there, unlisted) */
			if (live_index++ == index) {
				snprintf(name, NAME_MAX_LEN + 1, "%d", procs[i].pid);
				*in = pid_dir(&procs[i]);
				return *in != NULL;
			}
		}
		return false;
	}
	if (!(t = owner(dir)))
		return false;
	if (dir->proc == P_PID) {
		if (index >= ARRAY_SIZE(perpid))
			return false;
		strlcpy(name, perpid[index].name, NAME_MAX_LEN + 1);
		*in = procfs_find(dir, name);
		return *in != NULL;
	}
	if (dir->proc == P_FDDIR)
		for (uint32_t fd = 0, k = 0; (fd = fd_next(t, fd)) < FDS_MAX; fd++)
			if (t->fds[fd] && k++ == index) {
				snprintf(name, NAME_MAX_LEN + 1, "%u", fd);
				*in = procfs_find(dir, name);
				return *in != NULL;
			}
	if (dir->proc == P_TASKDIR)
		for (struct process *th = NULL; (th = next_running_thread(t, th));)
			if (index-- == 0) {
				snprintf(name, NAME_MAX_LEN + 1, "%d", th->pid);
				*in = pid_dir(th);
				return *in != NULL;
			}
	return false;
}

/* What a descriptor refers to, as Linux's fd links say it. */
static int fd_target(struct process *t, int32_t fd, char *buf, uint32_t size)
{
	struct file *f = t->fds[fd];

	if (!f)
		return -LX_ENOENT;
	int n;

	if (f->pipe)
		return snprintf(buf, size, "pipe:[%u]", f->inode->ino);
	if ((n = path_of(f->where, f->inode, buf, size)) >= 0)
		return n;
	return snprintf(buf, size, "anon_inode:[%u]", f->inode->ino);	/* unlinked since */
}

bool procfs_is_root(const struct inode *in)
{
	return in == root;
}

struct file *procfs_fd_file(struct process *p, struct inode *link)
{
	struct process *t = link->proc == P_FD ? live(link->proc_pid) : NULL;

	(void)p;
	return t ? t->fds[link->proc_fd] : NULL;
}

int symlink_target(struct process *p, struct inode *in, char *buf, uint32_t size)
{
	struct process *t;
	int n;

	if (!in->proc) {
		n = (int)(in->size < size ? in->size : size);
		ramfs_read(in, 0, buf, (uint32_t)n);
		return n;
	}
	if (in->proc == P_SELF)
		return p ? snprintf(buf, size, "%d", p->pid) : -LX_ENOENT;
	if (!(t = live(in->proc_pid)))
		return -LX_ENOENT;
	switch (in->proc) {
	case P_EXE:
		n = (int)strlen(t->exe_real);
		if ((uint32_t)n > size)
			n = (int)size;
		memcpy(buf, t->exe_real, (uint32_t)n);
		return n;
	case P_CWD:
		return path_of_dir(t->cwd, buf, size);
	case P_ROOTDIR:
		return size ? (buf[0] = '/', 1) : 0;
	case P_FD:
		return fd_target(t, in->proc_fd, buf, size);
	default:
		return -LX_EINVAL;
	}
}

/* ---- file contents ------------------------------------------------------------ */

struct text {
	char *buf;
	uint32_t len, size;
	bool cut;			/* a line did not fit */
};

static void emit(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0 && t->len + (uint32_t)n < t->size)
		t->len += (uint32_t)n;
	else if (n > 0)
		t->cut = true;		/* the piece is dropped, not cut */
	t->buf[t->len] = '\0';
}

/* The bytes [start, end) of t's memory (its argv or envp strings). */
static void emit_user(struct text *out, struct process *t, uint32_t start, uint32_t end)
{
	uint32_t n = end > start ? end - start : 0;

	if (n > out->size)
		n = out->size;
	if (n && !copy_from_user(t, out->buf, start, n))
		out->len = n;
}

static uint32_t kb_of_pages(uint32_t pages)
{
	return pages * (PAGE_SIZE / 1024);
}

static uint32_t resident_pages(const struct process *t)
{
	uint32_t n = 0;

	for (uint32_t i = 0; t->mm->tables && i < 1024; i++)
		for (uint32_t j = 0; t->mm->tables[i] && j < 1024; j++)
			n += t->mm->tables[i][j] & PTE_PRESENT;
	return n;
}

static uint32_t virtual_kb(const struct process *t)
{
	uint32_t bytes = 0;

	for (const struct vma *v = t->mm->vmas; v; v = v->next)
		bytes += v->end - v->start;
	return bytes / 1024;
}

static void cpuinfo(struct text *t)
{
	uint32_t r[4], id[4], vendor[4];
	static const char *const flag_names[32] = {
		"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
		"mtrr", "pge", "mca", "cmov", "pat", "pse36", NULL, NULL, NULL, NULL, NULL, "mmx",
		"fxsr", "sse", "sse2",
	};

	cpuid(0, id);
	vendor[0] = id[1], vendor[1] = id[3], vendor[2] = id[2], vendor[3] = 0;	/* ebx edx ecx */
	cpuid(1, r);
	emit(t, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
	     "stepping\t: %u\nflags\t\t:", (const char *)vendor, (r[0] >> 8) & 0xf,
	     (r[0] >> 4) & 0xf, r[0] & 0xf);
	for (uint32_t i = 0; i < 32; i++)
		if ((r[3] & (1u << i)) && flag_names[i])
			emit(t, " %s", flag_names[i]);
	emit(t, "\n\n");
}

/* One line of /proc/<pid>/maps as Linux writes it: a name (a path, or
 * [heap], [stack], [vdso], [vvar]) follows the fields padded to 48
 * characters and a space: it starts at column 50. */
static void map_line(struct text *out, uint32_t start, uint32_t end, uint32_t prot,
		     uint32_t offset, const struct inode *file, const char *name)
{
	uint32_t from = out->len;

	emit(out, "%08x-%08x %c%c%cp %08x %02x:%02x %u ", start, end,
	     prot & LX_PROT_READ ? 'r' : '-', prot & LX_PROT_WRITE ? 'w' : '-',
	     prot & LX_PROT_EXEC ? 'x' : '-', file ? offset : 0, 0, file ? 1 : 0,
	     file ? file->ino : 0);
	if (name && *name)
		emit(out, "%*s %s", (int)(from + 48 > out->len ? from + 48 - out->len : 0), "", name);
	emit(out, "\n");
}

static void maps(struct text *out, struct process *t)
{
	uint32_t emul_end = PAGE_ROUND_UP((uint32_t)(emul_image_end - emul_image));
	char path[128];

	for (const struct vma *v = t->mm->vmas; v; v = v->next) {
		const char *name = NULL;

		if (v->file && path_search(v->file, path, sizeof(path)) > 0)
			name = path;
		else if (!v->file && v->start >= t->mm->brk_start &&
			 v->end <= PAGE_ROUND_UP(t->mm->brk) && v->end > v->start)
			name = "[heap]";
		else if (!v->file && v->end == LINUX_STACK_TOP)
			name = "[stack]";
		map_line(out, v->start, v->end, v->prot, v->offset, v->file, name);
	}
	map_line(out, LINUX_EMUL_BASE, LINUX_EMUL_BASE + emul_end, LX_PROT_READ | LX_PROT_EXEC,
		 0, NULL, "[vdso]");
	map_line(out, LINUX_INFO_PAGE, LINUX_INFO_PAGE + PAGE_SIZE, LX_PROT_READ, 0, NULL,
		 "[vvar]");
	map_line(out, LINUX_SIGNAL_PAGE, LINUX_SIGNAL_PAGE + PAGE_SIZE,
		 LX_PROT_READ | LX_PROT_WRITE, 0, NULL, "[vvar]");
}

static void generate(struct process *p, struct inode *in, struct text *out)
{
	struct process *t = in->proc >= P_GLOBALS ? shown(in->proc_pid) : NULL;
	uint64_t ms = clock_ms();
	uint32_t cs, sec;

	(void)p;
	switch (in->proc) {
	case P_MEMINFO:
		emit(out, "MemTotal:       %8u kB\nMemFree:        %8u kB\nMemAvailable:   %8u kB\n"
		     "Buffers:        %8u kB\nCached:         %8u kB\nSwapCached:     %8u kB\n"
		     "SwapTotal:      %8u kB\nSwapFree:       %8u kB\nShmem:          %8u kB\n"
		     "Slab:           %8u kB\nSReclaimable:   %8u kB\nSUnreclaim:     %8u kB\n",
		     kb_of_pages(mem_total_pages()), kb_of_pages(mem_free_pages()),
		     kb_of_pages(mem_free_pages()), 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u);
		return;
	case P_UPTIME:
		cs = div64_32(&ms, 1000) / 10;
		sec = (uint32_t)ms;
		emit(out, "%u.%02u 0.00\n", sec, cs);
		return;
	case P_LOADAVG: {
		uint32_t n = 0;
		int32_t last = 0;

		for (uint32_t i = 0; i < PROC_MAX; i++)
			if (procs[i].state == PROC_LIVE) {
				n++;
				last = procs[i].pid > last ? procs[i].pid : last;
			}
		emit(out, "0.00 0.00 0.00 1/%u %d\n", n, last);
		return;
	}
	case P_CPUINFO:
		cpuinfo(out);
		return;
	case P_STATS: {
		uint64_t up = ms, boot = clock_realtime_ns();
		uint32_t user = 0, idle, running = 0, blocked = 0;

		for (uint32_t i = 0; i < PROC_MAX; i++)
			if (procs[i].state == PROC_LIVE) {
				user += l4_thread_schedule(procs[i].thread, L4_SCHED_UNCHANGED).time_ms / 10;
				procs[i].in_call ? blocked++ : running++;
			}
		div64_32(&up, 10);
		idle = (uint32_t)up > user ? (uint32_t)up - user : 0;
		div64_32(&boot, 1000000000);
		div64_32(&ms, 1000);
		emit(out, "cpu  %u 0 0 %u 0 0 0 0 0 0\ncpu0 %u 0 0 %u 0 0 0 0 0 0\nintr 0\nctxt 0\n"
		     "btime %u\nprocesses %d\nprocs_running %u\nprocs_blocked %u\nsoftirq 0\n",
		     user, idle, user, idle, (uint32_t)(boot - ms), process_count_started(), running,
		     blocked);
		return;
	}
	case P_MOUNTS: {
		struct inode *dirs[8];
		uint32_t n = tmpfs_mounts(dirs, 8);
		char *path = page_alloc();

		emit(out, "rootfs / rootfs rw 0 0\nproc /proc proc rw,nosuid,nodev,noexec 0 0\n");
		for (uint32_t i = 0; path && i < n; i++)
			if (path_of_dir(dirs[i], path, PAGE_SIZE) > 0)
				emit(out, "tmpfs %s tmpfs rw 0 0\n", path);
		if (path)
			page_free(path);
		return;
	}
	case P_VERSION:
		emit(out, "Linux version 6.1.0-tessera (tessera) #1 Tessera " TESSERA_VERSION "\n");
		return;
	case P_FILESYSTEMS:
		emit(out, "nodev\trootfs\nnodev\tramfs\nnodev\tproc\n");
		return;
	}
	if (!t || (zombie(t) && in->proc != P_STAT && in->proc != P_STATUS))
		return;
	switch (in->proc) {
	case P_CMDLINE:
		emit_user(out, t, t->arg_start, t->arg_end);
		return;
	case P_ENVIRON:
		emit_user(out, t, t->arg_end, t->env_end);
		return;
	case P_STAT: {
		uint32_t ms_run = zombie(t) ? 0 :
			l4_thread_schedule(t->thread, L4_SCHED_UNCHANGED).time_ms;

		emit(out, "%d (%s) %c %d %d %d 0 -1 4194304 %u 0 0 0 %u 0 0 0 20 0 1 0 %u %u %u "
		     "4294967295 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n",
		     t->pid, t->comm, state(t)[0], t->ppid, t->pgid, t->sid, t->minflt, ms_run / 10,
		     t->start_ticks, zombie(t) ? 0 : virtual_kb(t) * 1024,
		     zombie(t) ? 0 : resident_pages(t));
		return;
	}
	case P_MAPS:
		maps(out, t);
		return;
	case P_STATUS:	/* (a zombie has no memory lines, as on Linux) */
		emit(out, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n"
		     "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\n", t->comm, t->umask,
		     state(t), t->leader->pid, t->pid, t->ppid, zombie(t) ? 0 : FDS_MAX);
		if (!zombie(t))
			emit(out, "VmSize:\t%8u kB\nVmRSS:\t%8u kB\n", virtual_kb(t),
			     kb_of_pages(resident_pages(t)));
		emit(out, "Threads:\t%u\nSigPnd:\t%08x%08x\nSigBlk:\t%08x%08x\n",
		     zombie(t) ? 1 : thread_count(t), t->sigpending[1], t->sigpending[0],
		     t->sigmask[1], t->sigmask[0]);
		return;
	}
}

/* Each read makes the text again and copies from the file position. */
static int32_t procfs_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	struct text t = { page_alloc(), 0, PAGE_SIZE, false };
	uint32_t k;
	int err;

	if (!t.buf)
		return -LX_ENOMEM;
	generate(p, f->inode, &t);
	if (t.cut && !f->pos)
		log("pid %d (%s): a /proc file was longer than %u bytes: cut\n", p->pid, p->comm,
		    PAGE_SIZE);
	if (f->pos >= t.len) {
		page_free(t.buf);
		return 0;
	}
	k = t.len - (uint32_t)f->pos < n ? t.len - (uint32_t)f->pos : n;
	err = copy_to_user(p, buf, t.buf + f->pos, k);
	page_free(t.buf);
	if (err)
		return err;
	f->pos += k;
	return (int32_t)k;
}

static int32_t procfs_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)p, (void)f, (void)buf, (void)n;
	return -LX_EACCES;
}

static int32_t procfs_ioctl(struct process *p, struct file *f, uint32_t cmd, uint32_t arg)
{
	(void)p, (void)f, (void)cmd, (void)arg;
	return -LX_ENOTTY;
}

static uint32_t procfs_poll(struct file *f)
{
	(void)f;
	return LX_POLLIN;
}

const struct file_ops procfs_ops = { procfs_read, procfs_write, procfs_ioctl, procfs_poll, true };
