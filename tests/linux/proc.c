/*
 * proc: processes on the Linux server: fork with copy-on-write memory,
 * wait4 and exit statuses, execve, pipes between processes, dup2. Run with
 * the arguments "echo ..." it is the echo that exec_and_dup2 executes.
 */
#define _GNU_SOURCE			/* ppoll */
#include "ktap.h"
#include "sys.h"
#include "x87_stack.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_value = 1234;
static unsigned char big[64 * 1024];

static void fork_and_wait_status(void)
{
	int status = 0;
	pid_t parent = getpid(), child = fork();

	if (child == 0) {
		shared_value = 99;			/* the parent's stays */
		_exit(getppid() == parent ? 7 : 8);
	}
	CHECK(child > 0, "fork: %d", child);
	CHECK_EQ("wait4 returns the child", wait4(child, &status, 0, NULL), child);
	CHECK(WIFEXITED(status), "status %#x: not an exit", status);
	CHECK_EQ("exit status (7: getppid was the parent)", WEXITSTATUS(status), 7);
	CHECK_EQ("the parent's copy", shared_value, 1234);
	CHECK_EQ("no children left", wait4(-1, &status, WNOHANG, NULL), -1);
	CHECK_EQ("errno", errno, ECHILD);
}

static void copy_on_write_both_ways(void)
{
	int status;
	pid_t child;

	for (unsigned i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)i;
	child = fork();
	if (child == 0) {
		for (unsigned i = 0; i < sizeof big; i++)
			if (big[i] != (unsigned char)i)
				_exit(1);
		memset(big, 0xee, sizeof big);
		_exit(big[100] == 0xee ? 0 : 2);
	}
	memset(big + 4096, 0x11, 4096);		/* the parent writes too */
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("child saw the copy and wrote its own", WEXITSTATUS(status), 0);
	CHECK_EQ("parent page untouched by the child", big[100], 100);
	CHECK_EQ("parent's own write", big[4096 + 5], 0x11);
}

/* vfork: the child works in the parent's memory until it execs or exits,
 * so an error it stores is the parent's to see (busybox's spawn does this). */
static void vfork_shares_memory(void)
{
	volatile int failed = 0;
	char *argv[] = { "nonexistent", NULL };
	int status;
	pid_t child = vfork();

	if (child == 0) {
		execv("/nonexistent/program", argv);
		failed = errno;
		_exit(111);
	}
	CHECK(child > 0, "vfork: %d", child);
	CHECK_EQ("the child's store is the parent's", failed, ENOENT);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("exit status", WEXITSTATUS(status), 111);
}

/* posix_spawn: glibc's clones with CLONE_VM | CLONE_VFORK onto a stack of
 * its own and reads the exec's error from memory the two share. */
