/* server.h: the Linux-personality server's internal interfaces.
 *
 * One L4 task, the root task after sigma0. Its memory comes from sigma0
 * mapped 1:1 (a pointer to a pool page is the page's physical address), its
 * main thread serves every request of every Linux process (system calls,
 * page faults, exceptions) and runs blocking calls as coroutines; driver
 * threads feed it interrupts' work. The process protocol is
 * lib/include/tessera/linux_server.h; lib/LINUX.md describes the design. */
#pragma once

#include <l4/runtime.h>
#include <l4/syscalls.h>
#include <libc/string.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/linux_abi.h>
#include <tessera/linux_server.h>

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define USER_TOP	0xc0000000u
/* Where copy_from_user finds sendfile's buffer (p->sendfile_buf) while
 * that call runs: above user space, so no process can name it. */
#define SENDFILE_WINDOW	USER_TOP

#define log(...)	l4_printf("linux: " __VA_ARGS__)

/* CPUID leaf: eax, ebx, ecx, edx into r. */
static inline void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf));
}

/* The machine's name as Linux gives it in uname and AT_PLATFORM: "i386"
 * up to "i686", from the CPU's family (5 on a Pentium, 6 from the
 * Pentium Pro on). */
static inline void cpu_machine(char name[5])
{
	uint32_t r[4], family;

	cpuid(1, r);
	family = (r[0] >> 8) & 0xf;
	name[0] = 'i', name[2] = '8', name[3] = '6', name[4] = '\0';
	name[1] = (char)('0' + (family >= 6 ? 6 : family < 3 ? 3 : family));
}

/* The server's own layout: linked at SERVER_BASE (the Makefile's
 * LINUX_SERVER_BASE), all of it below 256 MB, so that it fits a small space
 * of that size. Memory from sigma0 is used 1:1 below SERVER_BASE only; the
 * kernel info page is mapped again at SERVER_KIP (the kernel's boot-task
 * address lies beyond any small space). */
#define SERVER_KIP	(SERVER_BASE - PAGE_SIZE)
#define SERVER_SMALL_CLASS 6		/* 4 MB << 6 = 256 MB */
#define SERVER_SMALL_SLOT 0		/* the window at 0xc0000000 */

struct l4_kip;
extern const struct l4_kip *kip;
/* ---- the kernel command line (cmdline.c) -------------------------------- */
/* Whether the kernel command line has the option `word` (before any "--"). */
bool cmdline_has(const char *word);
/* The number after key (e.g. "linux.mem=") on the kernel command line, or
 * otherwise. */
uint32_t cmdline_number(const char *key, uint32_t otherwise);
/* What follows key (e.g. "init=") in the option that starts with it, its
 * quotes dropped, as a heap copy; NULL if none. */
char *cmdline_value(const char *key);
/* The words after "--", at most max, into argv (heap copies); their number. */
uint32_t cmdline_init_args(char **argv, uint32_t max);
extern bool strace_on;			/* linux.strace: log every system call */

/* ---- memory (mem.c) ----------------------------------------------------- */
void mem_init(void);
void *page_alloc(void);			/* a zeroed page, or NULL */
void *page_alloc_user(void);		/* the same for processes' data: keeps a reserve */
/* Processes' pages are counted: shared after fork until written. */
void page_get(void *page);
void page_put(void *page);		/* freed with its last user */
uint32_t page_users(const void *page);
void page_free(void *page);
uint32_t mem_free_pages(void);
uint32_t mem_total_pages(void);
void *heap_alloc(size_t size);		/* zeroed; up to PAGE_SIZE; NULL when out */
void heap_free(void *p);
char *heap_strdup(const char *s);

/* ---- time and randomness (clock.c) ------------------------------------------ */
void clock_init(void);
uint64_t clock_ms(void);		/* since boot */
uint64_t clock_ns(void);		/* since boot, interpolated between ticks */
uint64_t clock_realtime_ns(void);	/* since 1970 */
void random_bytes(void *buf, size_t n);

/* ---- coroutines (coro.c) ------------------------------------------------------ *
 * A system call that may block runs on a coroutine of its own; the main loop
 * runs on the thread's stack. coro_wait() blocks the current coroutine on a
 * wait queue until coro_wake() and returns to the main loop meanwhile. */
