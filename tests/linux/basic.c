/*
 * basic: process identity, uname, clocks and sleeping, getrandom,
 * /proc/self/exe, console writes, bad pointers and unknown system calls.
 *
 * Runs as init (pid 1) on Tessera. PROG_PATH (set by rules.mk) is where the
 * initramfs puts this binary, e.g. "/test/basic-glibc".
 */
#include <cpuid.h>
#include <sys/uio.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#ifndef PROG_PATH
#error "PROG_PATH must name the guest path of this binary"
#endif

struct ts32 { long tv_sec, tv_nsec; };
struct tv32 { long tv_sec, tv_usec; };

/* 2020-01-01T00:00:00Z */
#define Y2020 1577836800L

static void getpid_all_ways(void)
{
	long a = sys80(NR_getpid), b = sysgs(NR_getpid);
	CHECK_SYS_OK("getpid int80", a);
	CHECK_EQ("getpid sysinfo == int80", b, a);
	CHECK_EQ("getpid libc == int80", getpid(), a);
	CHECK_EQ("syscall(NR_getpid) libc == int80", syscall(NR_getpid), a);
	if (is_init())
		CHECK_EQ("getpid of init", a, 1);
}

static void getppid_of_init(void)
{
	long a = sys80(NR_getppid), b = sysgs(NR_getppid);
	CHECK_SYS_OK("getppid int80", a);
	CHECK_EQ("getppid sysinfo == int80", b, a);
	CHECK_EQ("getppid libc == int80", getppid(), a);
	if (is_init())
		CHECK_EQ("getppid of init", a, 0);
	else
		CHECK(a > 0, "getppid: got %ld, expected > 0 (not init)", a);
}

static void uid_gid_32(void)
{
	static const struct { const char *name; long nr; } calls[] = {
		{ "getuid32", NR_getuid32 }, { "geteuid32", NR_geteuid32 },
		{ "getgid32", NR_getgid32 }, { "getegid32", NR_getegid32 },
	};
	for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		long a = sys80(calls[i].nr), b = sysgs(calls[i].nr);
		CHECK_SYS_OK(calls[i].name, a);
		CHECK_EQ(calls[i].name, b, a);
		if (is_init())
			CHECK_EQ(calls[i].name, a, 0);
	}
	CHECK_EQ("getuid libc", getuid(), sys80(NR_getuid32));
	CHECK_EQ("geteuid libc", geteuid(), sys80(NR_geteuid32));
	CHECK_EQ("getgid libc", getgid(), sys80(NR_getgid32));
	CHECK_EQ("getegid libc", getegid(), sys80(NR_getegid32));
}

static void set_tid_address_returns_pid(void)
{
	static int tid_word;
	long pid = getpid();
	CHECK_SYS("set_tid_address int80", sys80(NR_set_tid_address, (long)&tid_word), pid);
	CHECK_SYS("set_tid_address sysinfo", sysgs(NR_set_tid_address, (long)&tid_word), pid);
	CHECK_EQ("set_tid_address leaves the word", tid_word, 0);
}

static struct utsname_k {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
} uts;

static void uname_sysname(void)
{
	memset(&uts, 0x5a, sizeof uts);
	CHECK_SYS("uname int80", sys80(NR_uname, (long)&uts), 0);
	CHECK_STR("sysname", uts.sysname, "Linux");
	struct utsname_k again;
	CHECK_SYS("uname sysinfo", sysgs(NR_uname, (long)&again), 0);
	CHECK_STR("sysname (sysinfo)", again.sysname, "Linux");
	for (const char *f = (const char *)&uts; f < (const char *)(&uts + 1); f += 65)
		CHECK(memchr(f, 0, 65) != NULL, "a uname field is not NUL-terminated");
}

static void uname_release_at_least_3_2(void)
{
	unsigned major = 0, minor = 0, patch = 0;
	int n = sscanf(uts.release, "%u.%u.%u", &major, &minor, &patch);
	CHECK(n >= 2, "release \"%.64s\" is not N.N[.N]", uts.release);
	unsigned v = major * 65536 + minor * 256 + patch;
	CHECK(v >= 3 * 65536 + 2 * 256, "release \"%.64s\": got %u.%u.%u, expected >= 3.2.0",
	      uts.release, major, minor, patch);
}