static void posix_spawn_errors_and_runs(void)
{
	char *bad[] = { "nonexistent", NULL }, *good[] = { PROG_PATH, "echo", NULL };
	char *env[] = { NULL };
	int status;
	pid_t pid;

	CHECK_EQ("a missing program", posix_spawn(&pid, "/nonexistent/program", NULL, NULL, bad, env),
		 ENOENT);
	CHECK_EQ("this program", posix_spawn(&pid, PROG_PATH, NULL, NULL, good, env), 0);
	CHECK_EQ("wait", waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

/* poll and select wait for any of their descriptors: data a child writes
 * into the first of two pipes ends the wait long before its timeout. */
static void poll_select_two_pipes(void)
{
	int a[2], b[2], status, closed;
	struct pollfd fds[2];
	struct timeval tv = { 5, 0 };
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	fd_set readable, writable;
	pid_t child;

	CHECK_EQ("pipes", pipe(a) | pipe(b), 0);
	child = fork();
	if (child == 0) {
		usleep(50 * 1000);
		_exit(write(a[1], "x", 1) == 1 ? 0 : 1);
	}
	fds[0] = (struct pollfd){ b[0], POLLIN, 0 };
	fds[1] = (struct pollfd){ a[0], POLLIN, 0 };
	CHECK_EQ("poll: one ready", poll(fds, 2, 5000), 1);
	CHECK_EQ("the first pipe's", fds[1].revents, POLLIN);
	CHECK_EQ("not the second's", fds[0].revents, 0);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);

	FD_ZERO(&readable);
	FD_SET(a[0], &readable);
	FD_SET(b[0], &readable);
	FD_ZERO(&writable);
	FD_SET(b[1], &writable);
	CHECK_EQ("select: readable and writable", select(b[1] + 1, &readable, &writable, NULL, &tv), 2);
	CHECK(FD_ISSET(a[0], &readable) && !FD_ISSET(b[0], &readable), "readable set wrong");
	CHECK(FD_ISSET(b[1], &writable), "writable set wrong");
	CHECK_EQ("drain", read(a[0], &status, 1), 1);

	FD_ZERO(&readable);
	FD_SET(a[0], &readable);
	tv = (struct timeval){ 0, 20 * 1000 };
	CHECK_EQ("select times out", select(a[0] + 1, &readable, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(a[0], &readable), "nothing set after a timeout");
	fds[0] = (struct pollfd){ a[0], POLLIN, 0 };
	CHECK_EQ("ppoll times out", ppoll(fds, 1, &ts, NULL), 0);
	/* (a low number: Linux checks only the descriptors its table has room
	 * for, 32 at first, and ignores higher ones) */
	closed = dup(0);
	CHECK(closed > 2 && closed < 32 && close(closed) == 0, "a closed descriptor: %d", closed);
	FD_SET(closed, &readable);
	CHECK_EQ("select of a closed descriptor", select(closed + 1, &readable, NULL, NULL, &tv), -1);
	CHECK_EQ("errno", errno, EBADF);
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
}

static volatile int usr1_seen;

static void on_usr1(int sig)
{
	usr1_seen = sig;
}

/* pselect's mask holds only while it waits: a pending SIGUSR1 the caller
 * blocks ends it with EINTR and is handled, and the mask is back after. */
static void pselect_lends_its_mask(void)
{
	sigset_t block, empty, now;
	struct timespec ts = { 5, 0 };
	int fds[2];
	fd_set readable;

	CHECK_EQ("pipe", pipe(fds), 0);
	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_EQ("block", sigprocmask(SIG_BLOCK, &block, NULL), 0);
	CHECK_EQ("raise", kill(getpid(), SIGUSR1), 0);
	CHECK_EQ("still pending", usr1_seen, 0);
	FD_ZERO(&readable);
	FD_SET(fds[0], &readable);
	CHECK_EQ("pselect", pselect(fds[0] + 1, &readable, NULL, NULL, &ts, &empty), -1);
	CHECK_EQ("errno", errno, EINTR);
	CHECK_EQ("handled", usr1_seen, SIGUSR1);
	CHECK_EQ("mask", sigprocmask(SIG_SETMASK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1), "SIGUSR1 is blocked again");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGUSR1, SIG_DFL);
	close(fds[0]), close(fds[1]);
}

/* Field 10 of /proc/self/stat: the page faults the server answered. */
static long minflt(void)
{
	char buf[512], *s;
	int fd = open("/proc/self/stat", O_RDONLY), n, field = 1;

	if (fd < 0)
		return -1;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	s = strrchr(buf, ')');		/* field 2 may hold spaces */
	for (field = 2; s && *s && field < 10; s++)
		if (*s == ' ')
			field++;
	return s ? strtol(s, NULL, 10) : -1;
}

/* After fork the pages are shared until written: the child's reads fault
 * at most once a page (its space starts empty; nothing is copied), its
 * first write to each page faults once more (the copy), a second write to
 * it not at all; and the parent's data stays its own. */
static void cow_faults_counted(void)
{
	enum { PAGES = 32 };
	static char area[PAGES * 4096] __attribute__((aligned(4096)));
	int status;
	pid_t child;

	memset(area, 7, sizeof(area));
	child = fork();
	if (child == 0) {
		long before = minflt(), after_read, after_write, after_again;
		unsigned sum = 0;

		for (int i = 0; i < PAGES; i++)
			sum += (unsigned char)area[i * 4096];
		after_read = minflt();
		for (int i = 0; i < PAGES; i++)
			area[i * 4096] = 9;
		after_write = minflt();
		for (int i = 0; i < PAGES; i++)
			area[i * 4096 + 1] = 9;
		after_again = minflt();
		if (before < 0 || sum != 7u * PAGES)
			_exit(1);
		if (after_read - before > PAGES + 8)	/* (the stack and the code, too) */
			_exit(2);
		if (after_write - after_read < PAGES || after_write - after_read > PAGES + 8)
			_exit(3);
		_exit(after_again - after_write > 8 ? 4 : 0);
	}
	CHECK(child > 0, "fork: %d", child);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status), "status %#x", status);
	CHECK_EQ("faults (1 sum, 2 reads, 3 first writes, 4 second writes)", WEXITSTATUS(status), 0);
	CHECK_EQ("the parent's pages", area[5 * 4096], 7);
}