struct coro;
struct waitq {
	struct coro *first;
};
struct process;
typedef int32_t (*coro_fn)(struct process *p, const uint32_t *args);
/* Runs fn on a coroutine; returns true if it finished (*result set) and
 * false if it blocked (its reply goes out when it finishes). */
bool coro_run(coro_fn fn, struct process *p, const uint32_t *args, int32_t *result);
/* Blocks on q until coro_wake; false if the process is going
 * (coro_interrupt): the call should end at once with -EINTR. */
bool coro_wait(struct waitq *q);
/* coro_wait until a wake-up (0), the deadline in ms (-ETIMEDOUT) or an
 * interruption (-EINTR). */
int coro_wait_until(struct waitq *q, uint64_t deadline);
/* Ends the waiting of p's coroutine: it continues with -EINTR. */
void coro_interrupt(struct process *p);
/* The same, and its end answers nobody: p's thread is gone (exec). */
void coro_detach(struct process *p);
void coro_wake(struct waitq *q);
void coro_run_woken(void);		/* main loop: continue what was woken */
extern struct coro *coro_runnable, *coro_timers;
/* Whether the main loop has coroutines to continue or timers to watch. */
static inline bool coro_pending(void)
{
	return coro_runnable || coro_timers;
}
bool coro_sleep_until(uint64_t deadline_ms);	/* false if interrupted */
uint64_t coro_next_deadline(void);	/* ~0 if no timer */
void coro_expire(uint64_t now_ms);

/* ---- filesystem (ramfs.c, cpio.c) ------------------------------------------------ */
struct inode;
struct dentry {
	struct dentry *next;
	struct inode *inode;
	char name[];
};
struct inode {
	uint32_t ino, mode, nlink, uid, gid, rdev;
	uint32_t size;
	uint32_t mtime;
	struct inode *parent;		/* directories */
	struct dentry *children;	/* directories */
	uint8_t **pages;		/* regular files and symlinks: page list */
	uint32_t refs;			/* open files and VMAs using it */
	uint8_t proc;			/* a procfs node (procfs.c): its kind, else 0 */
	struct pipe *pipe;		/* a FIFO's or a pipe's buffer while it is open */
	int32_t proc_pid, proc_fd;	/* whose, and which descriptor */
};
#define RAMFS_FILE_MAX	(PAGE_SIZE / sizeof(uint8_t *) * PAGE_SIZE)	/* 4 MB */
#define PATH_MAX_LEN	4096
#define NAME_MAX_LEN	255

extern struct inode *root_inode;
void ramfs_init(void);
struct inode *inode_new(uint32_t mode);
void inode_free(struct inode *in);	/* one never linked, or the last link gone */
/* References of open files and mappings: an inode without links goes with
 * its last one. */
struct inode *inode_get(struct inode *in);
void inode_put(struct inode *in);
/* Removes name from dir (not a directory: -EISDIR; rmdir is issue 7's). */
int ramfs_unlink(struct inode *dir, const char *name);
int ramfs_rmdir(struct inode *dir, const char *name);
/* Removes everything below the directory top (open files keep their inodes). */
void ramfs_clear(struct inode *top);
/* The tmpfs mounted now: fills dirs (up to max), returns how many. */
uint32_t tmpfs_mounts(struct inode **dirs, uint32_t max);
int ramfs_hardlink(struct inode *dir, const char *name, struct inode *in);
int ramfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname);
int ramfs_link(struct inode *dir, const char *name, struct inode *inode);
struct inode *ramfs_find(struct inode *dir, const char *name);
int ramfs_read(struct inode *in, uint32_t off, void *buf, uint32_t n);
int ramfs_write(struct inode *in, uint32_t off, const void *buf, uint32_t n);
/* The same straight between the file's pages and the process's memory at
 * ubuf: the bytes moved (fewer at a fault), or -errno if none. Writes stop
 * at RAMFS_FILE_MAX (-EFBIG there). */
int32_t ramfs_read_user(struct process *p, struct inode *in, uint32_t off, uint32_t ubuf,
			uint32_t n);
int32_t ramfs_write_user(struct process *p, struct inode *in, uint32_t off, uint32_t ubuf,
			 uint32_t n);
extern const uint8_t zero_page[PAGE_SIZE];	/* never written */
int ramfs_truncate(struct inode *in, uint32_t size);
/* Resolves path (relative to dir, or the process's cwd if dir is NULL);
 * follow: follow a final symlink. 0 or -errno. */
