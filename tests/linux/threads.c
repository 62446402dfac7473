/* threads.c: POSIX threads as glibc and musl make them (clone with
 * CLONE_VM | CLONE_THREAD, set_thread_area TLS, futexes), run as init on
 * the Linux server: creation and join, mutexes and condition variables
 * under contention, robust mutexes, futex errors, thread-local storage, a
 * thread blocked in the server while another runs, /proc's view of
 * threads, the FPU environment a thread starts with, the thread limit.
 * Signals to threads and the ends of threads are thread_ends.c's. */
#include "ktap.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE 128		/* FUTEX_WAIT | FUTEX_PRIVATE_FLAG */
#define FUTEX_WAKE_PRIVATE 129

#include "threads.h"

/* ---- creation, join, identity --------------------------------------------- */

struct ident {
	pid_t pid, tid;
	long square;
};

static void *identify(void *arg)
{
	struct ident *id = arg;

	id->pid = getpid();
	id->tid = tid();
	id->square *= id->square;
	return &id->square;
}

static void create_and_join(void)
{
	struct ident ids[4];
	pthread_t th[4];

	for (int i = 0; i < 4; i++) {
		ids[i] = (struct ident){ 0, 0, i + 2 };
		CHECK_EQ("pthread_create", pthread_create(&th[i], NULL, identify, &ids[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		void *ret = NULL;

		CHECK_EQ("pthread_join", pthread_join(th[i], &ret), 0);
		CHECK(ret == &ids[i].square, "the thread's return value");
		CHECK_EQ("its work", ids[i].square, (i + 2) * (i + 2));
		CHECK_EQ("getpid is the process's", ids[i].pid, getpid());
		CHECK(ids[i].tid != getpid() && ids[i].tid > 0, "gettid is its own");
		for (int j = 0; j < i; j++)
			CHECK(ids[i].tid != ids[j].tid, "tids differ");
	}
	CHECK_EQ("the main thread's tid is the pid", tid(), getpid());
}

/* ---- mutexes and condition variables -------------------------------------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3000; i++) {
		pthread_mutex_lock(&lock);
		long v = counter;
		if (i % 100 == 0)
			sched_yield();	/* others find the mutex held and sleep */
		counter = v + 1;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void mutex_counts_right(void)
{
	pthread_t th[4];

	counter = 0;
	for (int i = 0; i < 4; i++)
		CHECK_EQ("pthread_create", pthread_create(&th[i], NULL, add_many, NULL), 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ("pthread_join", pthread_join(th[i], NULL), 0);
	CHECK_EQ("every increment counted", counter, 4 * 3000);
}

static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;

static void *ping_pong(void *arg)
{
	int me = (int)(long)arg;

	for (int i = 0; i < 200; i++) {
		pthread_mutex_lock(&lock);
		while (turn != me)
			pthread_cond_wait(&turn_changed, &lock);
		turn = 1 - me;
		rounds_done++;
		pthread_cond_broadcast(&turn_changed);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void condvar_takes_turns(void)
{
	pthread_t a, b;

	turn = rounds_done = 0;
	CHECK_EQ("create", pthread_create(&a, NULL, ping_pong, (void *)0L), 0);
	CHECK_EQ("create", pthread_create(&b, NULL, ping_pong, (void *)1L), 0);
	CHECK_EQ("join", pthread_join(a, NULL) | pthread_join(b, NULL), 0);
	CHECK_EQ("rounds", rounds_done, 400);
}

/* A timed wait that nobody signals ends with ETIMEDOUT, not before. */
static void timed_wait_times_out(void)
{
	struct timespec until, after;
	int err;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 30 * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&lock);
	err = pthread_cond_timedwait(&turn_changed, &lock, &until);
	pthread_mutex_unlock(&lock);
	clock_gettime(CLOCK_REALTIME, &after);
	CHECK_EQ("pthread_cond_timedwait", err, ETIMEDOUT);
	CHECK(after.tv_sec > until.tv_sec ||
	      (after.tv_sec == until.tv_sec && after.tv_nsec >= until.tv_nsec),
	      "woke before the time");
}

/* ---- thread-local storage ------------------------------------------------- */

static __thread long mine = 7;

static void *tls_own(void *arg)
{
	mine = (long)arg;
	pause_ms(5);		/* the others set theirs meanwhile */
	return (void *)(mine == (long)arg ? 1L : 0L);
}

static void tls_is_per_thread(void)
{
	pthread_t th[3];
	void *ok;

	for (long i = 0; i < 3; i++)
		CHECK_EQ("create", pthread_create(&th[i], NULL, tls_own, (void *)(100 + i)), 0);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ("join", pthread_join(th[i], &ok), 0);
		CHECK_EQ("its own value stayed", (long)ok, 1);
	}
	CHECK_EQ("the main thread's is untouched", mine, 7);
}

/* ---- a thread waiting in the server ------------------------------------------ */

static int pipe_fds[2];

static void *read_one(void *arg)
{
	char c = 0;

	(void)arg;
	return (void *)(long)(read(pipe_fds[0], &c, 1) == 1 ? c : -1);
}

static void blocked_thread_others_run(void)
{
	pthread_t th;
	void *got;

	CHECK_EQ("pipe", pipe(pipe_fds), 0);
	CHECK_EQ("create", pthread_create(&th, NULL, read_one, NULL), 0);
	pause_ms(20);		/* it waits in read; this thread runs on */
	CHECK_EQ("write", write(pipe_fds[1], "z", 1), 1);
	CHECK_EQ("join", pthread_join(th, &got), 0);
	CHECK_EQ("the reader got the byte", (long)got, 'z');
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static volatile int stop_spinning;

static void *wait_on_flag(void *arg)
{
	(void)arg;
	while (!stop_spinning)
		pause_ms(1);
	return NULL;
}

/* The Threads line of /proc/self/status, or -1. */
static long status_threads(void)
{
	char buf[1024], *at;
	int fd = open("/proc/self/status", O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	at = strstr(buf, "Threads:");
	return at ? strtol(at + 8, NULL, 10) : -1;
}

/* /proc/self/status counts the threads. (A thread of an earlier case that
 * was joined may still be counted for a moment on Linux: it is joined when
 * it clears its tid, before it is gone.) */
static void procfs_counts_threads(void)
{
	pthread_t th[2];
	long n = -1;

	stop_spinning = 0;
	for (int i = 0; i < 2; i++)
		CHECK_EQ("create", pthread_create(&th[i], NULL, wait_on_flag, NULL), 0);
	for (int i = 0; i < 100 && (n = status_threads()) != 3; i++)
		pause_ms(10);
	stop_spinning = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_EQ("three threads", n, 3);
}

static volatile pid_t waiter_tid[2];

static void *note_tid_and_wait(void *arg)
{
	waiter_tid[(uintptr_t)arg] = tid();
	return wait_on_flag(NULL);
}

/* The Pid line of /proc/self/task/<tid>/status, or -1. */
static long task_status_pid(long t)
{
	char path[64], buf[1024], *at;
	int fd;
	long n;

	snprintf(path, sizeof path, "/proc/self/task/%ld/status", t);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	at = strstr(buf, "\nPid:");
	return at ? strtol(at + 6, NULL, 10) : -1;
}

/* /proc/self/task lists the threads by tid, each a directory of its own. */
static void procfs_lists_tasks(void)
{
	pthread_t th[2];
	long seen[8], n = 0;
	int found_main = 0, found[2] = { 0, 0 };
	struct dirent *e;
	DIR *d;

	stop_spinning = 0;
	waiter_tid[0] = waiter_tid[1] = 0;
	for (uintptr_t i = 0; i < 2; i++)
		CHECK_EQ("create", pthread_create(&th[i], NULL, note_tid_and_wait, (void *)i), 0);
	while (!waiter_tid[0] || !waiter_tid[1])
		pause_ms(1);
	d = opendir("/proc/self/task");
	CHECK(d != NULL, "opendir /proc/self/task: errno %d", errno);
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && n < 8)
			seen[n++] = strtol(e->d_name, NULL, 10);
	if (d)
		closedir(d);
	for (long i = 0; i < n; i++) {
		found_main += seen[i] == getpid();
		found[0] += seen[i] == waiter_tid[0];
		found[1] += seen[i] == waiter_tid[1];
		CHECK_EQ("its status's Pid line", task_status_pid(seen[i]), seen[i]);
	}
	stop_spinning = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_EQ("three entries", n, 3);
	CHECK(found_main == 1 && found[0] == 1 && found[1] == 1,
	      "the main thread's and both threads' tids listed (%d %d %d)", found_main, found[0],
	      found[1]);
	CHECK_EQ("a tid that is no thread of ours", task_status_pid(99999), -1);
}

static pthread_mutex_t robust;
static volatile int robust_held;

static void *lock_and_end(void *arg)
{
	pthread_mutex_lock(&robust);
	robust_held = 1;
	if (arg)
		pause_ms(50);	/* the main thread waits for it meanwhile */
	return NULL;		/* ends holding it */
}

static int lock_after_owner_died(void)
{
	int r = pthread_mutex_lock(&robust);

	if (r == EOWNERDEAD) {
		pthread_mutex_consistent(&robust);
		pthread_mutex_unlock(&robust);
	}
	return r;
}

/* A thread that ends holding a robust mutex: the next lock returns
 * EOWNERDEAD, whether it came after the end or was waiting (woken by it). */
static void robust_mutex_owner_dies(void)
{
	pthread_mutexattr_t attr;
	pthread_t th;

	pthread_mutexattr_init(&attr);
	CHECK_EQ("robust", pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST), 0);
	CHECK_EQ("init", pthread_mutex_init(&robust, &attr), 0);

	robust_held = 0;
	CHECK_EQ("create", pthread_create(&th, NULL, lock_and_end, NULL), 0);
	CHECK_EQ("join", pthread_join(th, NULL), 0);
	CHECK_EQ("the lock after its owner ended: EOWNERDEAD", lock_after_owner_died(), EOWNERDEAD);

	robust_held = 0;
	CHECK_EQ("create", pthread_create(&th, NULL, lock_and_end, (void *)1), 0);
	while (!robust_held)
		pause_ms(1);
	CHECK_EQ("a lock waiting while its owner ends: EOWNERDEAD", lock_after_owner_died(),
		 EOWNERDEAD);
	CHECK_EQ("join", pthread_join(th, NULL), 0);
	CHECK_EQ("consistent again: an ordinary lock", pthread_mutex_lock(&robust), 0);
	CHECK_EQ("unlock", pthread_mutex_unlock(&robust), 0);
	pthread_mutex_destroy(&robust);
}

/* futex(2)'s answers to what a program may get wrong, as Linux gives them. */
static void futex_errors(void)
{
	static int word = 5;
	struct timespec zero = { 0, 0 };

	CHECK_EQ("a value that changed: EAGAIN",
		 syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0) == -1 && errno == EAGAIN, 1);
	CHECK_EQ("a timeout of zero: ETIMEDOUT",
		 syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 5, &zero, NULL, 0) == -1 &&
		 errno == ETIMEDOUT, 1);
	CHECK_EQ("an unaligned word: EINVAL",
		 syscall(SYS_futex, (char *)&word + 1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == -1 &&
		 errno == EINVAL, 1);
	CHECK_EQ("an unmapped word: EFAULT",
		 syscall(SYS_futex, (int *)16, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) == -1 &&
		 errno == EFAULT, 1);
	CHECK_EQ("a wake with nobody waiting", syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1,
						       NULL, NULL, 0), 0);
	CHECK_EQ("an unknown operation: ENOSYS",
		 syscall(SYS_futex, &word, 99, 0, NULL, NULL, 0) == -1 && errno == ENOSYS, 1);
}

/* ---- the FPU environment ----------------------------------------------------- */

static uint16_t x87_cw(void)
{
	uint16_t cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static void x87_set_cw(uint16_t cw)
{
	__asm__ volatile("fldcw %0" : : "m"(cw));
}

static void *report_cw(void *arg)
{
	(void)arg;
	return (void *)(uintptr_t)x87_cw();
}

/* A new thread starts with its creator's floating-point environment (C11
 * 7.6), here rounding toward zero; the creator's later change is not its. */
static void thread_inherits_the_fpu_environment(void)
{
	uint16_t before = x87_cw();
	void *seen = NULL;
	pthread_t th;
	int err;

	x87_set_cw(0x0f7f);
	err = pthread_create(&th, NULL, report_cw, NULL);
	x87_set_cw(before);
	CHECK_EQ("pthread_create", err, 0);
	CHECK_EQ("join", pthread_join(th, &seen), 0);
	CHECK_EQ("the thread's control word", (int)(uintptr_t)seen, 0x0f7f);
}

/* Threads past what the process can have fail with EAGAIN (16 here, L4's
 * 32 lthreads two a thread); the others run on and all are joined. */
static void too_many_threads(void)
{
	pthread_t th[40];
	int made = 0, err = 0;

	stop_spinning = 0;
	while (made < 40 && !(err = pthread_create(&th[made], NULL, wait_on_flag, NULL)))
		made++;
	stop_spinning = 1;
	for (int i = 0; i < made; i++)
		pthread_join(th[i], NULL);
	CHECK(made >= 8, "only %d threads", made);
	if (made < 40)
		CHECK_EQ("the one too many", err, EAGAIN);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(create_and_join),
	KTAP_CASE(mutex_counts_right),
	KTAP_CASE(condvar_takes_turns),
	KTAP_CASE(timed_wait_times_out),
	KTAP_CASE(tls_is_per_thread),
	KTAP_CASE(blocked_thread_others_run),
	KTAP_CASE(procfs_counts_threads),
	KTAP_CASE(procfs_lists_tasks),
	KTAP_CASE(robust_mutex_owner_dies),
	KTAP_CASE(futex_errors),
	KTAP_CASE(too_many_threads),
	KTAP_CASE(thread_inherits_the_fpu_environment),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
