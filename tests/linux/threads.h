/*
 * threads.h: what the thread tests (threads.c, thread_ends.c) share: the
 * caller's tid, a short sleep, and a function run in a child process.
 */
#ifndef TESSERA_THREADS_H
#define TESSERA_THREADS_H

#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline pid_t tid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static inline void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&t, NULL);
}

/* Runs fn in a child process and gives its wait status. */
static inline int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t c = fork();

	if (c == 0) {
		fn();
		_exit(99);
	}
	if (c < 0 || waitpid(c, &status, 0) != c)
		return -1;
	return status;
}

#endif
