/*
 * signals: delivery by the emulation library with Linux's i386 frames:
 * handlers with and without SA_SIGINFO, the blocked set, faults as SIGSEGV
 * with their address, EINTR for a call waiting in the server and SA_RESTART
 * making it again, SIGCHLD, SIGPIPE's default action, alarm and pause;
 * and delivery to a process that runs without calling the server (the
 * signal thread): killed, handled, and interrupted hundreds of times in a
 * computation whose registers must come through intact.
 */
#include "ktap.h"
#include "sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_sig, got_count;
static volatile int got_code, got_pid, got_status;
static volatile void *got_addr;
static sigjmp_buf escape;

static void plain_handler(int sig)
{
	got_sig = sig;
	got_count++;
}

static void info_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_status = si->si_status;
	got_addr = si->si_addr;
	got_count++;
}

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(escape, 1);
}

static void install(int sig, void (*fn)(int), void (*info)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (info) {
		sa.sa_sigaction = info;
		sa.sa_flags = SA_SIGINFO;
	} else {
		sa.sa_handler = fn;
	}
	sigaction(sig, &sa, NULL);
	got_sig = got_count = 0;
}

static void handler_runs_on_kill(void)
{
	install(SIGUSR1, plain_handler, NULL);
	CHECK_EQ("kill(self, SIGUSR1)", kill(getpid(), SIGUSR1), 0);
	CHECK_EQ("the handler's signal", got_sig, SIGUSR1);
	CHECK_EQ("once", got_count, 1);
}

static void siginfo_of_kill(void)
{
	install(SIGUSR2, NULL, info_handler);
	CHECK_EQ("kill", kill(getpid(), SIGUSR2), 0);
	CHECK_EQ("si_signo (via the handler)", got_sig, SIGUSR2);
	CHECK_EQ("si_code SI_USER", got_code, SI_USER);
	CHECK_EQ("si_pid", got_pid, getpid());
}

static void blocked_until_unblocked(void)
{
	sigset_t set, pending;

	install(SIGUSR1, plain_handler, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ("block", sigprocmask(SIG_BLOCK, &set, NULL), 0);
	kill(getpid(), SIGUSR1);
	CHECK_EQ("not delivered while blocked", got_count, 0);
	sigpending(&pending);
	CHECK(sigismember(&pending, SIGUSR1), "SIGUSR1 is not pending");
	CHECK_EQ("unblock", sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ("delivered on unblocking", got_count, 1);
}

static void segv_with_address(void)
{
	install(SIGSEGV, NULL, segv_handler);
	if (!sigsetjmp(escape, 1))
		*(volatile int *)0x1234 = 1;
	CHECK_EQ("SIGSEGV", got_sig, SIGSEGV);
	CHECK_EQ("si_code SEGV_MAPERR", got_code, SEGV_MAPERR);
	CHECK_EQ("si_addr", (long)got_addr, 0x1234);
	signal(SIGSEGV, SIG_DFL);
}

/* An unmasked x87 exception: SIGFPE with its si_code and the address of
 * the instruction that reported it; the handler has an FPU of its own
 * (all masked), so leaving it by siglongjmp goes on with that one. */
static void x87_divide_by_zero(void)
{
	static const uint16_t divide_unmasked = 0x037b;	/* ZE unmasked */
	volatile uint16_t cw_after = 0;
	void *volatile at = NULL;

	install(SIGFPE, NULL, segv_handler);
	got_sig = got_code = 0;
	if (!sigsetjmp(escape, 1)) {
		__asm__ volatile("fninit\n\t"
				 "fldcw %1\n\t"
				 "fld1\n\t"
				 "fldz\n\t"
				 "fdivrp\n\t"		/* 1 / 0: raised, pending */
				 "movl $1f, %0\n"
				 "1:\tfwait"		/* reported here */
				 : "=m"(at) : "m"(divide_unmasked));
	}
	__asm__ volatile("fnstcw %0" : "=m"(cw_after));
	__asm__ volatile("fninit");
	CHECK_EQ("SIGFPE", got_sig, SIGFPE);
	CHECK_EQ("si_code FPE_FLTDIV", got_code, FPE_FLTDIV);
	CHECK_EQ("si_addr: the fwait", (long)got_addr, (long)at);
	CHECK_EQ("the handler's control word, all masked", cw_after, 0x037f);
	signal(SIGFPE, SIG_DFL);
}

static void eintr_in_the_server(void)
{
	int fds[2], status;
	pid_t child;

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		char c;
		long n;

		install(SIGUSR1, plain_handler, NULL);
		close(fds[1]);
		n = read(fds[0], &c, 1);	/* waits in the server until the signal */
		_exit(n == -1 && errno == EINTR && got_sig == SIGUSR1 ? 0 : 1);
	}
	close(fds[0]);
	usleep(50000);
	CHECK_EQ("kill the reader", kill(child, SIGUSR1), 0);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status), "status %#x", status);
	CHECK_EQ("read ended with EINTR after the handler", WEXITSTATUS(status), 0);
	close(fds[1]);
}