/* "i586" on a Pentium, "i686" from the Pentium Pro on: Linux names the
 * machine by the CPU's family. */
static void uname_machine_by_cpu_family(void)
{
	unsigned eax, ebx, ecx, edx, family;
	char want[] = "i686";

	CHECK(__get_cpuid(1, &eax, &ebx, &ecx, &edx), "cpuid 1");
	family = (eax >> 8) & 0xf;
	want[1] = (char)('0' + (family > 6 ? 6 : family));
	CHECK_STR("machine", uts.machine, want);
}

static void uname_bad_pointer(void)
{
	CHECK_SYS("uname((void *)1)", sys80(NR_uname, 1), -EFAULT);
	CHECK_SYS("uname(0xc0000000)", sysgs(NR_uname, 0xc0000000L), -EFAULT);
}

static void clock_realtime_after_2020(void)
{
	struct ts32 t = { -1, -1 };
	CHECK_SYS("clock_gettime(REALTIME) int80", sys80(NR_clock_gettime, CLOCK_REALTIME, (long)&t), 0);
	CHECK(t.tv_sec > Y2020, "CLOCK_REALTIME: got %ld s, expected after 2020", t.tv_sec);
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000L, "tv_nsec out of range: %ld", t.tv_nsec);
	struct timespec lt;
	CHECK_EQ("clock_gettime libc", clock_gettime(CLOCK_REALTIME, &lt), 0);
	CHECK(lt.tv_sec >= t.tv_sec && lt.tv_sec - t.tv_sec < 10,
	      "libc CLOCK_REALTIME %lld vs raw %ld", (long long)lt.tv_sec, t.tv_sec);
}

static long long ts_ns(const struct ts32 *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void monotonic_advances_over_nanosleep(void)
{
	struct ts32 t0, t1, t2, req = { 0, 20 * 1000 * 1000 }, rem = { -1, -1 };
	CHECK_SYS("clock_gettime(MONOTONIC) int80", sys80(NR_clock_gettime, CLOCK_MONOTONIC, (long)&t0), 0);
	CHECK_SYS("nanosleep(20 ms) int80", sys80(NR_nanosleep, (long)&req, (long)&rem), 0);
	CHECK_SYS("clock_gettime(MONOTONIC) sysinfo", sysgs(NR_clock_gettime, CLOCK_MONOTONIC, (long)&t1), 0);
	long long d = ts_ns(&t1) - ts_ns(&t0);
	CHECK(d >= 20000000LL, "monotonic advanced %lld ns over a 20 ms nanosleep, expected >= 20000000", d);
	CHECK(d < 10000000000LL, "monotonic advanced %lld ns over a 20 ms nanosleep (> 10 s)", d);
	CHECK_SYS("nanosleep(20 ms) sysinfo", sysgs(NR_nanosleep, (long)&req, 0), 0);
	CHECK_SYS("clock_gettime(MONOTONIC)", sys80(NR_clock_gettime, CLOCK_MONOTONIC, (long)&t2), 0);
	d = ts_ns(&t2) - ts_ns(&t1);
	CHECK(d >= 20000000LL, "monotonic advanced %lld ns over the second nanosleep, expected >= 20000000", d);
	struct timespec lt;
	CHECK_EQ("clock_gettime(MONOTONIC) libc", clock_gettime(CLOCK_MONOTONIC, &lt), 0);
	CHECK((long long)lt.tv_sec * 1000000000LL + lt.tv_nsec >= ts_ns(&t2),
	      "libc CLOCK_MONOTONIC went backwards");
}

static void clock_gettime_bad_args(void)
{
	struct ts32 t;
	CHECK_SYS("clock_gettime(clock 12345)", sys80(NR_clock_gettime, 12345, (long)&t), -EINVAL);
	CHECK_SYS("clock_gettime(REALTIME, (void *)1)", sys80(NR_clock_gettime, CLOCK_REALTIME, 1), -EFAULT);
	CHECK_SYS("clock_gettime(MONOTONIC, 0xc0000000)",
		  sysgs(NR_clock_gettime, CLOCK_MONOTONIC, 0xc0000000L), -EFAULT);
}

static void gettimeofday_plausible(void)
{
	struct tv32 tv = { -1, -1 };
	struct ts32 ts;
	CHECK_SYS("gettimeofday int80", sys80(NR_gettimeofday, (long)&tv, 0), 0);
	CHECK_SYS("clock_gettime(REALTIME)", sys80(NR_clock_gettime, CLOCK_REALTIME, (long)&ts), 0);
	CHECK(tv.tv_sec > Y2020, "gettimeofday: got %ld s, expected after 2020", tv.tv_sec);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "tv_usec out of range: %ld", tv.tv_usec);
	CHECK(ts.tv_sec >= tv.tv_sec && ts.tv_sec - tv.tv_sec <= 2,
	      "gettimeofday %ld s vs CLOCK_REALTIME %ld s", tv.tv_sec, ts.tv_sec);
	struct tv32 tv2;
	CHECK_SYS("gettimeofday sysinfo", sysgs(NR_gettimeofday, (long)&tv2, 0), 0);
	CHECK((long long)tv2.tv_sec * 1000000 + tv2.tv_usec >= (long long)tv.tv_sec * 1000000 + tv.tv_usec,
	      "gettimeofday went backwards");
	CHECK_SYS("gettimeofday((void *)1)", sys80(NR_gettimeofday, 1, 0), -EFAULT);
}

