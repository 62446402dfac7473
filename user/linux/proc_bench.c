/* proc_bench: the costs of the Linux process model, in guest instructions,
 * of one static i386 Linux program that runs as init on Tessera's Linux
 * personality and on Debian's i386 kernel in the same QEMU (tools/bench.sh,
 * tools/bench-native.sh). Under QEMU -icount shift=0,sleep=off rdtsc counts
 * guest instructions, every process's and the kernel's, so the difference of
 * two rdtsc around an operation is everything the machine did for it: the
 * child of a fork, the other end of a pipe, the kernel and the servers.
 *
 * Each figure is the minimum over its samples (instruction counts only grow
 * when a timer interrupt lands inside a sample) minus the cost of an empty
 * sample; the median is logged beside it as a check.
 *
 *   null_call       getppid() through glibc (lmbench's "null call")
 *   fork_exit       fork; the child _exits; the parent's waitpid returns
 *   fork_exec       the same, the child first execs this program again
 *                   ("proc_bench exit", which returns from main at once)
 *   fork_exec_sh    the child execs busybox "sh -c exit"
 *   pipe_roundtrip  one byte to a child and one back, over two pipes
 *   pipe_roundtrip_int80  the same, every read and write by int $0x80 on
 *                   both sides (Tessera's trampoline path)
 *   pipe_64k        64 KB written to a pipe and read by a child, per 64 KB
 *                   (1 MB in 64 KB writes, read in 64 KB reads, then a
 *                   one-byte acknowledgement back)
 *   ctx_2, ctx_8    a one-byte token passed around a ring of 2 or 8
 *                   processes joined by pipes, per hop (a read, a write and
 *                   a switch; lmbench's lat_ctx without its pipe-cost
 *                   correction)
 *   file_reread     lseek to 0 and one 64 KB read of a 64 KB file in /tmp
 *                   (a ramfs on both systems), per 64 KB
 *   mmap_64k        mmap of 64 KB anonymous memory and its munmap, untouched
 *   anon_fault      the first write to a page of anonymous memory
 *   trap_segv       mprotect(PROT_NONE) of a page, a write to it, SIGSEGV,
 *                   a handler that mprotects it writable again, sigreturn
 *                   (the paper's "Trap" done the Linux way)
 *   appel1          mprotect(PROT_NONE) of APPEL_PAGES pages at once, then a
 *                   write to each: every write faults and the handler makes
 *                   its page writable; per page (Appel and Li's
 *                   "protN + trap + unprot")
 *   appel2          a write to the next page of a ring of APPEL_PAGES pages,
 *                   all protected but the last one written: the handler
 *                   makes the faulting page writable and protects the
 *                   previous one; per fault ("trap + prot1 + unprot")
 *
 * With names as arguments ("proc_bench fork_exit anon_fault"), only those
 * are measured; "proc_bench profile NAME" runs NAME's operation in an
 * endless loop for tools/bench-profile.sh (not anon_fault, whose region
 * ends). Output: "BENCH name value instructions" per figure, "BENCH
 * done", then reboot(RB_POWER_OFF). Any failed call ends the program with a
 * message and no "BENCH done", which tools/bench.sh reports.
 *
 * Run as init, the program measures in a child: Linux logs every SIGSEGV
 * of pid 1 (show_unhandled_signals treats init's signals as unhandled),
 * which would charge native Linux a printk per trap. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define CHUNK (64 * 1024)
#define CHUNKS 16

static const char *self;

static void die(const char *what)
{
	printf("proc_bench: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static inline uint32_t tsc(void)
{
	uint32_t lo;

	__asm__ volatile("rdtsc" : "=a"(lo) : : "edx", "memory");
	return lo;
}

static int compare(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Runs op() WARMUP + count times, each between two rdtsc; prints the
 * minimum of the last count minus the empty sample's. */
static uint32_t empty_cost;

static uint32_t sample(void (*op)(void))
{
	uint32_t start = tsc();

	op();
	return tsc() - start;
}

static void nothing(void) {}

/* The figures asked for on the command line, all when there are none. */
static char **only;