int path_lookup(struct process *p, struct inode *dir, const char *path, bool follow,
		struct inode **out);
/* The directory and last component of path, for creating it. */
/* The absolute path of a directory into buf: its length, or -ERANGE. */
int path_of_dir(struct inode *dir, char *buf, uint32_t size);
/* path_lookup that also says where the inode was found: *where is the
 * directory whose entry named it last (NULL for the start itself). */
int path_lookup_in(struct process *p, struct inode *dir, const char *path, bool follow,
		   struct inode **out, struct inode **where);
/* The path of in by its entry in where (path_lookup_in), a directory by its
 * own: its length, or -ENOENT when unlinked, -ERANGE when longer than size. */
int path_of(struct inode *where, struct inode *in, char *buf, uint32_t size);
/* path_of for an inode whose directory is not known: the first entry for it
 * in the tree (/proc/<pid>/maps names mapped files so). */
int path_search(struct inode *in, char *buf, uint32_t size);
int path_parent(struct process *p, struct inode *dir, const char *path, struct inode **parent,
		char *name);
int cpio_unpack(const uint8_t *archive, uint32_t size);

/* ---- procfs (procfs.c): /proc made up from the server's state ---------------- */
void procfs_init(void);
struct inode *procfs_find(struct inode *dir, const char *name);
/* The index-th entry of a procfs directory (after "." and ".."): false past
 * the end. */
bool procfs_entry(struct process *p, struct inode *dir, uint32_t index, char *name,
		  struct inode **in);
/* A symlink's target, procfs's or the ramfs's: its length or -errno. */
bool procfs_is_root(const struct inode *in);	/* /proc itself */
/* The file a /proc/<pid>/fd/N link stands for, else NULL. */
struct file *procfs_fd_file(struct process *p, struct inode *link);
int symlink_target(struct process *p, struct inode *in, char *buf, uint32_t size);
extern const struct file_ops procfs_ops;

/* ---- open files (file.c) -------------------------------------------------------- */
struct file;
struct file_ops {
	int32_t (*read)(struct process *p, struct file *f, uint32_t buf, uint32_t n);
	int32_t (*write)(struct process *p, struct file *f, uint32_t buf, uint32_t n);
	int32_t (*ioctl)(struct process *p, struct file *f, uint32_t cmd, uint32_t arg);
	/* LX_POLL* bits ready now (a change wakes pollers through io_wake) */
	uint32_t (*poll)(struct file *f);
	bool seekable;
};
struct pipe;
struct file {
	uint32_t refs;
	struct inode *inode;
	struct inode *where;		/* the directory it was opened in (path_of), or NULL */
	uint32_t flags;			/* O_* given at open */
	uint64_t pos;
	const struct file_ops *ops;
	struct pipe *pipe;		/* an end of a pipe, or NULL */
};
/* A pipe: its two ends, read (O_RDONLY) and write (O_WRONLY). */
int pipe_create(struct file **read_end, struct file **write_end);
/* f, just made for the FIFO (or pipe) inode in, becomes an end of its pipe:
 * waits as Linux does for the other end unless O_NONBLOCK or O_RDWR. */
int fifo_open(struct file *f, struct inode *in);
#define FDS_MAX 1024			/* Linux's default hard RLIMIT_NOFILE is 4096 */
int file_open(struct process *p, struct inode *dir, const char *path, uint32_t flags,
	      uint32_t mode, struct file **out);
struct file *file_get(struct process *p, int32_t fd);
void rlimits_init(struct lx_rlimit64 *r);	/* init's, as Linux gives them */
/* How many descriptors p may have: RLIMIT_NOFILE, at most FDS_MAX. */
uint32_t fd_limit(const struct process *p);
void file_put(struct file *f);
int fd_install(struct process *p, struct file *f, int32_t from);
#define DEV(major, minor)	((major) << 8 | (minor))	/* an st_rdev */
const struct file_ops *device_ops(uint32_t rdev);
/* n bytes of zeros or random bytes to the user buffer: n, or -EFAULT. */
int32_t fill_user(struct process *p, uint32_t buf, uint32_t n, bool random);

/* A struct timespec (time64: the 64-bit one) from or to the process, in ns. */
int32_t get_time(struct process *p, uint32_t user, uint64_t *ns, bool time64);
int32_t put_time(struct process *p, uint32_t user, uint64_t ns, bool time64);
/* Wakes q and every poll and select (which wait for any change at all). */
void io_wake(struct waitq *q);