static void nanosleep_bad_args(void)
{
	struct ts32 bad_ns = { 0, 1000000000L }, neg = { -1, 0 }, zero = { 0, 0 };
	CHECK_SYS("nanosleep(tv_nsec = 1e9)", sys80(NR_nanosleep, (long)&bad_ns, 0), -EINVAL);
	CHECK_SYS("nanosleep(tv_sec = -1)", sysgs(NR_nanosleep, (long)&neg, 0), -EINVAL);
	CHECK_SYS("nanosleep((void *)1)", sys80(NR_nanosleep, 1, 0), -EFAULT);
	CHECK_SYS("nanosleep(0)", sys80(NR_nanosleep, (long)&zero, 0), 0);
}

static void getrandom_fills_buffer(void)
{
	unsigned char a[64], b[64];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	CHECK_SYS("getrandom(64) int80", sys80(NR_getrandom, (long)a, sizeof a, 0), 64);
	CHECK_SYS("getrandom(64) sysinfo", sysgs(NR_getrandom, (long)b, sizeof b, 0), 64);
	CHECK(memcmp(a, b, sizeof a) != 0, "two getrandom calls returned the same 64 bytes");
	int zeros = 0;
	for (unsigned i = 0; i < sizeof a; i++)
		zeros += a[i] == 0;
	CHECK(zeros < 16, "getrandom: %d of 64 bytes are 0", zeros);
	/* A short request writes exactly its length. */
	unsigned char c[8];
	memset(c, 0xee, sizeof c);
	CHECK_SYS("getrandom(5)", sys80(NR_getrandom, (long)c, 5, 0), 5);
	CHECK_EQX("getrandom wrote past its length", c[5] | c[6] << 8 | c[7] << 16, 0xeeeeee);
	CHECK_SYS("getrandom(0)", sys80(NR_getrandom, (long)c, 0, 0), 0);
}

static void getrandom_bad_args(void)
{
	unsigned char a[8];
	CHECK_SYS("getrandom(flags 0x100)", sys80(NR_getrandom, (long)a, sizeof a, 0x100), -EINVAL);
	CHECK_SYS("getrandom((void *)1)", sys80(NR_getrandom, 1, 8, 0), -EFAULT);
}

static void readlink_proc_self_exe(void)
{
	const char *want = PROG_PATH;
	char buf[512];
	memset(buf, 0, sizeof buf);
	long n = sys80(NR_readlink, (long)"/proc/self/exe", (long)buf, sizeof buf - 1);
	CHECK_SYS("readlink(/proc/self/exe)", n, (long)strlen(want));
	CHECK_STR("/proc/self/exe", buf, want);
	/* A short buffer gets a truncated name and no NUL. */
	memset(buf, '#', sizeof buf);
	CHECK_SYS("readlink(/proc/self/exe, 4 bytes)",
		  sysgs(NR_readlink, (long)"/proc/self/exe", (long)buf, 4), 4);
	CHECK_MEM("truncated link", buf, want, 4);
	CHECK_EQ("byte after the truncated link", buf[4], '#');
	CHECK_SYS("readlink(/proc/self/exe, (void *)1)",
		  sys80(NR_readlink, (long)"/proc/self/exe", 1, 64), -EFAULT);
}