static void wnohang_while_running(void)
{
	int fds[2], status;
	char c;
	pid_t child;

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 5 : 6);	/* EOF when the parent closes */
	}
	close(fds[0]);
	CHECK_EQ("WNOHANG while it runs", waitpid(child, &status, WNOHANG), 0);
	close(fds[1]);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("the child read EOF", WEXITSTATUS(status), 5);
}

/* A pipe holds 64 KB, as on Linux; a write of at most PIPE_BUF bytes goes
 * whole or not at all; FIONREAD counts what is buffered. */
static void pipe_holds_64k(void)
{
	static unsigned char big[65536], back[65536];
	int fds[2], queued = -1;
	long n;

	for (unsigned i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 7 + i / 4096);
	CHECK_EQ("pipe", pipe(fds), 0);
	CHECK_EQ("non-blocking writer", fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ("64 KB less 100 go in", write(fds[1], big, sizeof big - 100), (long)sizeof big - 100);
	CHECK_EQ("200 bytes do not fit: none go", (int)write(fds[1], big, 200), -1);
	CHECK_EQ("EAGAIN", errno, EAGAIN);
	CHECK_EQ("50 fit", write(fds[1], big + sizeof big - 100, 50), 50);
	CHECK_EQ("the last 50", write(fds[1], big + sizeof big - 50, 50), 50);
	CHECK_EQ("full", (int)write(fds[1], "x", 1), -1);
	CHECK_EQ("FIONREAD", ioctl(fds[0], FIONREAD, &queued), 0);
	CHECK_EQ("64 KB queued", queued, 65536);
	n = 0;
	while (n < (long)sizeof back) {
		long k = read(fds[0], back + n, sizeof back - n);

		if (k <= 0)
			break;
		n += k;
	}
	CHECK_EQ("all read back", n, (long)sizeof back);
	CHECK_EQ("in order", memcmp(big, back, sizeof big), 0);
	CHECK_EQ("FIONREAD when empty", ioctl(fds[0], FIONREAD, &queued) | queued, 0);
	close(fds[0]);
	close(fds[1]);
}

/* /proc/self/maps lists the areas as Linux writes them: the program's
 * file, an anonymous mapping at its address (one area after a page of it
 * was protected and unprotected), [heap], [stack], [vdso]. */
static void maps_lists_the_areas(void)
{
	static char text[4096];
	char want[64], *line;
	unsigned char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0);
	int fd, n = 0, k;
	unsigned long brk0 = (unsigned long)syscall(SYS_brk, 0);

	CHECK(m != MAP_FAILED, "mmap");
	CHECK(syscall(SYS_brk, brk0 + 8192) == (long)(brk0 + 8192), "brk");
	/* a page protected and given back: one area again, as Linux merges */
	CHECK_EQ("mprotect none", mprotect(m + 4096, 4096, PROT_NONE), 0);
	CHECK_EQ("mprotect back", mprotect(m + 4096, 4096, PROT_READ | PROT_WRITE), 0);
	fd = open("/proc/self/maps", O_RDONLY);
	CHECK(fd >= 0, "open /proc/self/maps");
	while ((k = read(fd, text + n, sizeof text - 1 - n)) > 0)
		n += k;
	close(fd);
	text[n] = '\0';
	snprintf(want, sizeof want, "%08lx-%08lx rw-p 00000000 00:00 0 \n", (unsigned long)m,
		 (unsigned long)m + 3 * 4096);
	CHECK(strstr(text, want) != NULL, "the anonymous mapping's line: %s", want);
	line = strstr(text, " r-xp ");
	CHECK(line && strstr(line, PROG_PATH), "the program's text with its path");
	CHECK(strstr(text, "[heap]\n") != NULL, "[heap]");
	line = strstr(text, "[stack]\n");
	/* (the name at column 50: Linux pads the fields to 48 characters, then a space) */
	CHECK(line && line > text + 49 && !memcmp(line - 49 + 18, "rw-p", 4) && line[-50] == '\n',
	      "[stack], rw-p, at column 50");
	CHECK(strstr(text, "r-xp 00000000 00:00 0") && strstr(text, "[vdso]\n"), "[vdso]");
	munmap(m, 3 * 4096);
}