/* ---- the console (tty.c, input.c, uart.c) --------------------------------------- */
/* The server's lthreads: 0 is the main thread, the others drivers'. Their
 * priorities follow DESIGN.md: interrupt top halves > bottom half > the
 * server (100) > processes (50). */
#define LTHREAD_UART		1
#define LTHREAD_BOTTOM_HALF	2
#define LTHREAD_KBD		3
#define TOP_HALF_PRIORITY	200
#define BOTTOM_HALF_PRIORITY	150
void driver_start_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack, uint32_t size,
			 uint32_t priority);

/* A driver's input: its top half writes head, the bottom half tail. */
#define INPUT_RING	1024		/* power of two */
struct input_ring {
	uint8_t bytes[INPUT_RING];
	volatile uint32_t head, tail;
};
/* Top half: stores c; false when the ring is full (c is lost). */
static inline bool input_ring_put(struct input_ring *r, uint8_t c)
{
	if (r->head - r->tail >= INPUT_RING)
		return false;
	r->bytes[r->head % INPUT_RING] = c;
	r->head++;
	return true;
}
void input_register(struct input_ring *r);	/* a driver's init, before input_start */
void input_start(void);				/* the bottom half */
void input_wake(void);				/* a top half, after storing */
bool input_is_bottom_half(l4_threadid_t id);	/* its messages: up to 8 bytes */

void uart_init(void);
void uart_start_thread(void);
void uart_write(const char *s, uint32_t n);
/* The screen and the keyboard (vga.c, kbd.c), with linux.console=vga. */
void vga_claim_window(void);		/* at start, always */
void vga_init(void);
void vga_write(const char *s, uint32_t n);	/* nothing unless on */
void kbd_init(void);
void kbd_start_thread(void);
void tty_input(const uint8_t *chars, uint32_t n);
extern const struct file_ops tty_ops;

/* ---- processes and memory (process.c, vm.c, elf.c) --------------------------------- */
#define PTE_PRESENT	0x1
#define PTE_WRITE	0x2		/* writable now */
#define PTE_COW		0x4		/* shared since fork: copied at the first write */
struct vma {
	struct vma *next;		/* sorted by start */
	uint32_t start, end;		/* page aligned */
	uint32_t prot;			/* LX_PROT_* */
	struct inode *file;		/* private file mapping, or NULL */
	uint32_t offset;		/* file offset of start */
	uint32_t file_end;		/* bytes from file_end on are zero */
};
struct mm {
	uint32_t **tables;		/* 1024 page tables of 1024 entries: frame | PTE_* */
	struct vma *vmas;
	uint32_t brk_start, brk;
	uint32_t mmap_base;
};
/* PROC_EXITING: its task is gone, but a coroutine of its last call still
 * has to end before its files and memory go (process_exit). PROC_ZOMBIE:
 * only its exit status is left, for its parent's wait. */
enum proc_state { PROC_FREE, PROC_LIVE, PROC_EXITING, PROC_ZOMBIE };
struct tls_desc {
	uint32_t base, limit, present;	/* as segment_set takes them */
};
#define SIGNALS 65			/* 1..64 */
struct sigaction_rec {
	uint32_t handler, flags, restorer;
	uint32_t mask[2];
};
/* A struct process is a Linux thread, as Linux's task is: the first one
 * of a process (its leader) holds what the threads share (memory, the
 * descriptor table, the signal actions) and the others point at it; its
 * pid is the process's (the tgid). A process's pgid, sid, working
 * directory, umask and limits are each thread's copy, kept equal
 * (process_sync). The leader's slot lives as long as any thread. */
