/*
 * fuzz: random Linux system calls against the server, which must answer
 * every one and stay up. Numbers 0..459 (the table and beyond) with random
 * arguments: small integers, fd numbers, pointers into this program's own
 * memory, NULL, addresses above 3 GB and near the top of user space. Calls
 * that would end or block the program on purpose are left out (exit,
 * exit_group, reboot, and those that wait: read, readv, poll, the sleeps),
 * as are those that may take its own memory or TLS away (brk, mmap, mmap2,
 * munmap, mprotect, set_thread_area), closing the console (fds 0..2), and
 * those that make or end processes (fork, vfork, clone, execve, kill, waits)
 * or send it signals, wait for them or install handlers. Each call is printed before it is made,
 * so a hang or a crash names its call. Seeded: FUZZ_SEED.
 *
 * KTAP: the calls all returned (a result in [-4095, 0x7fffffff] or an
 * address); the program's canary and a getpid afterwards are intact.
 */
#include "ktap.h"
#include "sys.h"
#include <stdint.h>
#include <stdio.h>

#define FUZZ_SEED	20261122u
#define FUZZ_CALLS	3000

static uint32_t state = FUZZ_SEED;
static volatile uint32_t canary[64];
static char scratch[8192];

static uint32_t next(void)
{
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

static long argument(void)
{
	switch (next() % 10) {
	case 0: return 0;
	case 1: return (long)(next() % 8);			/* fds, small counts */
	case 2: return (long)(scratch + next() % sizeof scratch);	/* our memory */
	case 3: return (long)"/test/hello.txt";
	case 4: return (long)(0xc0000000u + (next() & 0x3ffffff0u));	/* above 3 GB */
	case 5: return (long)(0xbfffe000u + (next() % 0x2000));	/* the top of user space */
	case 6: return -1;
	case 7: return (long)(next() % 4096);
	case 8: return (long)next();
	default: return (long)(scratch + 4096);
	}
}

static int excluded(long nr)
{
	switch (nr) {
	case 1: case 252: case 88:			/* exit, exit_group, reboot */
	case 3: case 145: case 168: case 162: case 267: case 407:	/* may wait */
	case 45: case 90: case 192: case 91: case 125: case 243:	/* our memory, TLS */
	case 2: case 11: case 120: case 190: case 37:	/* fork, execve, clone, vfork, kill */
	case 7: case 114:				/* waits (for children it has not) */
	case 119: case 173:		/* sigreturn: a made-up frame ends it, as on Linux */
	case 29: case 179:		/* pause, sigsuspend: wait for a signal */
	case 27: case 104: case 238: case 270:	/* alarm, setitimer, tkill, tgkill */
	case 48: case 67: case 174:	/* handlers at random addresses */
		return 1;
	default:
		return 0;
	}
}

static void fuzz_calls_all_return(void)
{
	char line[96];
	int bad = 0;

	for (int i = 0; i < FUZZ_CALLS; i++) {
		long nr = (long)(next() % 460), a[6], r;

		if (excluded(nr))
			continue;
		for (int k = 0; k < 6; k++)
			a[k] = argument();
		if ((nr == 6 || nr == 63 || nr == 330) && a[0] >= 0 && a[0] <= 2)
			continue;		/* keep the console: close, dup2, dup3 */
		int n = snprintf(line, sizeof line, "# fuzz %d: %ld(%lx, %lx, %lx, %lx, %lx, %lx)\n",
				 i, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		sys80(4, 1, (long)line, n);
		r = (i & 1) ? sys80(nr, a[0], a[1], a[2], a[3], a[4], a[5])
			    : sysgs(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (r < -4095 && r > -65536)
			bad++;			/* not an errno, not a plausible value */
	}
	CHECK_EQ("implausible results", bad, 0);
}

static void fuzz_process_intact(void)
{
	for (unsigned i = 0; i < sizeof canary / sizeof canary[0]; i++)
		CHECK_EQ("canary", canary[i], 0xc0ffee00u + i);
	CHECK_EQ("getpid afterwards", sys80(20), 1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(fuzz_calls_all_return),
	KTAP_CASE(fuzz_process_intact),
};

int main(void)
{
	for (unsigned i = 0; i < sizeof canary / sizeof canary[0]; i++)
		canary[i] = 0xc0ffee00u + i;
	return ktap_run(cases, KTAP_COUNT(cases));
}