static bool wanted(const char *name)
{
	if (!only || !*only)
		return true;
	for (char **o = only; *o; o++)
		if (!strcmp(*o, name))
			return true;
	return false;
}

/* "profile NAME": measure() runs NAME's operation forever instead, after
 * profile_tick, whose address it prints (tools/bench-profile.sh counts the
 * operations by the executions of its first instruction). */
static bool profiling;

__attribute__((noinline)) static void profile_tick(void)
{
	__asm__ volatile("" : : : "memory");
}

static void profile(void (*op)(void))
{
	printf("PROFILE loop %#lx vdso 0\n", (unsigned long)(uintptr_t)profile_tick);
	fflush(stdout);
	for (;;) {
		profile_tick();
		op();
	}
}

static void measure(const char *name, void (*op)(void), int warmup, int count, uint32_t per)
{
	static uint32_t s[1000];
	uint32_t min;

	if (!wanted(name))
		return;
	if (profiling)
		profile(op);
	if (count > (int)(sizeof s / sizeof s[0]))
		count = sizeof s / sizeof s[0];
	for (int i = -warmup; i < count; i++) {
		uint32_t d = sample(op);
		if (i >= 0)
			s[i] = d;
	}
	qsort(s, count, sizeof s[0], compare);
	min = s[0] - empty_cost;
	printf("proc_bench: %s min %u median %u (%d samples, per %u)\n", name, s[0],
	       s[count / 2], count, per);
	printf("BENCH %s %u instructions\n", name, min / per);
	fflush(stdout);
}

static void wait_child(pid_t pid)
{
	int status;

	if (pid < 0)
		die("fork");
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("proc_bench: child status %#x\n", status);
		exit(1);
	}
}

static void null_call(void)
{
	getppid();
}

static void fork_exit(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	wait_child(pid);
}

static void fork_exec(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl(self, "proc_bench", "exit", (char *)NULL);
		_exit(127);
	}
	wait_child(pid);
}

static void fork_exec_sh(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exit", (char *)NULL);
		_exit(127);
	}
	wait_child(pid);
}

/* The pipe pair of the current child: to[1] and from[0] are the parent's. */
static int to[2], from[2];
static char buffer[CHUNK];

static void read_full(int fd, char *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r <= 0)
			_exit(2);
		p += r, n -= r;
	}
}

static void write_full(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r <= 0)
			_exit(3);
		p += r, n -= r;
	}
}

/* read(2) and write(2) by int $0x80, not through glibc's AT_SYSINFO entry.
 * The i386 numbers are fixed by the ABI. */
#define SYS_read 3
#define SYS_write 4

static long syscall3_int80(long number, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(number), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static void echo_int80(int in, int out)
{
	char c;

	while (syscall3_int80(SYS_read, in, (long)&c, 1) == 1)
		if (syscall3_int80(SYS_write, out, (long)&c, 1) != 1)
			_exit(3);
}

/* The child's side: echo bytes (mode 'e'; 'i' by int $0x80) or swallow
 * CHUNKS chunks and acknowledge them (mode 's') until the pipe is closed. */
static pid_t start_child(char mode)
{
	pid_t pid;

	if (pipe(to) || pipe(from))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char c;
		close(to[1]), close(from[0]);
		if (mode == 'e') {
			while (read(to[0], &c, 1) == 1)
				write_full(from[1], &c, 1);
		} else if (mode == 'i') {
			echo_int80(to[0], from[1]);
		} else {
			for (;;) {
				for (int i = 0; i < CHUNKS; i++) {
					ssize_t r = read(to[0], buffer, 1);
					if (r == 0)
						_exit(0);
					read_full(to[0], buffer + 1, CHUNK - 1);
				}
				write_full(from[1], "k", 1);
			}
		}
		_exit(0);
	}
	close(to[0]), close(from[1]);
	return pid;
}

static void stop_child(pid_t pid)
{
	close(to[1]), close(from[0]);
	wait_child(pid);
}

static void pipe_roundtrip(void)
{
	char c = 'x';

	write_full(to[1], &c, 1);
	read_full(from[0], &c, 1);
}