struct process {
	enum proc_state state;
	int32_t pid, ppid, pgid, sid;	/* pid: the thread's own (its tid) */
	int32_t tgid;			/* the process's: its leader's pid */
	uint32_t task;			/* L4 task number */
	l4_threadid_t thread;		/* its program thread: lthread 2n for thread n */
	uint32_t lthread;		/* 2n */
	struct process *leader;		/* the process's first thread (itself for it) */
	struct process *threads[LINUX_THREADS_MAX];	/* the leader's: thread n, or NULL */
	bool main_gone;			/* the leader's own thread exited; others run */
	struct mm *mm;			/* the leader's mm_own */
	struct file **fds;		/* the leader's fd_own */
	uint8_t *cloexec;		/* the leader's cloexec_own */
	struct inode *cwd;
	struct linux_info *info;	/* its info page */
	uint8_t *sigpage;		/* its signal page (LINUX_SIGNAL_PAGE), or NULL */
	char exe[128];			/* the path it was started from */
	char exe_real[128];		/* the program's own path (/proc/<pid>/exe) */
	char comm[16];
	uint32_t clear_child_tid;
	uint32_t robust_list;		/* set_robust_list's head, walked at the thread's exit */
	int32_t exit_status;
	uint8_t tls_used;		/* bit n: TLS entry LX_GDT_TLS_FIRST + n is set */
	struct tls_desc tls[LX_GDT_TLS_COUNT];	/* what set_thread_area installed */
	struct sigaction_rec *sig;	/* rt_sigaction's records: the leader's sig_own */
	uint32_t sigmask[2];		/* blocked */
	uint32_t sigpending[2];		/* queued for a handler */
	struct sig_origin {		/* what siginfo says of each pending signal */
		int32_t code;
		uint32_t a, b, c;	/* pid/addr, uid, status */
	} sigorigin[SIGNALS];
	bool attention;			/* one of these four may need the end of a call */
	uint8_t *sendfile_buf;		/* during sendfile: its page, at SENDFILE_WINDOW */
	uint8_t call_signal;		/* the call raised SIGPIPE or SIGXFSZ: sent as it ends */
	bool suspend_mask_saved;	/* sigsuspend's caller's mask, for the frame */
	uint32_t suspend_mask[2];
	struct waitq sig_wait;		/* pause and sigsuspend */
	uint64_t alarm_at;		/* ms of the clock, 0: none */
	uint64_t wake_again_at;		/* ms: its signal thread's word again, 0: none */
	uint32_t alarm_interval;	/* ms: ITIMER_REAL's period, 0: once */
	struct waitq child_wait;	/* wait4 of it: a child changed state */
	uint32_t call_block;		/* the argument block of the call being served */
	uint32_t umask;
	struct lx_rlimit64 rlimit[LX_RLIMITS];	/* getrlimit, setrlimit; inherited */
	uint32_t arg_start, arg_end;	/* argv's strings on its stack (cmdline) */
	uint32_t env_end;		/* envp's follow them up to here (environ) */
	uint32_t start_ticks;		/* when it started, in 10 ms (stat) */
	uint32_t reply_flags, reply_w2;	/* the next answer's words 1, 2 (set_thread_area) */
	uint32_t calls_sysinfo, calls_int80;	/* system calls by the way they came */
	uint32_t minflt;		/* page faults served (/proc/<pid>/stat) */
	union {				/* (a request tests them at once: unusual) */
		struct {
			bool in_call;	/* a call of it waits in a coroutine */
			bool stopped;	/* by a stop signal, until SIGCONT */
			bool signal_due;	/* its slot's DUE byte is set */
			bool traced;	/* linux.strace: its calls are logged */
		};
		uint32_t unusual;
	};
	uint8_t stop_sig;
	uint8_t wait_report;		/* WAIT_STOPPED or WAIT_CONTINUED: for wait4 */
	uint8_t hold;			/* HOLD_*: an answer that waits for SIGCONT */
	struct l4_words held;		/* it (HOLD_SIGNAL: w1 the request's address;
					   HOLD_RESTART: the request, made again) */
	bool stop_restarts;		/* its call was ended by a stop: made again */
	uint32_t call_arg0;		/* the waiting call's first argument (ebx) */
	bool call_int80;		/* the call being served came by int $0x80 */
	bool call_fpu_saved;		/* ... with the caller's FPU state below its frame */
	int32_t vfork_parent;		/* a vfork child: the parent waiting for it */
	int32_t vfork_child;		/* a vfork parent: the child it waits for */
	uint32_t call_nr;		/* the number of its waiting call */
	/* the leader's storage for what its threads share */
	struct mm mm_own;
	struct file *fd_own[FDS_MAX];
	uint8_t cloexec_own[FDS_MAX];
	struct sigaction_rec sig_own[SIGNALS];
};
#define PROC_MAX 64
#define PROCESS_PRIORITY	50	/* below the server's 100 (DESIGN.md) */
#define SIGNAL_THREAD_PRIORITY	51	/* a process's signal thread, above it */
/* The first open descriptor of p from fd on, or FDS_MAX: the table is
 * sparse, and scanned at every fork, exec and exit. */
