/*
 * ktap.h: KTAP output for the Linux test programs (tests/linux/).
 *
 * Each program is a table of cases; a case is a function that returns at its
 * first failed check. ktap_run() prints
 *
 *     KTAP version 1
 *     1..N
 *     ok 1 name
 *     not ok 2 name # what: got X, expected Y (file.c:123)
 *
 * through write(2) only (no stdio buffers to lose if the process dies), and
 * returns the exit status: 0 if every case passed, 1 otherwise.
 *
 * The programs run as init (pid 1) on Tessera. Checks that only hold for
 * init (pid 1, ppid 0, fd 0..2 on the console) are guarded by is_init(), so
 * the same binaries also run elsewhere (qemu-i386 on the build host).
 */
#ifndef TESSERA_LINUX_KTAP_H
#define TESSERA_LINUX_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct ktap_case {
	const char *name;
	void (*run)(void);
};

static int ktap_case_failed, ktap_case_skipped;
static char ktap_note[256];

static void ktap_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

__attribute__((format(printf, 1, 2)))
static void ktap_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	ktap_write(buf, (size_t)n);
}

/* A diagnostic line ("# ..."), allowed anywhere in KTAP. */
#define ktap_diag(...) ktap_printf("# " __VA_ARGS__)

__attribute__((unused)) static const char *errno_name(long e)
{
	static const char *const names[] = {
		[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
		[EINTR] = "EINTR", [EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG",
		[ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF", [ECHILD] = "ECHILD",
		[EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM", [EACCES] = "EACCES",
		[EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
		[EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR",
		[EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [ENFILE] = "ENFILE",
		[EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [EFBIG] = "EFBIG",
		[ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS",
		[EPIPE] = "EPIPE", [ERANGE] = "ERANGE", [ENAMETOOLONG] = "ENAMETOOLONG",
		[ENOSYS] = "ENOSYS", [ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP",
		[EOVERFLOW] = "EOVERFLOW",
	};
	if (e > 0 && e < (long)(sizeof names / sizeof names[0]) && names[e])
		return names[e];
	return NULL;
}

/* A system call's raw result: "-ENOENT" for an error, else the number. */
__attribute__((unused)) static const char *sysret_str(long long v, char *buf, size_t size)
{
	const char *name = (v < 0 && v >= -4095) ? errno_name((long)-v) : NULL;
	if (name)
		snprintf(buf, size, "-%s", name);
	else if (v >= -4095 && v <= 4095)
		snprintf(buf, size, "%lld", v);
	else
		snprintf(buf, size, "%lld (%#llx)", v, (unsigned long long)v);
	return buf;
}

__attribute__((format(printf, 2, 3)))
static void ktap_fail_at(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(ktap_note, sizeof ktap_note - 24, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof ktap_note - 24)
		n = sizeof ktap_note - 25;
	snprintf(ktap_note + n, sizeof ktap_note - (size_t)n, " (line %d)", line);
	for (char *p = ktap_note; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	ktap_case_failed = 1;
}

/* The checks: each returns from the case at its first failure. */
#define FAIL(...) do { ktap_fail_at(__LINE__, __VA_ARGS__); return; } while (0)

#define CHECK(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)

/* Integers. */
#define CHECK_EQ(what, got, exp) do { \
	long long g_ = (long long)(got), e_ = (long long)(exp); \
	if (g_ != e_) FAIL("%s: got %lld, expected %lld", (what), g_, e_); \
} while (0)

#define CHECK_GE(what, got, min) do { \
	long long g_ = (long long)(got), m_ = (long long)(min); \
	if (g_ < m_) FAIL("%s: got %lld, expected >= %lld", (what), g_, m_); \
} while (0)

/* Unsigned values shown in hex (addresses, modes, flags). */
#define CHECK_EQX(what, got, exp) do { \
	unsigned long long g_ = (unsigned long long)(got), e_ = (unsigned long long)(exp); \
	if (g_ != e_) FAIL("%s: got %#llx, expected %#llx", (what), g_, e_); \
} while (0)

/* A raw system call's result (a negative errno on failure): exp is a value or -EXXX. */
#define CHECK_SYS(what, got, exp) do { \
	long long g_ = (long long)(got), e_ = (long long)(exp); \
	if (g_ != e_) { char gb_[48], eb_[48]; \
		FAIL("%s: got %s, expected %s", (what), sysret_str(g_, gb_, sizeof gb_), \
		     sysret_str(e_, eb_, sizeof eb_)); } \
} while (0)

/* A raw system call that must succeed (result >= 0 and not an error). */
#define CHECK_SYS_OK(what, got) do { \
	long long g_ = (long long)(got); \
	if (g_ < 0 && g_ >= -4095) { char gb_[48]; \
		FAIL("%s: got %s, expected success", (what), sysret_str(g_, gb_, sizeof gb_)); } \
} while (0)

/* A libc call that must fail with -1 and errno == err. */
#define CHECK_ERRNO(what, got, err) do { \
	long long g_ = (long long)(got); int n_ = errno; \
	if (g_ != -1 || n_ != (err)) { char gb_[48], eb_[48]; \
		FAIL("%s: got %lld errno %s, expected -1 errno %s", (what), g_, \
		     sysret_str(-(long long)n_, gb_, sizeof gb_), \
		     sysret_str(-(long long)(err), eb_, sizeof eb_)); } \
} while (0)

/* Strings and memory. */
#define CHECK_STR(what, got, exp) do { \
	const char *g_ = (got), *e_ = (exp); \
	if (strcmp(g_, e_) != 0) FAIL("%s: got \"%.60s\", expected \"%.60s\"", (what), g_, e_); \
} while (0)

#define CHECK_MEM(what, got, exp, len) do { \
	const unsigned char *g_ = (const void *)(got), *e_ = (const void *)(exp); \
	size_t l_ = (len); \
	for (size_t i_ = 0; i_ < l_; i_++) \
		if (g_[i_] != e_[i_]) \
			FAIL("%s: byte %zu: got %#x, expected %#x", (what), i_, g_[i_], e_[i_]); \
} while (0)

/* Ends the case as skipped (counts as passed: "ok N name # SKIP why"). */
#define SKIP(why) do { ktap_case_skipped = 1; \
	snprintf(ktap_note, sizeof ktap_note, "%s", (why)); return; } while (0)

/* Running as init on Tessera (or in a PID namespace): pid 1. */
__attribute__((unused)) static int is_init(void)
{
	return getpid() == 1;
}

/* Runs body in a child, whose failure or skip (and note) becomes the
 * case's: for cases whose processes must not be init's children. (Linux
 * does not count init's children when it asks whether a process group is
 * orphaned, and in an orphaned group job-control stops do nothing.) */
__attribute__((unused)) static void ktap_in_child(void (*body)(void))
{
	int fds[2], status = 0, code;
	ssize_t n = 0, k;
	pid_t c;

	if (pipe(fds))
		FAIL("pipe for the child's note");
	c = fork();
	if (c == 0) {
		close(fds[0]);
		body();
		if (write(fds[1], ktap_note, strlen(ktap_note)) < 0)
			_exit(3);
		_exit(ktap_case_failed ? 1 : ktap_case_skipped ? 2 : 0);
	}
	close(fds[1]);
	if (c < 0) {
		close(fds[0]);
		FAIL("fork: %s", strerror(errno));
	}
	while ((k = read(fds[0], ktap_note + n, sizeof ktap_note - 1 - (size_t)n)) > 0)
		n += k;
	ktap_note[n] = '\0';
	close(fds[0]);
	/* 0 passed, 1 failed (the note says why), 2 skipped; anything else failed */
	code = waitpid(c, &status, 0) == c && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	ktap_case_skipped = code == 2;
	ktap_case_failed = code != 0 && code != 2;
	if (ktap_case_failed && code != 1)
		snprintf(ktap_note, sizeof ktap_note, "the case's child ended with status %#x", status);
}

static int ktap_run(const struct ktap_case *cases, int count)
{
	int failed = 0, skipped = 0;
	ktap_printf("KTAP version 1\n1..%d\n", count);
	for (int i = 0; i < count; i++) {
		ktap_case_failed = ktap_case_skipped = 0;
		ktap_note[0] = 0;
		cases[i].run();
		if (ktap_case_failed) {
			failed++;
			ktap_printf("not ok %d %s # %s\n", i + 1, cases[i].name, ktap_note);
		} else if (ktap_case_skipped) {
			skipped++;
			ktap_printf("ok %d %s # SKIP %s\n", i + 1, cases[i].name, ktap_note);
		} else {
			ktap_printf("ok %d %s\n", i + 1, cases[i].name);
		}
	}
	ktap_diag("Totals: pass:%d fail:%d skip:%d\n", count - failed - skipped, failed, skipped);
	return failed ? 1 : 0;
}

#define KTAP_CASE(fn) { #fn, fn }
#define KTAP_COUNT(cases) ((int)(sizeof(cases) / sizeof((cases)[0])))

#endif