static void pipe_roundtrip_int80(void)
{
	char c = 'x';

	if (syscall3_int80(SYS_write, to[1], (long)&c, 1) != 1 ||
	    syscall3_int80(SYS_read, from[0], (long)&c, 1) != 1)
		_exit(3);
}

static void pipe_64k(void)
{
	char c;

	for (int i = 0; i < CHUNKS; i++)
		write_full(to[1], buffer, CHUNK);
	read_full(from[0], &c, 1);
}

static void mmap_64k(void)
{
	void *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	if (munmap(p, CHUNK))
		die("munmap");
}

/* The token ring of ctx_N: member i (0 is this process) reads ring[i][0]
 * and writes ring[(i + 1) % n][1]. Each member keeps only its two ends, so
 * closing the parent's write end ends the ring member by member. */
#define RING_MAX 8
static int ring[RING_MAX][2];
static int ring_size;

static void ring_member(int i)
{
	char c;

	for (int j = 0; j < ring_size; j++) {
		if (j != i)
			close(ring[j][0]);
		if (j != (i + 1) % ring_size)
			close(ring[j][1]);
	}
	while (read(ring[i][0], &c, 1) == 1)
		write_full(ring[(i + 1) % ring_size][1], &c, 1);
	_exit(0);
}

static void ring_start(int n, pid_t *pids)
{
	ring_size = n;
	for (int i = 0; i < n; i++)
		if (pipe(ring[i]))
			die("pipe");
	for (int i = 1; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0)
			ring_member(i);
	}
	for (int j = 0; j < n; j++) {
		if (j != 0)
			close(ring[j][0]);
		if (j != 1)
			close(ring[j][1]);
	}
}

static void ring_stop(pid_t *pids)
{
	close(ring[0][0]), close(ring[1][1]);
	for (int i = 1; i < ring_size; i++)
		wait_child(pids[i]);
}

static void ring_pass(void)
{
	char c = 't';

	write_full(ring[1][1], &c, 1);
	read_full(ring[0][0], &c, 1);
}

static void ctx(const char *name, int n)
{
	pid_t pids[RING_MAX];

	if (!wanted(name))
		return;
	ring_start(n, pids);
	measure(name, ring_pass, 20, 200, n);
	ring_stop(pids);
}

/* file_reread's file, written once. */
static int reread_fd;

static void file_reread(void)
{
	if (lseek(reread_fd, 0, SEEK_SET) != 0)
		die("lseek");
	read_full(reread_fd, buffer, CHUNK);
}

static void reread_setup(void)
{
	reread_fd = open("/tmp/proc_bench.reread", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (reread_fd < 0)
		die("open /tmp/proc_bench.reread");
	memset(buffer, 'r', CHUNK);
	write_full(reread_fd, buffer, CHUNK);
}

/* anon_fault touches the pages of one region in turn. */
#define FAULT_PAGES 240
static volatile char *region;
static int next_page;

static void anon_fault(void)
{
	region[next_page++ * PAGE] = 1;
}

static volatile char *trap_page;

static void segv_handler(int sig, siginfo_t *info, void *context)
{
	(void)sig, (void)context;
	if (info->si_addr != (void *)trap_page ||
	    mprotect((void *)trap_page, PAGE, PROT_READ | PROT_WRITE))
		_exit(4);
}

static void trap_segv(void)
{
	if (mprotect((void *)trap_page, PAGE, PROT_NONE))
		die("mprotect");
	*trap_page = 1;
}

/* The Appel pages; appel_last is the page appel2's handler made writable
 * last, appel_next the next page appel2 writes. */
#define APPEL_PAGES 100
static volatile char *appel_region;
static int appel_last, appel_next;
static bool appel_protect_previous;

static void appel_handler(int sig, siginfo_t *info, void *context)
{
	uintptr_t offset = (uintptr_t)info->si_addr - (uintptr_t)appel_region;
	int page = offset / PAGE;

	(void)sig, (void)context;
	if (offset >= APPEL_PAGES * PAGE ||
	    mprotect((void *)(appel_region + page * PAGE), PAGE, PROT_READ | PROT_WRITE))
		_exit(4);
	if (appel_protect_previous) {
		if (mprotect((void *)(appel_region + appel_last * PAGE), PAGE, PROT_NONE))
			_exit(4);
		appel_last = page;
	}
}

static void appel1(void)
{
	if (mprotect((void *)appel_region, APPEL_PAGES * PAGE, PROT_NONE))
		die("mprotect");
	for (int i = 0; i < APPEL_PAGES; i++)
		appel_region[i * PAGE] = 1;
}

static void appel2(void)
{
	appel_region[appel_next * PAGE] = 1;
	appel_next = (appel_next + 1) % APPEL_PAGES;
}

static void on_segv(void (*handler)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSEGV, &sa, NULL))
		die("sigaction");
}