static inline uint32_t fd_next(const struct process *p, uint32_t fd)
{
	_Static_assert(sizeof(struct file *) == sizeof(uint32_t), "descriptors are words");
	return (uint32_t)words_next_nonzero((const uint32_t *)p->fds, fd, FDS_MAX);
}
extern struct process procs[PROC_MAX];
extern l4_threadid_t server_id;
struct process *process_of_task(uint32_t task);
/* The thread of process g (a leader) whose program thread or signal
 * thread is id, else NULL; *signal_thread says which. */
struct process *process_thread_of(struct process *g, l4_threadid_t id, bool *signal_thread);
/* The next thread of p's process after t (NULL: the first), leader first. */
struct process *process_next_thread(struct process *p, struct process *t);
/* Copies p's pgid, sid, working directory, umask and limits to the other
 * threads of its process (after a call changed one). */
void process_sync(struct process *p);
/* clone of a thread (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND): its tid or
 * -errno; the answer tells the caller to start it (LINUX_REPLY_THREAD). */
int32_t process_clone_thread(struct process *p, uint32_t flags, uint32_t stack, uint32_t ptid,
			     uint32_t tls, uint32_t ctid);
/* exit(2): the calling thread ends; the process with its last thread. */
void process_thread_exit(struct process *p, int32_t status);
struct process *process_spawn(const char *path, char *const argv[], char *const envp[],
			      int *error);
/* The whole process of p ends (exit_group, a fatal signal), its threads
 * with it; status: wait(2) encoding. */
void process_exit(struct process *p, int32_t status);
int process_exec(struct process *p, const char *path, char *const argv[], char *const envp[]);
/* exec.c: loads path into p with a fresh address space and starts its task
 * anew (the old task, if any, is deleted); on an error p is as it was. */
int process_load(struct process *p, const char *path, char *const argv[], char *const envp[]);
/* A vfork child's memory, mm, was its parent's: the parent has it back and
 * goes on. False if no parent waits for it. */
bool process_vfork_done(struct process *c, struct mm *mm);
/* The words a process's call left on its stack, from call_block - 4 up:
 * the registers sysinfo saved, and through int $0x80 also the trampoline's
 * return and the kernel's exception frame. The thread resumes above them. */
#define CALL_FRAME_WORDS	6
#define INT80_FRAME_WORDS	(6 + 1 + 6)
uint32_t call_frame_size(const struct process *p);	/* in bytes */
/* A copy of parent whose thread starts in LINUX_EMUL_FORK_CHILD on the
 * parent's stack, or on stack (clone's new stack) when it is not 0: the
 * child's pid, or -errno. With LX_CLONE_VFORK the child's memory becomes
 * the parent's again when it execs or exits (process_vfork_done). */
int32_t process_fork(struct process *parent, uint32_t stack, uint32_t flags, uint32_t ptid,
		     uint32_t ctid);
struct process *process_by_pid(int32_t pid);
/* Whether no process of group pgrp has a parent in another group of its
 * session (POSIX's orphaned process group: nobody to continue it). */
bool process_group_orphaned(int32_t pgrp);
/* The session of process group pgrp (0: init's); -1 if no live process is
 * in it. */
int32_t process_group_session(int32_t pgrp);
int32_t process_count_started(void);	/* since boot (/proc/stat's processes) */
void process_reap(struct process *p);	/* a zombie its parent has waited for */

/* ---- signals (signal.c) ---------------------------------------------------------- */
#define LX_SIGHUP	1
#define LX_SIGINT	2
#define LX_SIGILL	4
#define LX_SIGTRAP	5
#define LX_SIGBUS	7
#define LX_SIGFPE	8
#define LX_SIGKILL	9
#define LX_SIGSEGV	11
#define LX_SIGPIPE	13
#define LX_SIGALRM	14
#define LX_SIGCONT	18
#define LX_SIGTSTP	20
#define LX_SIGTTIN	21
#define LX_SIGTTOU	22
#define LX_SIGXFSZ	25
#define LX_SIGCHLD	17
#define LX_SIGSTOP	19
#define LX_SI_USER	0
#define LX_SI_KERNEL	0x80
/* SIGCHLD's and waitid's si_code */
#define LX_CLD_EXITED	1
#define LX_CLD_KILLED	2
#define LX_CLD_DUMPED	3
#define LX_CLD_STOPPED	5
#define LX_CLD_CONTINUED 6