static void pipe_carries_data(void)
{
	int fds[2], status;
	pid_t child;
	long total = 0;
	char buf[1000];

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		close(fds[0]);
		memset(buf, 'x', sizeof buf);
		for (int i = 0; i < 100; i++)
			if (write(fds[1], buf, sizeof buf) != (long)sizeof buf)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		long n = read(fds[0], buf, sizeof buf);

		if (n <= 0)
			break;
		for (long i = 0; i < n; i++)
			CHECK_EQ("byte", buf[i], 'x');
		total += n;
	}
	close(fds[0]);
	CHECK_EQ("bytes through the pipe", total, 100000);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("writer's status", WEXITSTATUS(status), 0);
	CHECK_EQ("write without readers", (int)write(fds[1], "x", 1), -1);
}

/* Runs path with argv in a child whose standard output is a pipe; gives
 * the child's wait status and what it wrote (NUL-terminated) in out. A
 * child whose execve fails exits with EXEC_FAILED + errno. */
#define EXEC_FAILED	200

static void run_for_output(const char *path, char *const argv[], char *out, long size,
			   int *status)
{
	int fds[2];
	long n = 0;
	pid_t child;

	*status = -1;
	out[0] = '\0';

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		char *envp[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, envp);
		_exit(EXEC_FAILED + errno);
	}
	close(fds[1]);
	for (long got = 0; (got = read(fds[0], out + n, size - 1 - n)) > 0;)
		n += got;		/* until EOF: the echo writes word by word */
	out[n] = '\0';
	close(fds[0]);
	CHECK_EQ("wait", waitpid(child, status, 0), child);
}

static void exec_and_dup2(void)
{
	char *argv[] = { PROG_PATH, "echo", "from", "exec", NULL };
	char out[64];
	int status;

	run_for_output(PROG_PATH, argv, out, sizeof out, &status);	/* this program again, as an echo */
	CHECK_EQ("the echo's status", WEXITSTATUS(status), 0);
	CHECK_STR("output", out, "from exec\n");
	argv[0] = "/nonexistent";
	run_for_output("/nonexistent", argv, out, sizeof out, &status);
	CHECK_EQ("execve of nothing: ENOENT, the caller goes on", WEXITSTATUS(status),
		 EXEC_FAILED + ENOENT);
}