/* appel2 starts with every page protected but the last, so its first
 * write (page 0) faults and protects the last. */
static void appel_setup(void)
{
	appel_region = mmap(NULL, APPEL_PAGES * PAGE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (appel_region == MAP_FAILED)
		die("mmap");
	for (int i = 0; i < APPEL_PAGES; i++)
		appel_region[i * PAGE] = 0;
	on_segv(appel_handler);
	appel_protect_previous = false;
	measure("appel1", appel1, 2, 20, APPEL_PAGES);
	if (mprotect((void *)appel_region, (APPEL_PAGES - 1) * PAGE, PROT_NONE))
		die("mprotect");
	appel_last = APPEL_PAGES - 1;
	appel_next = 0;
	appel_protect_previous = true;
	measure("appel2", appel2, 20, 200, 1);
}

static void measure_all(void)
{
	pid_t child;

	measure("null_call", null_call, 100, 1000, 1);
	measure("fork_exit", fork_exit, 5, 50, 1);
	measure("fork_exec", fork_exec, 3, 30, 1);
	measure("fork_exec_sh", fork_exec_sh, 3, 20, 1);

	if (wanted("pipe_roundtrip")) {
		child = start_child('e');
		measure("pipe_roundtrip", pipe_roundtrip, 20, 200, 1);
		stop_child(child);
	}
	if (wanted("pipe_roundtrip_int80")) {
		child = start_child('i');
		measure("pipe_roundtrip_int80", pipe_roundtrip_int80, 20, 200, 1);
		stop_child(child);
	}
	if (wanted("pipe_64k")) {
		child = start_child('s');
		measure("pipe_64k", pipe_64k, 2, 10, CHUNKS);
		stop_child(child);
	}
	ctx("ctx_2", 2);
	ctx("ctx_8", 8);

	if (wanted("file_reread")) {
		reread_setup();
		measure("file_reread", file_reread, 5, 50, 1);
		close(reread_fd);
		unlink("/tmp/proc_bench.reread");
	}

	measure("mmap_64k", mmap_64k, 20, 200, 1);

	region = mmap(NULL, FAULT_PAGES * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		die("mmap");
	measure("anon_fault", anon_fault, 40, FAULT_PAGES - 40, 1);

	trap_page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (trap_page == MAP_FAILED)
		die("mmap");
	*trap_page = 0;
	on_segv(segv_handler);
	measure("trap_segv", trap_segv, 20, 200, 1);

	if (wanted("appel1") || wanted("appel2"))
		appel_setup();
}

int main(int argc, char **argv)
{
	pid_t child;
	int status;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	self = argv[0];
	only = argv + 1;
	if (argc > 2 && !strcmp(argv[1], "profile")) {
		profiling = true;
		only = argv + 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < 1000; i++)
		sample(nothing);
	empty_cost = sample(nothing);

	child = getpid() == 1 ? fork() : -1;
	if (child == 0) {
		measure_all();
		_exit(0);
	}
	if (child < 0 && getpid() == 1)
		die("fork");
	if (child < 0)
		measure_all();
	else if (waitpid(child, &status, 0) != child || status != 0) {
		printf("proc_bench: the measuring child ended with status %#x\n", status);
		fflush(stdout);
		reboot(RB_POWER_OFF);
		return 1;
	}
	printf("BENCH done\n");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	perror("proc_bench: reboot(RB_POWER_OFF)");
	return 1;
}