/* With SA_RESTART the read goes on after the handler and gets the byte. */
static void sa_restart_resumes_the_read(void)
{
	int fds[2], status;
	pid_t child;

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		struct sigaction sa;
		char c = 0;
		long n;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = plain_handler;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGUSR1, &sa, NULL);
		got_sig = 0;
		close(fds[1]);
		n = read(fds[0], &c, 1);	/* interrupted, restarted, then the byte */
		_exit(n == 1 && c == 'z' && got_sig == SIGUSR1 ? 0 : 1);
	}
	close(fds[0]);
	usleep(50000);
	CHECK_EQ("kill the reader", kill(child, SIGUSR1), 0);
	usleep(50000);
	CHECK_EQ("write the byte", write(fds[1], "z", 1), 1);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("the read was restarted after the handler", WEXITSTATUS(status), 0);
	close(fds[1]);
}

static void sigchld_with_status(void)
{
	int status;
	pid_t child;

	install(SIGCHLD, NULL, info_handler);
	child = fork();
	if (child == 0)
		_exit(3);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK_EQ("SIGCHLD", got_sig, SIGCHLD);
	CHECK_EQ("si_code CLD_EXITED", got_code, CLD_EXITED);
	CHECK_EQ("si_pid", got_pid, child);
	CHECK_EQ("si_status", got_status, 3);
	signal(SIGCHLD, SIG_DFL);
}

static void sigpipe_ends_a_writer(void)
{
	int fds[2], status;
	pid_t child;

	CHECK_EQ("pipe", pipe(fds), 0);
	close(fds[0]);			/* (before the fork: then nobody has it) */
	child = fork();
	if (child == 0) {
		write(fds[1], "x", 1);	/* no reader: SIGPIPE, by default the end */
		_exit(9);
	}
	close(fds[1]);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFSIGNALED(status), "status %#x: not killed", status);
	CHECK_EQ("by SIGPIPE", WTERMSIG(status), SIGPIPE);
}

/* A loop that never calls the server; the flag is the handler's. */
static volatile sig_atomic_t spin_stop;

static void stop_spinning(int sig)
{
	(void)sig;
	spin_stop = 1;
}

static void spin_until_flag(void)
{
	while (!spin_stop)
		;
}

/* A child that only computes is ended by SIGTERM, and one with a handler
 * leaves its loop when SIGUSR1 comes. */
static void reaches_a_running_process(void)
{
	int status;
	pid_t child = fork();

	if (child == 0) {
		for (;;)
			;
	}
	CHECK(child > 0, "fork: %d", child);
	usleep(20 * 1000);			/* it is in its loop */
	CHECK_EQ("kill", kill(child, SIGTERM), 0);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);

	child = fork();
	if (child == 0) {
		signal(SIGUSR1, stop_spinning);
		spin_until_flag();
		_exit(42);
	}
	usleep(20 * 1000);
	CHECK_EQ("kill", kill(child, SIGUSR1), 0);
	CHECK_EQ("wait", waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %#x", status);
}

/* setitimer's SIGALRM reaches the process's own loop. */
static void timer_interrupts_a_loop(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 10 * 1000 } };

	spin_stop = 0;
	signal(SIGALRM, stop_spinning);
	CHECK_EQ("setitimer", setitimer(ITIMER_REAL, &it, NULL), 0);
	spin_until_flag();
	CHECK_EQ("the handler ended the loop", spin_stop, 1);
	signal(SIGALRM, SIG_DFL);
}

static volatile sig_atomic_t storm_count;

static volatile double handler_fp;

/* It uses the FPU too, and leaves it rounding toward zero: the interrupted
 * computation's x87 state must come back as it was (the frame's fpstate,
 * which sigreturn loads). */
static void count_storm(int sig)
{
	double y = storm_count * 3.3 + sig;
	uint16_t cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	cw |= 0x0c00;
	__asm__ volatile("fldcw %0" : : "m"(cw));
	handler_fp = y / 7.1 + 2.2 * y;
	storm_count++;
}

