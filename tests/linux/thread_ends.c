/* thread_ends.c: signals to threads, and how threads and processes end,
 * as glibc and musl make them, run as init on the Linux server:
 * pthread_kill reaching a spinning thread (also one whose signal thread has
 * not run yet), a process signal taken by the thread that does not block
 * it, exit from a thread, the main thread leaving first, fork and exec
 * from a thread, a fatal signal ending every thread. Each case that ends a
 * process does so in a child, so the program goes on. */
#include "ktap.h"
#include "threads.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXEC_STATUS 42

/* ---- signals ---------------------------------------------------------------- */

static volatile pid_t handled_by;
static volatile int stop_spinning;

static void note_tid(int sig)
{
	(void)sig;
	handled_by = tid();
	stop_spinning = 1;
}

static volatile pid_t spinner_tid;

static void *spin(void *arg)
{
	(void)arg;
	spinner_tid = tid();
	while (!stop_spinning)
		;		/* running: the signal thread brings it in */
	return NULL;
}

static void pthread_kill_reaches_the_thread(void)
{
	pthread_t th;

	signal(SIGUSR1, note_tid);
	handled_by = 0;
	stop_spinning = 0;
	spinner_tid = 0;
	CHECK_EQ("create", pthread_create(&th, NULL, spin, NULL), 0);
	while (!spinner_tid)
		sched_yield();
	CHECK_EQ("pthread_kill", pthread_kill(th, SIGUSR1), 0);
	CHECK_EQ("join", pthread_join(th, NULL), 0);
	CHECK_EQ("the handler ran in that thread", handled_by, spinner_tid);
}

static volatile int release_all;

static void *spin_then_wait(void *arg)
{
	(void)arg;
	spinner_tid = tid();
	while (!stop_spinning)
		;
	while (!release_all)
		pause_ms(1);
	return NULL;
}

static long ms_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* In a new process, so that every thread is the first on its lthreads:
 * eight spinning threads, each sent a signal as soon as it spins, while
 * its signal thread has not run yet (the main thread busy-waits, so it is
 * queued before it). Each must be reached within a second. */
static void signal_each_fresh_thread(void)
{
	pthread_t th[8];
	int n = 0, reached = 0;

	signal(SIGUSR1, note_tid);
	release_all = 0;
	while (n < 8) {
		long deadline;

		handled_by = 0;
		stop_spinning = 0;
		spinner_tid = 0;
		if (pthread_create(&th[n], NULL, spin_then_wait, NULL))
			break;
		while (!spinner_tid)
			;
		pthread_kill(th[n++], SIGUSR1);
		for (deadline = ms_now() + 1000; !stop_spinning && ms_now() < deadline;)
			pause_ms(1);
		if (!stop_spinning)
			break;		/* the signal did not reach it */
		reached += handled_by == spinner_tid;
	}
	stop_spinning = release_all = 1;
	while (n > 0)
		pthread_join(th[--n], NULL);
	_exit(reached);
}

static void pthread_kill_reaches_new_threads(void)
{
	int status = in_child(signal_each_fresh_thread);

	CHECK(WIFEXITED(status), "status %#x", status);
	CHECK_EQ("fresh threads the signal reached", WEXITSTATUS(status), 8);
}

/* kill() of the process: the thread that does not block the signal takes it. */
static void process_signal_to_unblocked_thread(void)
{
	sigset_t usr2, old;
	pthread_t th;

	signal(SIGUSR2, note_tid);
	handled_by = 0;
	stop_spinning = 0;
	spinner_tid = 0;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK_EQ("create", pthread_create(&th, NULL, spin, NULL), 0);	/* SIGUSR2 open */
	CHECK_EQ("block it here", pthread_sigmask(SIG_BLOCK, &usr2, &old), 0);
	while (!spinner_tid)
		sched_yield();
	CHECK_EQ("kill", kill(getpid(), SIGUSR2), 0);
	CHECK_EQ("join", pthread_join(th, NULL), 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("the open thread took it", handled_by, spinner_tid);
}

/* ---- ends of threads and processes -------------------------------------------- */

static int pipe_fds[2];

static void *exit_process(void *arg)
{
	(void)arg;
	pause_ms(5);
	exit(7);		/* exit_group: the main thread, in pause, goes too */
}

static void exit_from_thread_child(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, exit_process, NULL))
		_exit(1);
	pause();
	_exit(2);
}

static void exit_from_a_thread_ends_the_process(void)
{
	int status = in_child(exit_from_thread_child);

	CHECK(WIFEXITED(status), "exited");
	CHECK_EQ("with the thread's status", WEXITSTATUS(status), 7);
}

