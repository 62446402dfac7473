/* macro_bench: an AIM-like macro benchmark of one static i386 Linux program
 * that runs as init on Tessera's Linux personality and on Debian's i386
 * kernel in the same QEMU (tools/bench.sh, tools/bench-native.sh).
 *
 * A job is one run of "sh /bench/job.sh DIR" (user/linux/macro/job.sh: cp,
 * cat, dd, sort, uniq, sed, awk, md5sum, pipelines and a loop of small
 * commands on a 24 KB text). For each load L (1, 2, 4, 8 unless given as
 * arguments) L job streams run at once, each JOBS jobs one after the other
 * in its own directory, and the figure is the throughput: jobs per minute
 * of guest time.
 *
 * Guest time: under QEMU -icount shift=0,sleep=off the virtual clock
 * advances 2^0 = 1 ns per guest instruction (and jumps over idle time,
 * which a CPU-bound mix barely has), and rdtsc reads it, so a minute of
 * guest time is 60 * 10^9 instructions: jobs/min = jobs * 6e10 / delta. That
 * is a machine retiring one instruction per nanosecond, not a real CPU.
 *
 * Output: "BENCH macro_loadL N jobs_per_min" per load, "BENCH done", then
 * reboot(RB_POWER_OFF). A failed job ends the program without "BENCH
 * done". */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define JOBS 3
#define MAX_LOAD 32
#define TEXT_LINES 600
#define GUEST_NS_PER_MINUTE 60000000000ull

static void die(const char *what)
{
	printf("macro_bench: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* The text the jobs work on: words of a small vocabulary picked by a
 * linear congruential generator, so every run sees the same bytes. */
static void write_text(const char *path)
{
	static const char *const words[] = {
		"the", "kernel", "maps", "a", "page", "into", "every", "space", "server",
		"thread", "sends", "message", "reply", "pager", "fault", "pipe", "token",
		"ring", "small", "large", "segment", "flush", "cache", "entry",
	};
	FILE *f = fopen(path, "w");
	uint32_t seed = 1997;

	if (!f)
		die(path);
	for (int line = 0; line < TEXT_LINES; line++) {
		for (int w = 0; w < 6; w++) {
			seed = seed * 1103515245u + 12345u;
			fprintf(f, "%s%c", words[(seed >> 16) % (sizeof words / sizeof words[0])],
				w == 5 ? '\n' : ' ');
		}
	}
	if (fclose(f))
		die(path);
}

static void run_job(const char *dir)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execl("/bin/sh", "sh", "/bench/job.sh", dir, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (status != 0) {
		printf("macro_bench: job in %s ended with status %#x\n", dir, status);
		exit(1);
	}
}

/* One stream: JOBS jobs in turn in /tmp/macro/LOAD.STREAM. */
static void stream(int load, int number)
{
	char dir[64];

	snprintf(dir, sizeof dir, "/tmp/macro/%d.%d", load, number);
	if (mkdir(dir, 0755) && errno != EEXIST)
		die(dir);
	for (int j = 0; j < JOBS; j++)
		run_job(dir);
}

/* Runs LOAD streams at once; returns jobs per minute of guest time. */
static uint64_t run_load(int load)
{
	uint64_t start = tsc(), delta;
	pid_t pids[MAX_LOAD];
	int status, failed = 0;

	for (int s = 0; s < load; s++) {
		pids[s] = fork();
		if (pids[s] < 0)
			die("fork");
		if (pids[s] == 0) {
			stream(load, s);
			_exit(0);
		}
	}
	for (int s = 0; s < load; s++)
		if (waitpid(pids[s], &status, 0) != pids[s] || status != 0)
			failed = 1;
	delta = tsc() - start;
	if (failed) {
		printf("macro_bench: a stream of load %d failed\n", load);
		exit(1);
	}
	printf("macro_bench: load %d: %d jobs in %llu instructions\n", load, load * JOBS,
	       (unsigned long long)delta);
	return load * JOBS * GUEST_NS_PER_MINUTE / delta;
}

int main(int argc, char **argv)
{
	int loads[16] = { 1, 2, 4, 8 }, count = 4;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1) {
		count = argc - 1 < 16 ? argc - 1 : 16;
		for (int i = 0; i < count; i++) {
			loads[i] = atoi(argv[i + 1]);
			if (loads[i] < 1 || loads[i] > MAX_LOAD) {
				printf("macro_bench: a load is 1 to %d, not %s\n", MAX_LOAD, argv[i + 1]);
				return 1;
			}
		}
	}
	if (mkdir("/tmp/macro", 0755) && errno != EEXIST)
		die("/tmp/macro");
	write_text("/tmp/macro/text.txt");
	stream(0, 0);	/* warm-up: the first exec of each tool, not timed */

	for (int i = 0; i < count; i++)
		printf("BENCH macro_load%d %llu jobs_per_min\n", loads[i],
		       (unsigned long long)run_load(loads[i]));
	printf("BENCH done\n");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	perror("macro_bench: reboot(RB_POWER_OFF)");
	return 1;
}