static void write_script(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	CHECK(fd >= 0, "creat %s: errno %d", path, errno);
	CHECK_EQ("write the script", (int)write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
}

/* "#!" whose interpreter is itself a script: each level puts its
 * interpreter, its argument and the script's path before the rest, as
 * Linux's binfmt_script does; five levels are too many (ELOOP). */
static void exec_script_chain(void)
{
	char *argv[] = { "outer", "a", "b", NULL };
	char out[128];
	int status;

	write_script("/tmp/show", "#!" PROG_PATH " echo\n");
	write_script("/tmp/outer", "#!/tmp/show  x  \n");
	run_for_output("/tmp/outer", argv, out, sizeof out, &status);
	CHECK_EQ("the echo's status", WEXITSTATUS(status), 0);
	CHECK_STR("argv the echo saw", out, "/tmp/show x /tmp/outer a b\n");
	write_script("/tmp/loop", "#!/tmp/loop\n");
	argv[0] = "loop";
	run_for_output("/tmp/loop", argv, out, sizeof out, &status);
	CHECK_EQ("a script that names itself: ELOOP", WEXITSTATUS(status), EXEC_FAILED + ELOOP);
	CHECK_EQ("unlink", unlink("/tmp/show") | unlink("/tmp/outer") | unlink("/tmp/loop"), 0);
}

/* ---- the x87 registers ---------------------------------------------------- */

/* Parent and child each keep eight values and a control word of their own
 * in the x87 registers while they hand a byte to and fro: every blocking
 * read runs the other. (The calls are raw int $0x80, so no library code
 * runs with the registers full.) */
static void x87_registers_are_per_process(void)
{
	enum { ROUNDS = 20 };
	int ping[2], pong[2], status = 0, kept = 0;
	char c = 'x';
	pid_t child;

	CHECK_EQ("pipes", pipe(ping) | pipe(pong), 0);
	child = fork();
	if (child == 0) {
		int bad = 0;

		x87_fill(0x007f, 100);		/* single precision */
		for (int i = 0; i < ROUNDS; i++) {
			if (sys80(NR_read, ping[0], (long)&c, 1) != 1)
				_exit(2);
			bad |= !x87_holds(0x007f, 100);
			x87_fill(0x007f, 100);
			if (sys80(NR_write, pong[1], (long)&c, 1) != 1)
				_exit(2);
		}
		_exit(bad);
	}
	x87_fill(0x0f7f, 1000);			/* rounding toward zero */
	for (int i = 0; i < ROUNDS; i++) {
		if (sys80(NR_write, ping[1], (long)&c, 1) != 1 ||
		    sys80(NR_read, pong[0], (long)&c, 1) != 1)
			break;
		kept += x87_holds(0x0f7f, 1000);
		x87_fill(0x0f7f, 1000);
	}
	__asm__ volatile("fninit");
	CHECK_EQ("rounds the parent's registers came back from", kept, ROUNDS);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's registers were not its own (status %#x)", status);
	close(ping[0]);
	close(ping[1]);
	close(pong[0]);
	close(pong[1]);
}

/* fork's child has a copy of its parent's FPU state, as on Linux: here a
 * control word (rounding toward zero, single precision) and the sticky
 * flag of an inexact division. */
static void fork_copies_the_fpu_state(void)
{
	uint16_t cw = 0x0c7f;
	int three = 3, status = -1;
	pid_t child;

	__asm__ volatile("fninit\n\tfldcw %0\n\tfld1\n\tfidivl %1\n\tfstp %%st(0)"
			 : : "m"(cw), "m"(three));
	child = fork();
	if (child == 0) {
		uint16_t seen_cw, sw;

		__asm__ volatile("fnstcw %0\n\tfnstsw %1" : "=m"(seen_cw), "=m"(sw));
		_exit((seen_cw == cw ? 0 : 1) | ((sw & 0x3f) == 0x20 ? 0 : 2));
	}
	__asm__ volatile("fninit");
	CHECK(child > 0, "fork: %d", child);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status), "status %#x", status);
	CHECK_EQ("the child's control word (1) and sticky flags (2) wrong", WEXITSTATUS(status), 0);
}