static void *outlive_main(void *arg)
{
	(void)arg;
	pause_ms(10);		/* the main thread is gone by now */
	write(pipe_fds[1], "L", 1);
	return NULL;		/* the last thread: the process ends, status 0 */
}

/* In a program of its own (exec'd: musl's thread-list lock is released by
 * the kernel through the tid address its start set, which a fork child
 * does not have), the main thread leaves first. */
static int main_exits(const char *fd)
{
	pthread_t th;

	pipe_fds[1] = atoi(fd);
	if (pthread_create(&th, NULL, outlive_main, NULL))
		return 1;
	pthread_exit(NULL);
}

static void main_exit_child(void)
{
	char fd[16], *argv[] = { PROG_PATH, "mainexit", fd, NULL };

	close(pipe_fds[0]);
	snprintf(fd, sizeof fd, "%d", pipe_fds[1]);
	execv(PROG_PATH, argv);
	_exit(1);
}

static void main_thread_exits_first(void)
{
	char c = 0;
	int status;

	CHECK_EQ("pipe", pipe(pipe_fds), 0);
	status = in_child(main_exit_child);
	close(pipe_fds[1]);
	CHECK_EQ("the other thread ran on", read(pipe_fds[0], &c, 1), 1);
	CHECK_EQ("its byte", c, 'L');
	close(pipe_fds[0]);
	CHECK(WIFEXITED(status), "exited");
	CHECK_EQ("status of the last thread's return", WEXITSTATUS(status), 0);
}

static void *fork_here(void *arg)
{
	int status = -1;
	pid_t c = fork();

	(void)arg;
	if (c == 0)
		_exit(getppid() == getpid() ? 1 : 3);	/* (the parent is the process) */
	if (c < 0 || waitpid(c, &status, 0) != c)
		return (void *)-1L;
	return (void *)(long)status;
}

static void fork_in_a_thread(void)
{
	pthread_t th;
	void *status;
	pid_t child;

	CHECK_EQ("create", pthread_create(&th, NULL, fork_here, NULL), 0);
	CHECK_EQ("join", pthread_join(th, &status), 0);
	CHECK(WIFEXITED((long)status), "the child exited");
	CHECK_EQ("its status", WEXITSTATUS((long)status), 3);
	child = fork();		/* and the main thread's fork still works */
	if (child == 0)
		_exit(4);
	CHECK_EQ("waitpid", waitpid(child, (int *)&status, 0), child);
	CHECK_EQ("status", WEXITSTATUS((long)status), 4);
}

static void *exec_here(void *arg)
{
	char *argv[] = { PROG_PATH, "exit42", NULL };

	(void)arg;
	execv(PROG_PATH, argv);
	_exit(1);
}

static void exec_child(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, exec_here, NULL))
		_exit(2);
	pause();		/* gone with the exec */
	_exit(3);
}

static void exec_from_a_thread(void)
{
	int status = in_child(exec_child);

	CHECK(WIFEXITED(status), "exited");
	CHECK_EQ("the new program's status", WEXITSTATUS(status), EXEC_STATUS);
}

static void *block_forever(void *arg)
{
	char c;

	(void)arg;
	read(pipe_fds[0], &c, 1);	/* nobody writes */
	return NULL;
}

static void kill_child(void)
{
	pthread_t th[2];

	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, i ? spin : block_forever, NULL))
			_exit(1);
	pause_ms(10);
	kill(getpid(), SIGTERM);
	pause_ms(1000);
	_exit(2);
}

static void fatal_signal_ends_every_thread(void)
{
	int status;

	CHECK_EQ("pipe", pipe(pipe_fds), 0);
	stop_spinning = 0;
	signal(SIGTERM, SIG_DFL);
	status = in_child(kill_child);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	CHECK(WIFSIGNALED(status), "killed");
	CHECK_EQ("by SIGTERM", WTERMSIG(status), SIGTERM);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pthread_kill_reaches_the_thread),
	KTAP_CASE(pthread_kill_reaches_new_threads),
	KTAP_CASE(process_signal_to_unblocked_thread),
	KTAP_CASE(exit_from_a_thread_ends_the_process),
	KTAP_CASE(main_thread_exits_first),
	KTAP_CASE(fork_in_a_thread),
	KTAP_CASE(exec_from_a_thread),
	KTAP_CASE(fatal_signal_ends_every_thread),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exit42"))
		return EXEC_STATUS;
	if (argc > 2 && !strcmp(argv[1], "mainexit"))
		return main_exits(argv[2]);
	return ktap_run(cases, KTAP_COUNT(cases));
}