/* A computation that lives in the x87 registers. */
static __attribute__((noinline)) double fmix(uint32_t rounds)
{
	double a = 1.0, b = 0.5;

	for (uint32_t i = 0; i < rounds; i++) {
		a = a * 1.0000001 + b;
		b = b * 0.9999999 + 1.0 / (a + 1.0);
	}
	return a + b;
}

/* A computation in registers, interrupted by SIGUSR1 from the parent again
 * and again: every register and the flags must come back as they were. */
static uint32_t mix(uint32_t rounds)
{
	uint32_t a = 1, b = 2, c = 3, d = 4, s = 5, t = 6;

	for (uint32_t i = 0; i < rounds; i++) {
		__asm__ volatile("addl %%ebx, %%eax\n\t"
				 "roll $5, %%eax\n\t"
				 "xorl %%eax, %%ecx\n\t"
				 "addl %%ecx, %%edx\n\t"
				 "adcl %%edx, %%esi\n\t"
				 "rorl $3, %%esi\n\t"
				 "sbbl %%esi, %%edi\n\t"
				 "xorl %%edi, %%ebx"
				 : "+a"(a), "+b"(b), "+c"(c), "+d"(d), "+S"(s), "+D"(t) : : "cc");
	}
	return a ^ b ^ c ^ d ^ s ^ t;
}

/* The child computes in chunks, in integer and x87 registers, until 100
 * signals have come (the parent sends them until it has ended), checking
 * every chunk's result. */
static void storm_keeps_registers(void)
{
	enum { ROUNDS = 20000, WANTED = 100, TRIES = 100000 };
	uint32_t expected = mix(ROUNDS);
	double fexpected = fmix(ROUNDS / 4);
	int fds[2], status = 0, i;
	pid_t child, done = 0;
	char c;

	CHECK_EQ("pipe", pipe(fds), 0);
	child = fork();
	if (child == 0) {
		signal(SIGUSR1, count_storm);
		write(fds[1], "r", 1);
		for (long n = 0; storm_count < WANTED; n++)
			if (mix(ROUNDS) != expected || fmix(ROUNDS / 4) != fexpected ||
			    n > 100L * TRIES)
				_exit(1);
		_exit(0);
	}
	CHECK_EQ("the child is ready", read(fds[0], &c, 1), 1);
	for (i = 0; i < TRIES && !(done = waitpid(child, &status, WNOHANG)); i++) {
		kill(child, SIGUSR1);
		sched_yield();
	}
	CHECK_EQ("it ended after its signals", done, child);
	CHECK(WIFEXITED(status), "status %#x", status);
	CHECK_EQ("every chunk's sum right (1: one was wrong)", WEXITSTATUS(status), 0);
	close(fds[0]), close(fds[1]);
}

static char proc_state(pid_t pid)
{
	char path[64], buf[128], *close_paren;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	close_paren = strrchr(buf, ')');
	return close_paren && close_paren[1] == ' ' ? close_paren[2] : '?';
}

/* SIGSTOP stops a child that only computes (its signal thread brings it
 * to the server) and one that writes (its answer waits): wait4 with
 * WUNTRACED and WCONTINUED sees both changes, the parent gets SIGCHLD with
 * CLD_STOPPED, /proc says T, and a stopped writer writes nothing. */