/* How an exit status (wait4's word) reads in siginfo: si_code CLD_EXITED,
 * CLD_KILLED or CLD_DUMPED, and si_status the exit code or the signal. */
static inline int32_t exit_si_code(int32_t status)
{
	return !(status & 0x7f) ? LX_CLD_EXITED : status & 0x80 ? LX_CLD_DUMPED : LX_CLD_KILLED;
}

static inline int32_t exit_si_status(int32_t status)
{
	return status & 0x7f ? status & 0x7f : (status >> 8) & 0xff;
}
/* Sends sig: ignored, queued for its handler (a call of t waiting in the
 * server ends with EINTR to let it run), or its default action. */
void signal_send(struct process *t, uint32_t sig, int32_t code, uint32_t a, uint32_t b,
		 uint32_t c);
/* Whether a queued signal is not blocked: the answer of a call says so. */
static inline bool signal_ready(const struct process *p)
{
	return (p->sigpending[0] & ~p->sigmask[0]) | (p->sigpending[1] & ~p->sigmask[1]);
}
/* LINUX_REQ_SIGNAL: the next signal for the emulation library, written to
 * user; its number, 0 if none, or SYSCALL_NO_REPLY if p ended. */
int32_t signal_take(struct process *p, uint32_t user);
/* alarm(2): the earliest deadline (~0: none), and the main loop's check. */
extern uint64_t signal_next_alarm;
extern bool signal_alarms_armed;
void signal_alarms_changed(void);
void signal_alarms_fire(uint64_t now);
/* Whether call nr, ended by the next signal to deliver, starts again after
 * its handler (SA_RESTART, for the calls Linux restarts). */
bool signal_restarts(struct process *p, uint32_t nr);
/* Stop and continue. A stopped process gets no answer: the one it is due
 * waits (HOLD_REPLY, or HOLD_SIGNAL for its LINUX_REQ_SIGNAL) until
 * SIGCONT sends it. */
enum { WAIT_NONE, WAIT_STOPPED, WAIT_CONTINUED };
enum { HOLD_NONE, HOLD_REPLY, HOLD_SIGNAL, HOLD_RESTART };
#define SYSCALL_HOLD ((int32_t)0xffffe001)	/* signal_take: it stopped (as SYSCALL_NO_REPLY) */
/* true: w is held for SIGCONT (p is stopped), not to be sent now */
bool signal_hold(struct process *p, const struct l4_words *w, uint8_t kind);
/* rt_sigsuspend's, ppoll's and pselect's mask (user, size bytes; none if
 * user is 0): lent until the call ends with no signal to deliver, or the
 * handler's frame keeps the caller's for its sigreturn. 0 or -errno. */
int32_t signal_lend_mask(struct process *p, uint32_t user, uint32_t size);
/* t's signal thread (lthread 2n + 1, started by the emulation library). */
static inline l4_threadid_t signal_thread_of(const struct process *t)
{
	return l4_make_id(t->task, t->lthread + 1, l4_version_of(t->thread));
}
/* t's next request has come: its signal thread need look no more. */
void signal_due_clear(struct process *t);
/* A signal for t's thread alone (tkill, a fault, SIGPIPE): stops and
 * continues are the whole process's even so. signal_send is for the
 * process: a thread that does not block the signal takes it. */
void signal_send_thread(struct process *t, uint32_t sig, int32_t code, uint32_t a, uint32_t b,
			uint32_t c);
/* Makes t's signal thread stop its lthread 0 for a signal (it runs). */
void signal_thread_wake(struct process *t);
/* The process whose request the main loop is serving now (its answer will
 * say "signal" if one is due), else NULL. */
extern struct process *serving;
/* A fault the trampoline reported: true if a handler will see it. */
bool signal_fault(struct process *p, uint32_t vector, uint32_t error, uint32_t addr,
		  uint32_t eip);
/* A coroutine's call of p has ended (reply_later). */
void process_call_done(struct process *p);
void process_kill_fault(struct process *p, const char *what, uint32_t addr, uint32_t eip);

void mm_init(struct mm *mm);
void mm_free(struct mm *mm);
/* child gets parent's areas and pages, shared copy-on-write. */
int mm_copy(struct mm *child, struct mm *parent);
/* to takes from's areas and pages over, and from is left empty; to's own
 * pages that from does not have are unmapped wherever they are mapped. */
