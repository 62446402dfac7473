/*
 * signals: delivery by the emulation library with Linux's i386 frames:
 * handlers with and without SA_SIGINFO, the blocked set, faults as SIGSEGV
 * with their address, EINTR for a call waiting in the server and SA_RESTART
 * making it again, SIGCHLD, SIGPIPE's default action, alarm and pause;
 * and delivery to a process that runs without calling the server (the
 * signal thread): killed, handled, and interrupted hundreds of times in a
 * computation whose registers must come through intact. (Stops, job
 * control and orphaned groups: job_control.c.)
 */
#include "ktap.h"
#include "sys.h"
#include <errno.h>
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <stdint.h>
#include <sys/time.h>
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
	KTAP_CASE(handler_fpu_state),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