static void stop_and_continue(void)
{
	int fds[2], status;
	char buf[512];
	pid_t spinner, writer;

	install(SIGCHLD, NULL, info_handler);
	spinner = fork();
	if (spinner == 0) {
		for (;;)
			;
	}
	usleep(20 * 1000);
	CHECK_EQ("SIGSTOP", kill(spinner, SIGSTOP), 0);
	CHECK_EQ("wait WUNTRACED", waitpid(spinner, &status, WUNTRACED), spinner);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	CHECK_EQ("/proc state", proc_state(spinner), 'T');
	CHECK_EQ("SIGCHLD", got_sig, SIGCHLD);
	CHECK_EQ("si_code", got_code, CLD_STOPPED);
	CHECK_EQ("si_status", got_status, SIGSTOP);
	CHECK_EQ("SIGCONT", kill(spinner, SIGCONT), 0);
	CHECK_EQ("wait WCONTINUED", waitpid(spinner, &status, WCONTINUED), spinner);
	CHECK(WIFCONTINUED(status), "status %#x", status);
	/* (Linux sends this SIGCHLD when the child runs again, which may be
	 * after the wait returned) */
	for (int i = 0; i < 1000 && got_code != CLD_CONTINUED; i++)
		usleep(1000);
	CHECK_EQ("si_code", got_code, CLD_CONTINUED);
	CHECK_EQ("running again", proc_state(spinner) != 'T', 1);
	CHECK_EQ("SIGKILL", kill(spinner, SIGKILL), 0);
	CHECK_EQ("wait", waitpid(spinner, &status, 0), spinner);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	/* (no handler from here: Linux may send the writer's SIGCHLD with
	 * CLD_CONTINUED while the read below waits, which would end it) */
	signal(SIGCHLD, SIG_DFL);

	CHECK_EQ("pipe", pipe(fds), 0);
	writer = fork();
	if (writer == 0) {
		for (;;)
			write(fds[1], "w", 1);
	}
	CHECK_EQ("the writer writes", read(fds[0], buf, 1), 1);
	CHECK_EQ("SIGSTOP", kill(writer, SIGSTOP), 0);
	CHECK_EQ("wait WUNTRACED", waitpid(writer, &status, WUNTRACED), writer);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	while (read(fds[0], buf, sizeof(buf)) > 0)
		;
	usleep(30 * 1000);
	CHECK_EQ("a stopped writer writes nothing", read(fds[0], buf, sizeof(buf)), -1);
	CHECK_EQ("errno", errno, EAGAIN);
	fcntl(fds[0], F_SETFL, 0);
	CHECK_EQ("SIGCONT", kill(writer, SIGCONT), 0);
	CHECK_EQ("it writes again", read(fds[0], buf, 1), 1);
	kill(writer, SIGKILL);
	CHECK_EQ("wait", waitpid(writer, &status, 0), writer);
	close(fds[0]), close(fds[1]);
}

static volatile uint16_t handler_cw;

static void round_to_zero(int sig)
{
	uint16_t cw;

	(void)sig;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	handler_cw = cw;
	cw |= 0x0c00;
	__asm__ volatile("fldcw %0" : : "m"(cw));
}

/* A handler starts with the FPU initialised (control word 0x37f) and what
 * it changes there is undone by sigreturn. */
static void handler_fpu_state(void)
{
	uint16_t before = 0x0a7f, after;	/* a mode the program set: upward */

	__asm__ volatile("fldcw %0" : : "m"(before));
	signal(SIGUSR1, round_to_zero);
	CHECK_EQ("raise", raise(SIGUSR1), 0);
	__asm__ volatile("fnstcw %0" : "=m"(after));
	CHECK_EQ("the handler's own control word", handler_cw, 0x037f);
	CHECK_EQ("the program's again after it", after, before);
	before = 0x037f;
	__asm__ volatile("fldcw %0" : : "m"(before));
	signal(SIGUSR1, SIG_DFL);
}

static void alarm_ends_pause(void)
{
	install(SIGALRM, plain_handler, NULL);
	CHECK_EQ("alarm(1)", alarm(1), 0);
	CHECK_EQ("pause", pause(), -1);
	CHECK_EQ("errno", errno, EINTR);
	CHECK_EQ("SIGALRM", got_sig, SIGALRM);
}

/* For the console's job-control cases: init becomes a session leader
 * (it starts in session 0, as on Linux), the console its terminal, with
 * its group in the foreground; body runs in a child of init. */
static void at_the_console(void (*body)(void))
{
	if (!is_init())
		SKIP("needs the console as init's terminal");
	if (getsid(0) != getpid())
		CHECK_EQ("setsid", setsid(), getpid());
	CHECK_EQ("the console is init's terminal", ioctl(0, TIOCSCTTY, 0), 0);
	CHECK_EQ("init's group in the foreground", tcsetpgrp(0, getpgrp()), 0);
	ktap_in_child(body);
}

/* Child c, in a background group of its own, must stop by sig (what it
 * did says what); it is killed and reaped either way. */
static void stops_by(pid_t c, int sig, const char *what)
{
	int status = 0, gone;
	pid_t got = waitpid(c, &status, WUNTRACED);

	kill(c, SIGKILL);
	CHECK_EQ("reaped", waitpid(c, &gone, 0), c);
	CHECK_EQ("waitpid", got, c);
	CHECK(WIFSTOPPED(status), "%s: not stopped (status %#x)", what, status);
	CHECK_EQ(what, WSTOPSIG(status), sig);
}