void mm_give(struct mm *to, struct mm *from);
int vma_add(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, struct inode *file,
	    uint32_t offset, uint32_t file_end);
int vma_remove(struct process *p, uint32_t start, uint32_t end);
int vma_protect(struct process *p, uint32_t start, uint32_t end, uint32_t prot);
/* The pages of [start, end) go: the next touch finds them anew (zeros, or
 * the file's), as after madvise(MADV_DONTNEED). -ENOMEM if not all mapped. */
int vma_discard(struct process *p, uint32_t start, uint32_t end);
struct vma *vma_find(struct mm *mm, uint32_t addr);
uint32_t vma_free_range(struct mm *mm, uint32_t size);
/* The page behind a user address, made present if a VMA covers it (write:
 * the VMA must be writable). NULL: -EFAULT. */
uint8_t *user_page(struct process *p, uint32_t va, bool write);
/* A page fault of p: fills the map item (words) and returns true, or false
 * if the address is not p's to touch. */
bool vm_fault(struct process *p, uint32_t addr, bool write, struct l4_words *w);
int copy_from_user(struct process *p, void *dst, uint32_t src, uint32_t n);
int copy_to_user(struct process *p, uint32_t dst, const void *src, uint32_t n);
/* A NUL-terminated string of at most max bytes (with the NUL): its length,
 * or -EFAULT / -ENAMETOOLONG. */
int strncpy_from_user(struct process *p, char *dst, uint32_t src, uint32_t max);
extern const uint8_t emul_image[], emul_image_end[];

struct elf_image {
	uint32_t entry, phdr, phnum, brk;
};
int elf_load(struct process *p, struct inode *file, struct elf_image *img);

/* ---- paths and descriptors of system calls (sys_fs.c) ---------------------- */
/* The user's path in a fresh page (page_free it), or -errno. */
int get_path(struct process *p, uint32_t user, char **out);
/* A *at call's path (a fresh page) and the directory a relative one starts
 * from (NULL: the working directory). */
int user_path_at(struct process *p, int32_t dirfd, uint32_t upath, char **path,
		 struct inode **dir);
/* The inode a *at call names; the directory and last name of one. */
int inode_at(struct process *p, int32_t dirfd, uint32_t upath, bool follow, struct inode **out);
int parent_at(struct process *p, int32_t dirfd, uint32_t upath, struct inode **parent, char *name);
/* fd open for writing, or NULL. */
struct file *writable_file(struct process *p, uint32_t fd);

/* ---- system calls (syscall.c and sys_*.c) -------------------------------------------- */
/* set_thread_area's (and clone's CLONE_SETTLS) struct user_desc at user,
 * checked: the slot it names or chooses (written back), its descriptor. */
int32_t tls_from_user(struct process *p, uint32_t user, uint32_t *slot, struct tls_desc *d);
/* Wakes up to n threads of p's process waiting in futex(FUTEX_WAIT) at
 * uaddr: how many. */
int32_t futex_wake(struct process *p, uint32_t uaddr, uint32_t n, uint32_t bitset);
/* A thread's exit: the robust mutexes it holds are marked "owner died". */
void futex_exit_robust(struct process *p);
typedef int32_t (*syscall_fn)(struct process *p, const uint32_t *a);
struct syscall {
	syscall_fn fn;
	uint8_t args;			/* how many arguments the call reads */
	bool blocks;			/* may wait: runs as a coroutine */
};
extern const struct syscall syscalls[LX_SYS_MAX];
/* Handles one request of p; true: reply with w. */
bool syscall_request(struct process *p, struct l4_words *w);
/* The end of a call's answer w (flags, SIGPIPE); false if p ended. */
bool syscall_answer(struct process *p, struct l4_words *w);
void reply_later(struct process *p, int32_t result);	/* for a finished coroutine */
void power_off(void) __attribute__((noreturn));
void end_run(int32_t status) __attribute__((noreturn));

#define SYSCALL(name) int32_t sys_##name(struct process *p, const uint32_t *a)
/* A handler's result when the caller gets no answer (its task is gone).
 * No call's result can be it: it is no errno (-4095..-1), no user address
 * (those end at 3 GB; 0x80000000 is one) and no count or time. */
#define SYSCALL_NO_REPLY ((int32_t)0xffffe000)
#define HEAP_STRING_MAX	2048		/* longer strings take a page */