static void readlink_errors(void)
{
	char buf[64];
	CHECK_SYS("readlink(/nonexistent)", sys80(NR_readlink, (long)"/nonexistent", (long)buf, sizeof buf), -ENOENT);
	CHECK_SYS("readlink(/etc/passwd) (not a link)",
		  sys80(NR_readlink, (long)"/etc/passwd", (long)buf, sizeof buf), -EINVAL);
	CHECK_SYS("readlink((char *)1)", sys80(NR_readlink, 1, (long)buf, sizeof buf), -EFAULT);
}

static void write_console(void)
{
	static const char line80[] = "# write via int $0x80\n";
	static const char linegs[] = "# write via AT_SYSINFO\n";
	CHECK_SYS("write(1) int80", sys80(NR_write, 1, (long)line80, sizeof line80 - 1), (long)sizeof line80 - 1);
	CHECK_SYS("write(1) sysinfo", sysgs(NR_write, 1, (long)linegs, sizeof linegs - 1), (long)sizeof linegs - 1);
	CHECK_EQ("write(1) libc", write(1, "# write via libc\n", 17), 17);
	CHECK_SYS("write(1, len 0)", sys80(NR_write, 1, (long)line80, 0), 0);
	if (is_init()) {
		CHECK_SYS("write(2) (console)", sys80(NR_write, 2, (long)"# stderr\n", 9), 9);
	}
}

static void writev_console(void)
{
	char p1[] = "# writev", p2[] = ": one", p3[] = " two three\n";
	struct iovec iov[4] = {
		{ p1, sizeof p1 - 1 }, { p2, sizeof p2 - 1 }, { NULL, 0 }, { p3, sizeof p3 - 1 },
	};
	long total = (long)(sizeof p1 + sizeof p2 + sizeof p3 - 3);
	CHECK_SYS("writev(1, 4 iovecs) int80", sys80(NR_writev, 1, (long)iov, 4), total);
	CHECK_SYS("writev(1, 4 iovecs) sysinfo", sysgs(NR_writev, 1, (long)iov, 4), total);
	CHECK_EQ("writev libc", writev(1, iov, 4), total);
	CHECK_SYS("writev(1, 0 iovecs)", sys80(NR_writev, 1, (long)iov, 0), 0);
	CHECK_SYS("writev(1, (void *)1, 1)", sys80(NR_writev, 1, 1, 1), -EFAULT);
	CHECK_SYS("writev(1, iov, -1)", sys80(NR_writev, 1, (long)iov, -1), -EINVAL);
	CHECK_SYS("writev(1, iov, 1025)", sys80(NR_writev, 1, (long)iov, 1025), -EINVAL);
}

static void write_bad_pointer_efault(void)
{
	static const long bad[] = { 1, 0xc0000000L, 0xe0000000L, 0xf0000000L, (long)0xfffff000UL };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "write(1, %#lx, 16) int80", (unsigned long)bad[i]);
		CHECK_SYS(what, sys80(NR_write, 1, bad[i], 16), -EFAULT);
		snprintf(what, sizeof what, "write(1, %#lx, 16) sysinfo", (unsigned long)bad[i]);
		CHECK_SYS(what, sysgs(NR_write, 1, bad[i], 16), -EFAULT);
	}
	const void *volatile bad_ptr = (const void *)1;	/* hidden from the compiler's checks */
	errno = 0;
	CHECK_ERRNO("write(1, (void *)1, 10) libc", write(1, bad_ptr, 10), EFAULT);
}

static void bad_fd_ebadf(void)
{
	char c = 'x';
	CHECK_SYS("write(-1)", sys80(NR_write, -1, (long)&c, 1), -EBADF);
	CHECK_SYS("write(1000)", sysgs(NR_write, 1000, (long)&c, 1), -EBADF);
	CHECK_SYS("read(1000)", sys80(NR_read, 1000, (long)&c, 1), -EBADF);
	CHECK_SYS("close(1000)", sys80(NR_close, 1000), -EBADF);
}