/* The first line of /proc/<pid>/<file>, or "" when it cannot be read. */
static void proc_line(pid_t pid, const char *file, char *line, int size)
{
	char path[64];
	int fd, n = 0;

	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	line[0] = '\0';
	if ((fd = open(path, O_RDONLY)) < 0)
		return;
	n = (int)read(fd, line, size - 1);
	close(fd);
	line[n > 0 ? n : 0] = '\0';
	if (strchr(line, '\n') && strcmp(file, "status"))
		*strchr(line, '\n') = '\0';
}

static bool proc_lists(pid_t pid)
{
	char want[16];
	struct dirent *d;
	DIR *dir = opendir("/proc");
	bool found = false;

	snprintf(want, sizeof want, "%d", pid);
	while (dir && (d = readdir(dir)))
		found |= !strcmp(d->d_name, want);
	if (dir)
		closedir(dir);
	return found;
}

/* A child that ended and is not yet waited for is a zombie: its /proc
 * directory stays, listed, with state Z in stat and status, no memory
 * lines, an empty cmdline and no exe link, until its parent reaps it.
 * waitid's WNOWAIT sees the end without reaping. */
static void zombie_seen(pid_t child)
{
	char line[1024], want[64], path[64];
	siginfo_t si;

	memset(&si, 0xa5, sizeof si);
	CHECK_EQ("waitid WEXITED|WNOWAIT", waitid(P_PID, child, &si, WEXITED | WNOWAIT), 0);
	CHECK_EQ("si_signo", si.si_signo, SIGCHLD);
	CHECK_EQ("si_code", si.si_code, CLD_EXITED);
	CHECK_EQ("si_pid", si.si_pid, child);
	CHECK_EQ("si_status", si.si_status, 3);
	proc_line(child, "stat", line, sizeof line);
	snprintf(want, sizeof want, "%d (", child);
	CHECK(!strncmp(line, want, strlen(want)) && strstr(line, ") Z "), "stat: %s", line);
	snprintf(want, sizeof want, ") Z %d ", getpid());
	CHECK(strstr(line, want), "stat's ppid: %s", line);
	proc_line(child, "status", line, sizeof line);
	CHECK(strstr(line, "\nState:\tZ (zombie)\n"), "status: %s", line);
	CHECK(!strstr(line, "VmSize"), "a zombie has no memory lines: %s", line);
	proc_line(child, "cmdline", line, sizeof line);
	CHECK_EQ("an empty cmdline", (int)strlen(line), 0);
	snprintf(path, sizeof path, "/proc/%d/exe", child);
	CHECK_EQ("no exe link", (int)readlink(path, line, sizeof line), -1);
	CHECK_EQ("errno", errno, ENOENT);
	CHECK(proc_lists(child), "/proc lists the zombie");
}

static void zombie_keeps_its_proc_dir(void)
{
	char path[64];
	pid_t child = fork();
	int status = -1;

	if (child == 0)
		_exit(3);
	CHECK(child > 0, "fork: %d", child);
	zombie_seen(child);
	CHECK_EQ("the exit is still there: waitpid", waitpid(child, &status, 0), child);
	if (ktap_case_failed)
		return;		/* (reaped either way) */
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);
	snprintf(path, sizeof path, "/proc/%d", child);
	CHECK_EQ("reaped: no directory", access(path, F_OK), -1);
	CHECK_EQ("errno", errno, ENOENT);
	CHECK(!proc_lists(child), "/proc no longer lists it");
}

/* waitid reports stops, continuations and ends with Linux's si_code and
 * si_status, selects by pid and by group, zeroes the report under WNOHANG
 * when nothing is there, and checks its arguments. */