/* Job control at the controlling terminal: a background group's read
 * stops it with SIGTTIN; with SIGTTIN ignored the read fails with EIO;
 * with TOSTOP set a background write stops it with SIGTTOU. Through
 * /dev/console (fd 0..2 here) reads and writes stop nobody, as on Linux;
 * the children use /dev/tty. (The console is init's terminal; the groups
 * are a child's children: init's own would be orphaned.) */
static void background_tty_access_body(void)
{
	struct termios t, saved;
	int status;
	pid_t c;

	c = fork();
	if (c == 0) {
		char b;

		setpgid(0, 0);
		_exit(read(open("/dev/tty", O_RDONLY), &b, 1) == -1 ? 1 : 2);	/* (never: it stops) */
	}
	stops_by(c, SIGTTIN, "the background reader, by SIGTTIN");

	c = fork();
	if (c == 0) {
		char b;

		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		_exit(read(open("/dev/tty", O_RDONLY), &b, 1) == -1 && errno == EIO ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "with SIGTTIN ignored the read fails with EIO (status %#x)", status);

	CHECK_EQ("tcgetattr", tcgetattr(0, &saved), 0);
	t = saved;
	t.c_lflag |= TOSTOP;
	CHECK_EQ("TOSTOP", tcsetattr(0, TCSANOW, &t), 0);
	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(write(open("/dev/tty", O_WRONLY), "", 0) == 0 ? 2 : 1);	/* (never: it stops) */
	}
	stops_by(c, SIGTTOU, "the background writer, by SIGTTOU");
	c = fork();
	if (c == 0) {
		char b;
		int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);

		setpgid(0, 0);
		if (read(fd, &b, 1) != -1 || errno != EAGAIN)
			_exit(1);
		_exit(write(1, "", 0) == 0 ? 0 : 2);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	if (WIFSTOPPED(status))
		kill(c, SIGKILL), waitpid(c, NULL, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "through /dev/console a background read (1) and write (2) go on (status %#x)",
	      status);
	tcsetattr(0, TCSANOW, &saved);
}

static void background_tty_access(void)
{
	at_the_console(background_tty_access_body);
}

/* Changing the terminal from a background group (tcsetattr, tcsetpgrp)
 * stops the group with SIGTTOU, unless SIGTTOU is ignored; made the
 * foreground and continued, the stopped call is made again and succeeds.
 * tcsetpgrp wants a group of the caller's session. (Run in a child of
 * init, as background_tty_access.) */
static void background_tty_control_body(void)
{
	struct termios t;
	int status;
	pid_t c;

	CHECK_EQ("tcgetattr", tcgetattr(0, &t), 0);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(tcsetattr(0, TCSANOW, &t) == 0 ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	CHECK(WIFSTOPPED(status), "the background tcsetattr stopped (status %#x)", status);
	CHECK_EQ("by SIGTTOU", WSTOPSIG(status), SIGTTOU);
	signal(SIGTTOU, SIG_IGN);		/* as a shell does around tcsetpgrp */
	CHECK_EQ("its group to the foreground", tcsetpgrp(0, c), 0);
	CHECK_EQ("SIGCONT", kill(c, SIGCONT), 0);
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "made again in the foreground, tcsetattr succeeds (status %#x)", status);
	CHECK_EQ("our group back, from the background", tcsetpgrp(0, getpgrp()), 0);
	signal(SIGTTOU, SIG_DFL);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		_exit(tcsetattr(0, TCSANOW, &t) == 0 ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "with SIGTTOU ignored tcsetattr goes on (status %#x)", status);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(tcsetpgrp(0, getpgrp()) == 0 ? 2 : 1);	/* (never: it stops) */
	}
	stops_by(c, SIGTTOU, "the background tcsetpgrp, by SIGTTOU");

	CHECK_EQ("tcsetpgrp to no group", tcsetpgrp(0, 30000), -1);
	CHECK_EQ("errno", errno, ESRCH);
	c = fork();
	if (c == 0)
		_exit(setpgid(0, 30000) == -1 && errno == EPERM ? 0 : 1);
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "setpgid into a group that does not exist: EPERM (status %#x)", status);
}

static void background_tty_control(void)
{
	at_the_console(background_tty_control_body);
}

/* Child c must stop by sig, or (sig 0) exit with 0 without stopping. */
static void stops_or_goes_on(pid_t c, int sig, const char *what)
{
	int status = 0;

	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	if (WIFSTOPPED(status)) {
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
	}
	if (sig)
		CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == sig, "%s (status %#x)", what, status);
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s (status %#x)", what, status);
}