static void unknown_syscall_enosys(void)
{
	/* 0xffff0000 | vector is how Tessera's trampoline reports an exception
	 * to the server (lib/LINUX.md): a process that passes such a number as a
	 * system call must get ENOSYS like any other, not fake a fault report. */
	static const long nrs[] = {
		NR_unassigned_high, NR_unassigned_hole1, NR_unassigned_hole2, 0x10000,
		(long)0x80000000UL, (long)0xffff000eUL, (long)0xffff000dUL, (long)0xffff0006UL, -1,
	};
	for (unsigned i = 0; i < sizeof nrs / sizeof nrs[0]; i++) {
		char what[48];
		snprintf(what, sizeof what, "syscall %#lx int80", (unsigned long)nrs[i]);
		CHECK_SYS(what, sys80(nrs[i], 1, 2, 3, 4, 5, 6), -ENOSYS);
		snprintf(what, sizeof what, "syscall %#lx sysinfo", (unsigned long)nrs[i]);
		CHECK_SYS(what, sysgs(nrs[i], 1, 2, 3, 4, 5, 6), -ENOSYS);
	}
	errno = 0;
	CHECK_ERRNO("syscall(999) libc", syscall(999), ENOSYS);
	/* Still alive and answering. */
	CHECK_EQ("getpid after ENOSYS", sys80(NR_getpid), getpid());
}

/* The registers other than eax survive a system call, both ways in. */
static void registers_preserved(void)
{
	long out[6];
	for (int way = 0; way < 2; way++) {
		long ret;
		out[0] = NR_getppid;
		out[1] = way;
		__asm__ volatile(
			"push %%ebp\n\t"
			"push %%eax\n\t"		/* &out */
			"mov 4(%%eax), %%ebx\n\t"
			"test %%ebx, %%ebx\n\t"	/* the flags say which way */
			"mov 0(%%eax), %%eax\n\t"
			"mov $0x11111111, %%ebx\n\t"
			"mov $0x22222222, %%ecx\n\t"
			"mov $0x33333333, %%edx\n\t"
			"mov $0x44444444, %%esi\n\t"
			"mov $0x55555555, %%edi\n\t"
			"mov $0x66666666, %%ebp\n\t"
			"jnz 1f\n\t"
			"int $0x80\n\t"
			"jmp 2f\n"
			"1:\tcall *%%gs:0x10\n"
			"2:\txchg %%eax, (%%esp)\n\t"	/* eax = &out, the result on the stack */
			"mov %%ebx, 0(%%eax)\n\t"
			"mov %%ecx, 4(%%eax)\n\t"
			"mov %%edx, 8(%%eax)\n\t"
			"mov %%esi, 12(%%eax)\n\t"
			"mov %%edi, 16(%%eax)\n\t"
			"mov %%ebp, 20(%%eax)\n\t"
			"pop %%eax\n\t"
			"pop %%ebp"
			: "=a"(ret)
			: "a"(out)
			: "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
		CHECK_EQ(way ? "getppid result sysinfo" : "getppid result int80", ret, getppid());
		static const unsigned long want[6] = {
			0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666,
		};
		static const char *const reg[6] = { "ebx", "ecx", "edx", "esi", "edi", "ebp" };
		for (int i = 0; i < 6; i++) {
			char what[40];
			snprintf(what, sizeof what, "%s after getppid %s", reg[i], way ? "sysinfo" : "int80");
			CHECK_EQX(what, (unsigned long)out[i], want[i]);
		}
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(getpid_all_ways),
	KTAP_CASE(getppid_of_init),
	KTAP_CASE(uid_gid_32),
	KTAP_CASE(set_tid_address_returns_pid),
	KTAP_CASE(uname_sysname),
	KTAP_CASE(uname_release_at_least_3_2),
	KTAP_CASE(uname_machine_by_cpu_family),
	KTAP_CASE(uname_bad_pointer),
	KTAP_CASE(clock_realtime_after_2020),
	KTAP_CASE(monotonic_advances_over_nanosleep),
	KTAP_CASE(clock_gettime_bad_args),
	KTAP_CASE(gettimeofday_plausible),
	KTAP_CASE(nanosleep_bad_args),
	KTAP_CASE(getrandom_fills_buffer),
	KTAP_CASE(getrandom_bad_args),
	KTAP_CASE(readlink_proc_self_exe),
	KTAP_CASE(readlink_errors),
	KTAP_CASE(write_console),
	KTAP_CASE(writev_console),
	KTAP_CASE(write_bad_pointer_efault),
	KTAP_CASE(bad_fd_ebadf),
	KTAP_CASE(unknown_syscall_enosys),
	KTAP_CASE(registers_preserved),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