static void waitid_reports(void)
{
	siginfo_t si;
	pid_t child = fork();

	if (child == 0) {
		for (;;)
			pause();
	}
	CHECK(child > 0, "fork: %d", child);
	memset(&si, 0xa5, sizeof si);
	CHECK_EQ("WNOHANG while it runs", waitid(P_PID, child, &si, WEXITED | WNOHANG), 0);
	CHECK(si.si_pid == 0 && si.si_signo == 0, "WNOHANG zeroes: pid %d signo %d", si.si_pid,
	      si.si_signo);
	CHECK_EQ("no options", waitid(P_PID, child, &si, WNOHANG), -1);
	CHECK_EQ("errno", errno, EINVAL);
	CHECK_EQ("P_PID 0", waitid(P_PID, 0, &si, WEXITED), -1);
	CHECK_EQ("errno", errno, EINVAL);
	CHECK_EQ("not a child", waitid(P_PID, getpid(), &si, WEXITED), -1);
	CHECK_EQ("errno", errno, ECHILD);
	CHECK_EQ("a bad idtype", waitid((idtype_t)77, 0, &si, WEXITED), -1);
	CHECK_EQ("errno", errno, EINVAL);

	CHECK_EQ("SIGSTOP", kill(child, SIGSTOP), 0);
	CHECK_EQ("WSTOPPED", waitid(P_PID, child, &si, WSTOPPED), 0);
	CHECK(si.si_code == CLD_STOPPED && si.si_status == SIGSTOP && si.si_pid == child,
	      "stop: code %d status %d pid %d", si.si_code, si.si_status, si.si_pid);
	CHECK_EQ("SIGCONT", kill(child, SIGCONT), 0);
	CHECK_EQ("WCONTINUED in the caller's group (P_PGID 0)",
		 waitid(P_PGID, 0, &si, WCONTINUED), 0);
	CHECK(si.si_code == CLD_CONTINUED && si.si_status == SIGCONT && si.si_pid == child,
	      "continue: code %d status %d pid %d", si.si_code, si.si_status, si.si_pid);
	CHECK_EQ("SIGKILL", kill(child, SIGKILL), 0);
	CHECK_EQ("WEXITED of any child", waitid(P_ALL, 0, &si, WEXITED), 0);
	CHECK(si.si_code == CLD_KILLED && si.si_status == SIGKILL && si.si_pid == child,
	      "kill: code %d status %d pid %d", si.si_code, si.si_status, si.si_pid);
	CHECK_EQ("reaped: none left", waitid(P_ALL, 0, &si, WEXITED | WNOHANG), -1);
	CHECK_EQ("errno", errno, ECHILD);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(fork_and_wait_status),
	KTAP_CASE(copy_on_write_both_ways),
	KTAP_CASE(wnohang_while_running),
	KTAP_CASE(pipe_carries_data),
	KTAP_CASE(pipe_holds_64k),
	KTAP_CASE(maps_lists_the_areas),
	KTAP_CASE(exec_and_dup2),
	KTAP_CASE(exec_script_chain),
	KTAP_CASE(vfork_shares_memory),
	KTAP_CASE(posix_spawn_errors_and_runs),
	KTAP_CASE(poll_select_two_pipes),
	KTAP_CASE(cow_faults_counted),
	KTAP_CASE(pselect_lends_its_mask),
	KTAP_CASE(x87_registers_are_per_process),
	KTAP_CASE(fork_copies_the_fpu_state),
	KTAP_CASE(zombie_keeps_its_proc_dir),
	KTAP_CASE(waitid_reports),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "echo")) {	/* exec_and_dup2's child */
		for (int i = 2; i < argc; i++) {
			write(1, argv[i], strlen(argv[i]));
			write(1, i + 1 < argc ? " " : "\n", 1);
		}
		return 0;
	}
	return ktap_run(cases, KTAP_COUNT(cases));
}