/* SIGTSTP, SIGTTIN and SIGTTOU stop a process only if its group is not
 * orphaned (a member has a parent in another group of its session, that
 * parent not init); SIGSTOP stops any. */
static void job_control_stops_in_orphaned_groups_body(void)
{
	static const int stops[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	pid_t c;

	for (int i = 0; i < 3; i++) {
		c = fork();
		if (c == 0) {
			setsid();	/* a group whose parent is in another session */
			raise(stops[i]);
			_exit(0);
		}
		stops_or_goes_on(c, 0, "a job-control stop of an orphaned group does nothing");
		c = fork();
		if (c == 0) {
			setpgid(0, 0);	/* our child, in a group of its own, our session */
			raise(stops[i]);
			_exit(1);
		}
		stops_or_goes_on(c, stops[i], "it stops a group with a parent outside");
	}
	c = fork();
	if (c == 0) {
		setsid();
		raise(SIGSTOP);
		_exit(1);
	}
	stops_or_goes_on(c, SIGSTOP, "SIGSTOP stops an orphaned group too");
}

static void job_control_stops_in_orphaned_groups(void)
{
	ktap_in_child(job_control_stops_in_orphaned_groups_body);
}

/* The pid of a child of a new session's leader, which the leader reports
 * once it has stopped and then exits; the child goes to init (this
 * program). own_group: the child is in a group of its own, which the
 * leader's exit orphans; else in the leader's, orphaned from the start. */
static pid_t stopped_orphan(bool own_group)
{
	int fds[2], status;
	pid_t leader, stopped = 0;

	if (pipe(fds))
		return 0;
	leader = fork();
	if (leader == 0) {
		pid_t d;

		setsid();
		d = fork();
		if (d == 0) {
			if (own_group)
				setpgid(0, 0);
			raise(SIGSTOP);
			_exit(5);	/* (continued by SIGCONT alone) */
		}
		waitpid(d, &status, WUNTRACED);	/* it has stopped */
		write(fds[1], &d, sizeof d);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &stopped, sizeof stopped) != (long)sizeof stopped)
		stopped = 0;
	close(fds[0]);
	waitpid(leader, &status, 0);	/* the session leader has exited */
	return stopped;
}

/* A stopped process whose group an exit leaves newly orphaned gets SIGHUP
 * and SIGCONT (POSIX): here its parent, the leader of a new session in
 * another group, exits, and it goes to init (this program). A group that
 * was orphaned before gets nothing, as on Linux: the leader's own. */
static void orphaned_stopped_group_hangs_up(void)
{
	int status;
	pid_t stopped;

	if (!is_init())
		SKIP("orphans go to init");
	stopped = stopped_orphan(true);
	CHECK(stopped > 0, "the stopped one's pid");
	CHECK_EQ("the orphan ends", waitpid(stopped, &status, 0), stopped);
	CHECK(WIFSIGNALED(status), "killed (status %#x)", status);
	CHECK_EQ("by SIGHUP", WTERMSIG(status), SIGHUP);

	stopped = stopped_orphan(false);
	CHECK(stopped > 0, "the stopped one's pid");
	CHECK_EQ("an old orphan stays stopped", waitpid(stopped, &status, WNOHANG), 0);
	CHECK_EQ("/proc state", proc_state(stopped), 'T');
	kill(stopped, SIGKILL);
	CHECK_EQ("reaped", waitpid(stopped, &status, 0), stopped);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(handler_runs_on_kill),
	KTAP_CASE(siginfo_of_kill),
	KTAP_CASE(blocked_until_unblocked),
	KTAP_CASE(segv_with_address),
	KTAP_CASE(x87_divide_by_zero),
	KTAP_CASE(eintr_in_the_server),
	KTAP_CASE(sa_restart_resumes_the_read),
	KTAP_CASE(sigchld_with_status),
	KTAP_CASE(sigpipe_ends_a_writer),
	KTAP_CASE(alarm_ends_pause),
	KTAP_CASE(reaches_a_running_process),
	KTAP_CASE(timer_interrupts_a_loop),
	KTAP_CASE(storm_keeps_registers),
	KTAP_CASE(stop_and_continue),
	KTAP_CASE(handler_fpu_state),
	KTAP_CASE(background_tty_access),
	KTAP_CASE(background_tty_control),
	KTAP_CASE(orphaned_stopped_group_hangs_up),
	KTAP_CASE(job_control_stops_in_orphaned_groups),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
