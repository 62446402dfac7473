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
 *   fork_exit       fork; the child _exits; the parent's waitpid returns
 *   fork_exec       the same, the child first execs this program again
 *                   ("proc_bench exit", which returns from main at once)
 *   fork_exec_sh    the child execs busybox "sh -c exit"
 *   pipe_roundtrip  one byte to a child and one back, over two pipes
 *   pipe_64k        64 KB written to a pipe and read by a child, per 64 KB
 *                   (1 MB in 64 KB writes, read in 64 KB reads, then a
 *                   one-byte acknowledgement back)
 *   mmap_64k        mmap of 64 KB anonymous memory and its munmap, untouched
 *   anon_fault      the first write to a page of anonymous memory
 *   trap_segv       mprotect(PROT_NONE) of a page, a write to it, SIGSEGV,
 *                   a handler that mprotects it writable again, sigreturn
 *
 * With names as arguments ("proc_bench fork_exit anon_fault"), only those
 * are measured. Output: "BENCH name value instructions" per figure, "BENCH done", then
 * reboot(RB_POWER_OFF). Any failed call ends the program with a message and
 * no "BENCH done", which tools/bench.sh reports. */
#include <errno.h>
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

static void measure(const char *name, void (*op)(void), int warmup, int count, uint32_t per)
{
	static uint32_t s[200];
	uint32_t min;

	if (!wanted(name))
		return;
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

/* The child's side: echo bytes (mode 'e') or swallow CHUNKS chunks and
 * acknowledge them (mode 's') until the pipe is closed. */
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

int main(int argc, char **argv)
{
	struct sigaction sa;
	pid_t child;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	self = argv[0];
	only = argv + 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < 1000; i++)
		sample(nothing);
	empty_cost = sample(nothing);

	measure("fork_exit", fork_exit, 5, 50, 1);
	measure("fork_exec", fork_exec, 3, 30, 1);
	measure("fork_exec_sh", fork_exec_sh, 3, 20, 1);

	if (wanted("pipe_roundtrip")) {
		child = start_child('e');
		measure("pipe_roundtrip", pipe_roundtrip, 20, 200, 1);
		stop_child(child);
	}
	if (wanted("pipe_64k")) {
		child = start_child('s');
		measure("pipe_64k", pipe_64k, 2, 10, CHUNKS);
		stop_child(child);
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
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = segv_handler;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSEGV, &sa, NULL))
		die("sigaction");
	measure("trap_segv", trap_segv, 20, 200, 1);

	printf("BENCH done\n");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	perror("proc_bench: reboot(RB_POWER_OFF)");
	return 1;
}
