/*
 * files: open/openat/close, read/write/readv/writev, lseek/_llseek, ioctl,
 * devfs nodes. (stat and directory listings: dirs.c.)
 *
 * Runs as init (pid 1) on Tessera, with fds 0, 1 and 2 on /dev/console.
 * Reads /test/hello.txt and /etc; writes only under /tmp.
 */
#include "files.h"
#include <stdint.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>

static void open_missing_enoent(void)
{
	errno = 0;
	CHECK_ERRNO("open(/nonexistent) libc", open("/nonexistent", O_RDONLY), ENOENT);
	CHECK_SYS("open(/etc/nonexistent)", ropen("/etc/nonexistent", O_RDONLY, 0), -ENOENT);
	CHECK_SYS("open(/nonexistent/x)", sysgs(NR_open, (long)"/nonexistent/x", O_RDONLY), -ENOENT);
	CHECK_SYS("open(\"\")", ropen("", O_RDONLY, 0), -ENOENT);
	CHECK_SYS("open(/etc/passwd/x)", ropen("/etc/passwd/x", O_RDONLY, 0), -ENOTDIR);
	CHECK_SYS("open(/etc/passwd, O_DIRECTORY)", ropen("/etc/passwd", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	CHECK_SYS("open(/tmp/nodir/x, O_CREAT)", ropen("/tmp/nodir/x", O_RDWR | O_CREAT, 0644), -ENOENT);
}

static void open_bad_pointer_efault(void)
{
	CHECK_SYS("open((char *)1)", ropen((const char *)1, O_RDONLY, 0), -EFAULT);
	CHECK_SYS("open(NULL)", sysgs(NR_open, 0, O_RDONLY), -EFAULT);
	CHECK_SYS("open((char *)0xc0000000)", ropen((const char *)0xc0000000, O_RDONLY, 0), -EFAULT);
	CHECK_SYS("openat(AT_FDCWD, (char *)1)", sys80(NR_openat, AT_FDCWD, 1, O_RDONLY), -EFAULT);
	const char *volatile bad = (const char *)1;
	errno = 0;
	CHECK_ERRNO("open((char *)1) libc", open(bad, O_RDONLY), EFAULT);
}

static void close_bad_fd_ebadf(void)
{
	CHECK_SYS("close(-1)", sys80(NR_close, -1), -EBADF);
	CHECK_SYS("close(1000)", sysgs(NR_close, 1000), -EBADF);
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("close(fd)", sys80(NR_close, fd), 0);
	CHECK_SYS("close(fd) again", sys80(NR_close, fd), -EBADF);
	char c;
	CHECK_SYS("read(closed fd)", sys80(NR_read, fd, (long)&c, 1), -EBADF);
	errno = 0;
	CHECK_ERRNO("close(1000) libc", close(1000), EBADF);
}

static void open_lowest_free_fd(void)
{
	long a = ropen(HELLO, O_RDONLY, 0);
	long b = ropen("/etc/passwd", O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", a);
	CHECK_SYS_OK("open(/etc/passwd)", b);
	if (is_init())
		CHECK_EQ("first free fd of init", a, 3);
	CHECK(b > a, "second open got fd %ld, first %ld", b, a);
	CHECK_SYS("close(first)", sys80(NR_close, a), 0);
	long c = ropen("/etc/motd", O_RDONLY, 0);
	CHECK_EQ("open after close reuses the lowest fd", c, a);
	CHECK_SYS("close", sys80(NR_close, b), 0);
	CHECK_SYS("close", sys80(NR_close, c), 0);
}

static void read_data_file(void)
{
	char buf[256];
	int fd = open(HELLO, O_RDONLY);
	CHECK(fd >= 0, "open(" HELLO ") libc: errno %d", errno);
	memset(buf, 0, sizeof buf);
	CHECK_SYS("read(hello, 256) int80", sys80(NR_read, fd, (long)buf, sizeof buf), (long)HELLO_SIZE);
	CHECK_MEM("hello.txt", buf, HELLO_TEXT, HELLO_SIZE);
	CHECK_SYS("read at EOF", sysgs(NR_read, fd, (long)buf, sizeof buf), 0);
	CHECK_SYS("read(0 bytes)", sys80(NR_read, fd, (long)buf, 0), 0);
	close(fd);
}

static void read_in_pieces(void)
{
	char buf[HELLO_SIZE + 8];
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	size_t got = 0;
	while (got < HELLO_SIZE) {
		long n = (got / 7) % 2 ? sys80(NR_read, fd, (long)buf + got, 7)
				       : sysgs(NR_read, fd, (long)buf + got, 7);
		long want = HELLO_SIZE - got < 7 ? (long)(HELLO_SIZE - got) : 7;
		CHECK_SYS("read(7)", n, want);
		got += (size_t)n;
	}
	CHECK_MEM("hello.txt in 7-byte pieces", buf, HELLO_TEXT, HELLO_SIZE);
	CHECK_SYS("read at EOF", sys80(NR_read, fd, (long)buf, 7), 0);
	sys80(NR_close, fd);
}

static void read_etc_files(void)
{
	char buf[512];
	long fd = ropen("/etc/passwd", O_RDONLY, 0);
	CHECK_SYS_OK("open(/etc/passwd)", fd);
	long n = sys80(NR_read, fd, (long)buf, sizeof buf - 1);
	CHECK(n > 0, "read(/etc/passwd): got %ld, expected > 0", n);
	buf[n] = 0;
	CHECK(strchr(buf, ':') != NULL, "/etc/passwd has no ':': \"%.40s\"", buf);
	sys80(NR_close, fd);
	fd = ropen("/etc/motd", O_RDONLY, 0);
	CHECK_SYS_OK("open(/etc/motd)", fd);
	CHECK_SYS_OK("read(/etc/motd)", sys80(NR_read, fd, (long)buf, sizeof buf));
	sys80(NR_close, fd);
}

static void openat_dirfd(void)
{
	char buf[256];
	long dir = ropen("/test", O_RDONLY | O_DIRECTORY, 0);
	CHECK_SYS_OK("open(/test, O_DIRECTORY)", dir);
	long fd = sys80(NR_openat, dir, (long)"hello.txt", O_RDONLY);
	CHECK_SYS_OK("openat(/test, hello.txt)", fd);
	CHECK_SYS("read", sys80(NR_read, fd, (long)buf, sizeof buf), (long)HELLO_SIZE);
	CHECK_MEM("hello.txt via openat", buf, HELLO_TEXT, HELLO_SIZE);
	sys80(NR_close, fd);
	fd = sysgs(NR_openat, dir, (long)"../etc/passwd", O_RDONLY);
	CHECK_SYS_OK("openat(/test, ../etc/passwd)", fd);
	sys80(NR_close, fd);
	fd = sys80(NR_openat, AT_FDCWD, (long)"/etc/passwd", O_RDONLY);
	CHECK_SYS_OK("openat(AT_FDCWD, /etc/passwd)", fd);
	sys80(NR_close, fd);
	fd = sys80(NR_openat, 1000, (long)"/etc/passwd", O_RDONLY);
	CHECK_SYS_OK("openat(1000, absolute path) ignores the dirfd", fd);
	sys80(NR_close, fd);
	CHECK_SYS("openat(1000, relative)", sys80(NR_openat, 1000, (long)"hello.txt", O_RDONLY), -EBADF);
	CHECK_SYS("openat(/test, missing)", sys80(NR_openat, dir, (long)"missing", O_RDONLY), -ENOENT);
	fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS("openat(regular file fd, x)", sys80(NR_openat, fd, (long)"x", O_RDONLY), -ENOTDIR);
	sys80(NR_close, fd);
	int lfd = openat(dir, "hello.txt", O_RDONLY);
	CHECK(lfd >= 0, "openat libc: errno %d", errno);
	close(lfd);
	sys80(NR_close, dir);
}

static void lseek_whence(void)
{
	char buf[16];
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("lseek(6, SEEK_SET)", sys80(NR_lseek, fd, 6, SEEK_SET), 6);
	CHECK_SYS("read(4)", sys80(NR_read, fd, (long)buf, 4), 4);
	CHECK_MEM("bytes 6..9", buf, HELLO_TEXT + 6, 4);
	CHECK_SYS("lseek(-2, SEEK_CUR)", sysgs(NR_lseek, fd, -2, SEEK_CUR), 8);
	CHECK_SYS("lseek(0, SEEK_CUR)", sys80(NR_lseek, fd, 0, SEEK_CUR), 8);
	CHECK_SYS("lseek(0, SEEK_END)", sys80(NR_lseek, fd, 0, SEEK_END), (long)HELLO_SIZE);
	CHECK_SYS("lseek(-3, SEEK_END)", sys80(NR_lseek, fd, -3, SEEK_END), (long)HELLO_SIZE - 3);
	CHECK_SYS("read(16) near EOF", sys80(NR_read, fd, (long)buf, 16), 3);
	CHECK_MEM("last 3 bytes", buf, HELLO_TEXT + HELLO_SIZE - 3, 3);
	CHECK_SYS("lseek(1000, SEEK_SET) past EOF", sys80(NR_lseek, fd, 1000, SEEK_SET), 1000);
	CHECK_SYS("read past EOF", sys80(NR_read, fd, (long)buf, 16), 0);
	CHECK_SYS("lseek(-1, SEEK_SET)", sys80(NR_lseek, fd, -1, SEEK_SET), -EINVAL);
	CHECK_SYS("lseek(-2000, SEEK_CUR)", sys80(NR_lseek, fd, -2000, SEEK_CUR), -EINVAL);
	CHECK_SYS("lseek(0, whence 7)", sys80(NR_lseek, fd, 0, 7), -EINVAL);
	CHECK_SYS("position unchanged by failed lseeks", sys80(NR_lseek, fd, 0, SEEK_CUR), 1000);
	CHECK_SYS("lseek(1000)", sys80(NR_lseek, 1000, 0, SEEK_SET), -EBADF);
	CHECK_EQ("lseek libc", lseek((int)fd, 2, SEEK_SET), 2);
	sys80(NR_close, fd);
}

static void llseek_64bit_result(void)
{
	char buf[8];
	long long pos = -1;
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("_llseek(0:10, SEEK_SET)", sys80(NR_llseek, fd, 0, 10, (long)&pos, SEEK_SET), 0);
	CHECK_EQ("_llseek result", pos, 10);
	CHECK_SYS("read(4)", sys80(NR_read, fd, (long)buf, 4), 4);
	CHECK_MEM("bytes 10..13", buf, HELLO_TEXT + 10, 4);
	pos = -1;
	/* offset -5 from the end: high word all ones, low word -5 */
	CHECK_SYS("_llseek(-5, SEEK_END)", sysgs(NR_llseek, fd, -1, -5, (long)&pos, SEEK_END), 0);
	CHECK_EQ("_llseek result", pos, (long long)HELLO_SIZE - 5);
	CHECK_SYS("read", sys80(NR_read, fd, (long)buf, 8), 5);
	CHECK_MEM("last 5 bytes", buf, HELLO_TEXT + HELLO_SIZE - 5, 5);
	pos = -1;
	CHECK_SYS("_llseek(0, SEEK_CUR)", sys80(NR_llseek, fd, 0, 0, (long)&pos, SEEK_CUR), 0);
	CHECK_EQ("_llseek result", pos, (long long)HELLO_SIZE);
	CHECK_SYS("_llseek(-1, SEEK_SET)", sys80(NR_llseek, fd, -1, -1, (long)&pos, SEEK_SET), -EINVAL);
	CHECK_SYS("_llseek(result (void *)1)", sys80(NR_llseek, fd, 0, 0, 1, SEEK_SET), -EFAULT);
	CHECK_SYS("_llseek(1000)", sys80(NR_llseek, 1000, 0, 0, (long)&pos, SEEK_SET), -EBADF);
	sys80(NR_close, fd);
}

static void write_tmp_file(void)
{
	char out[100], in[128];
	for (unsigned i = 0; i < sizeof out; i++)
		out[i] = (char)('A' + i % 26);
	long fd = ropen(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(" TMPFILE ", O_CREAT)", fd);
	CHECK_SYS("write(100) int80", sys80(NR_write, fd, (long)out, 60), 60);
	CHECK_SYS("write(40) sysinfo", sysgs(NR_write, fd, (long)out + 60, 40), 40);
	CHECK_SYS("lseek(0)", sys80(NR_lseek, fd, 0, SEEK_SET), 0);
	CHECK_SYS("read back", sys80(NR_read, fd, (long)in, sizeof in), 100);
	CHECK_MEM("written bytes", in, out, 100);
	struct kstat64 st;
	CHECK_SYS("fstat64", sys80(NR_fstat64, fd, (long)&st), 0);
	CHECK_EQ("size", st.st_size, 100);
	CHECK_EQX("mode", st.st_mode, S_IFREG | 0644);
	CHECK_SYS("close", sys80(NR_close, fd), 0);

	/* Another open sees the same bytes; O_TRUNC empties the file. */
	fd = ropen(TMPFILE, O_RDONLY, 0);
	CHECK_SYS_OK("reopen", fd);
	memset(in, 0, sizeof in);
	CHECK_SYS("read after reopen", sys80(NR_read, fd, (long)in, sizeof in), 100);
	CHECK_MEM("bytes after reopen", in, out, 100);
	sys80(NR_close, fd);
	fd = ropen(TMPFILE, O_WRONLY | O_TRUNC, 0);
	CHECK_SYS_OK("open(O_TRUNC)", fd);
	CHECK_SYS("fstat64", sys80(NR_fstat64, fd, (long)&st), 0);
	CHECK_EQ("size after O_TRUNC", st.st_size, 0);
	sys80(NR_close, fd);
}

static void write_past_end_leaves_zeros(void)
{
	char c = 'Z', buf[4096];
	long fd = ropen(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(" TMPFILE ")", fd);
	CHECK_SYS("write(hi)", sys80(NR_write, fd, (long)"hi", 2), 2);
	CHECK_SYS("lseek(9000)", sys80(NR_lseek, fd, 9000, SEEK_SET), 9000);
	CHECK_SYS("write at 9000", sys80(NR_write, fd, (long)&c, 1), 1);
	struct kstat64 st;
	CHECK_SYS("fstat64", sys80(NR_fstat64, fd, (long)&st), 0);
	CHECK_EQ("size", st.st_size, 9001);
	CHECK_SYS("lseek(4000)", sys80(NR_lseek, fd, 4000, SEEK_SET), 4000);
	memset(buf, 0x77, sizeof buf);
	CHECK_SYS("read the hole", sys80(NR_read, fd, (long)buf, sizeof buf), 4096);
	for (unsigned i = 0; i < sizeof buf; i++)
		CHECK(buf[i] == 0, "hole byte %u is %#x, expected 0", 4000 + i, buf[i] & 0xff);
	CHECK_SYS("lseek(8999)", sys80(NR_lseek, fd, 8999, SEEK_SET), 8999);
	CHECK_SYS("read the end", sys80(NR_read, fd, (long)buf, 10), 2);
	CHECK(buf[0] == 0 && buf[1] == 'Z', "bytes 8999..9000: %#x %#x", buf[0] & 0xff, buf[1] & 0xff);
	sys80(NR_close, fd);
}

static void append_and_excl(void)
{
	long fd = ropen(TMPFILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(" TMPFILE ")", fd);
	CHECK_SYS("write", sys80(NR_write, fd, (long)"12345", 5), 5);
	sys80(NR_close, fd);
	fd = ropen(TMPFILE, O_WRONLY | O_APPEND, 0);
	CHECK_SYS_OK("open(O_APPEND)", fd);
	CHECK_SYS("lseek(0)", sys80(NR_lseek, fd, 0, SEEK_SET), 0);
	CHECK_SYS("write(O_APPEND)", sys80(NR_write, fd, (long)"678", 3), 3);
	CHECK_SYS("position after an appending write", sys80(NR_lseek, fd, 0, SEEK_CUR), 8);
	sys80(NR_close, fd);
	char buf[16] = { 0 };
	fd = ropen(TMPFILE, O_RDONLY, 0);
	CHECK_SYS("read", sys80(NR_read, fd, (long)buf, sizeof buf), 8);
	CHECK_STR("contents", buf, "12345678");
	sys80(NR_close, fd);
	CHECK_SYS("open(existing, O_CREAT|O_EXCL)", ropen(TMPFILE, O_RDWR | O_CREAT | O_EXCL, 0644), -EEXIST);
}

static void access_mode_ebadf(void)
{
	char c = 'x';
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ", O_RDONLY)", fd);
	CHECK_SYS("write(O_RDONLY fd)", sys80(NR_write, fd, (long)&c, 1), -EBADF);
	sys80(NR_close, fd);
	fd = ropen(TMPFILE, O_WRONLY | O_CREAT, 0644);
	CHECK_SYS_OK("open(" TMPFILE ", O_WRONLY)", fd);
	CHECK_SYS("read(O_WRONLY fd)", sysgs(NR_read, fd, (long)&c, 1), -EBADF);
	sys80(NR_close, fd);
	long dir = ropen("/tmp", O_RDONLY | O_DIRECTORY, 0);
	CHECK_SYS_OK("open(/tmp)", dir);
	CHECK_SYS("read(directory)", sys80(NR_read, dir, (long)&c, 1), -EISDIR);
	sys80(NR_close, dir);
	CHECK_SYS("open(/tmp, O_WRONLY)", ropen("/tmp", O_WRONLY, 0), -EISDIR);
}

static void writev_readv_file(void)
{
	char a[] = "alpha-", b[] = "beta-", c[] = "gamma";
	struct iovec wv[3] = { { a, 6 }, { b, 5 }, { c, 5 } };
	long fd = ropen(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(" TMPFILE ")", fd);
	CHECK_SYS("writev(3 iovecs) int80", sys80(NR_writev, fd, (long)wv, 3), 16);
	CHECK_SYS("writev(3 iovecs) sysinfo", sysgs(NR_writev, fd, (long)wv, 3), 16);
	CHECK_SYS("lseek(0)", sys80(NR_lseek, fd, 0, SEEK_SET), 0);
	char r1[3], r2[10], r3[40];
	memset(r3, 0, sizeof r3);
	struct iovec rv[3] = { { r1, 3 }, { r2, 10 }, { r3, sizeof r3 } };
	CHECK_SYS("readv int80", sys80(NR_readv, fd, (long)rv, 3), 32);
	CHECK_MEM("first iovec", r1, "alp", 3);
	CHECK_MEM("second iovec", r2, "ha-beta-ga", 10);
	CHECK_MEM("third iovec", r3, "mmaalpha-beta-gamma", 19);
	CHECK_SYS("readv at EOF sysinfo", sysgs(NR_readv, fd, (long)rv, 3), 0);
	CHECK_SYS("readv(bad iovec array)", sys80(NR_readv, fd, 1, 2), -EFAULT);
	CHECK_SYS("readv(-1 iovecs)", sys80(NR_readv, fd, (long)rv, -1), -EINVAL);
	CHECK_SYS("lseek(0)", sys80(NR_lseek, fd, 0, SEEK_SET), 0);
	memset(r2, 0, sizeof r2);
	CHECK_EQ("readv libc", readv((int)fd, rv + 1, 1), 10);
	CHECK_MEM("readv libc", r2, "alpha-beta", 10);
	sys80(NR_close, fd);
}

static void read_write_bad_buffer_efault(void)
{
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("read into (void *)1", sys80(NR_read, fd, 1, 10), -EFAULT);
	CHECK_SYS("read into 0xc0000000", sysgs(NR_read, fd, 0xc0000000L, 10), -EFAULT);
	CHECK_SYS("read into 0xf0000000", sys80(NR_read, fd, 0xf0000000L, 10), -EFAULT);
	/* Read-only memory: the program's own text. */
	CHECK_SYS("read into the program's text", sys80(NR_read, fd, (long)&read_write_bad_buffer_efault, 10), -EFAULT);
	sys80(NR_close, fd);
	fd = ropen(TMPFILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(" TMPFILE ")", fd);
	CHECK_SYS("write from (void *)1", sys80(NR_write, fd, 1, 10), -EFAULT);
	CHECK_SYS("write from 0xc0000000", sysgs(NR_write, fd, 0xc0000000L, 10), -EFAULT);
	struct kstat64 st;
	CHECK_SYS("fstat64", sys80(NR_fstat64, fd, (long)&st), 0);
	CHECK_EQ("size after failed writes", st.st_size, 0);
	sys80(NR_close, fd);
}


static void ioctl_console_termios(void)
{
	if (!is_init())
		SKIP("fd 0 is the console only when running as init");
	unsigned char t[64], w[16];
	memset(t, 0xcc, sizeof t);
	memset(w, 0xcc, sizeof w);
	CHECK_SYS("ioctl(0, TCGETS) int80", sys80(NR_ioctl, 0, TCGETS_, (long)t), 0);
	for (unsigned i = 36; i < sizeof t; i++)	/* struct termios is 36 bytes */
		CHECK(t[i] == 0xcc, "TCGETS wrote byte %u, past struct termios", i);
	CHECK_SYS("ioctl(1, TCGETS) sysinfo", sysgs(NR_ioctl, 1, TCGETS_, (long)t), 0);
	CHECK_SYS("ioctl(0, TIOCGWINSZ)", sys80(NR_ioctl, 0, TIOCGWINSZ_, (long)w), 0);
	for (unsigned i = 8; i < sizeof w; i++)		/* struct winsize is 8 bytes */
		CHECK(w[i] == 0xcc, "TIOCGWINSZ wrote byte %u, past struct winsize", i);
	CHECK_EQ("isatty(0)", isatty(0), 1);
	CHECK_SYS("ioctl(0, TCGETS, (void *)1)", sys80(NR_ioctl, 0, TCGETS_, 1), -EFAULT);
	CHECK_SYS("lseek(console)", sys80(NR_lseek, 0, 0, SEEK_CUR), -ESPIPE);
}

static void ioctl_regular_file_enotty(void)
{
	unsigned char t[64];
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("ioctl(file, TCGETS)", sys80(NR_ioctl, fd, TCGETS_, (long)t), -ENOTTY);
	CHECK_SYS("ioctl(file, TIOCGWINSZ)", sysgs(NR_ioctl, fd, TIOCGWINSZ_, (long)t), -ENOTTY);
	CHECK_EQ("isatty(file)", isatty((int)fd), 0);
	sys80(NR_close, fd);
	CHECK_SYS("ioctl(1000, TCGETS)", sys80(NR_ioctl, 1000, TCGETS_, (long)t), -EBADF);
	fd = ropen("/dev/null", O_RDWR, 0);
	CHECK_SYS_OK("open(/dev/null)", fd);
	CHECK_SYS("ioctl(/dev/null, TCGETS)", sys80(NR_ioctl, fd, TCGETS_, (long)t), -ENOTTY);
	sys80(NR_close, fd);
}

/* sendfile: from a file into a pipe and into another file, with and
 * without an offset; only a regular file may be the source. */
static void sendfile_copies(void)
{
	char buf[256];
	int in = open(HELLO, O_RDONLY), out = open("/tmp/sendfile.out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int fds[2];
	off_t off = 2;

	CHECK(in >= 0 && out >= 0, "open: errno %d", errno);
	CHECK_EQ("pipe", pipe(fds), 0);
	CHECK_EQ("with an offset, into the pipe", sendfile(fds[1], in, &off, 5), 5);
	CHECK_EQ("the offset moved", off, 7);
	CHECK_EQ("the file's position did not", lseek(in, 0, SEEK_CUR), 0);
	CHECK_EQ("read the pipe", read(fds[0], buf, sizeof buf), 5);
	CHECK_MEM("bytes 2..6", buf, HELLO_TEXT + 2, 5);
	CHECK_EQ("whole file, no offset", sendfile(out, in, NULL, 1000), HELLO_SIZE);
	CHECK_EQ("position at the end", lseek(in, 0, SEEK_CUR), HELLO_SIZE);
	CHECK_EQ("at EOF", sendfile(out, in, NULL, 10), 0);
	CHECK_EQ("copy's size", lseek(out, 0, SEEK_END), HELLO_SIZE);
	CHECK_EQ("rewind", pread(out, buf, sizeof buf, 0), HELLO_SIZE);
	CHECK_MEM("the copy", buf, HELLO_TEXT, HELLO_SIZE);
	CHECK_EQ("a pipe as the source", sendfile(out, fds[0], NULL, 10), -1);
	CHECK_EQ("errno", errno, EINVAL);
	CHECK_EQ("a closed output", sendfile(99, in, NULL, 10), -1);
	CHECK_EQ("errno", errno, EBADF);
	CHECK_SYS("sendfile64 int80", sys80(NR_sendfile64, out, in, 0, 10), 0);
	close(in), close(out), close(fds[0]), close(fds[1]);
	unlink("/tmp/sendfile.out");
}

static void dev_null_and_zero(void)
{
	char buf[300];
	long fd = ropen("/dev/null", O_RDWR, 0);
	CHECK_SYS_OK("open(/dev/null)", fd);
	CHECK_SYS("write(/dev/null)", sys80(NR_write, fd, (long)"discarded", 9), 9);
	CHECK_SYS("read(/dev/null)", sysgs(NR_read, fd, (long)buf, sizeof buf), 0);
	sys80(NR_close, fd);
	fd = ropen("/dev/zero", O_RDONLY, 0);
	CHECK_SYS_OK("open(/dev/zero)", fd);
	memset(buf, 0x5a, sizeof buf);
	CHECK_SYS("read(/dev/zero)", sys80(NR_read, fd, (long)buf, sizeof buf), (long)sizeof buf);
	for (unsigned i = 0; i < sizeof buf; i++)
		CHECK(buf[i] == 0, "/dev/zero byte %u is %#x", i, buf[i] & 0xff);
	sys80(NR_close, fd);
	if (is_init()) {
		fd = ropen("/dev/console", O_WRONLY, 0);
		CHECK_SYS_OK("open(/dev/console)", fd);
		CHECK_SYS("write(/dev/console)", sys80(NR_write, fd, (long)"# /dev/console\n", 15), 15);
		sys80(NR_close, fd);
	}
}

/* statx(2) as glibc's stat calls it first: the same facts as stat64, for
 * a file, a directory, a device and a symlink not followed. The record is
 * the kernel's (glibc and musl differ in what they declare of it). */
struct statx_record {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct { int64_t sec; uint32_t nsec; int32_t reserved; } atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

static void statx_agrees_with_stat(void)
{
	static const char *const paths[] = { "/test/hello.txt", "/test", "/dev/null", "/proc/self" };
	struct statx_record x;
	struct stat st;

	for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		memset(&x, 0xff, sizeof x);
		CHECK_EQ(paths[i], syscall(SYS_statx, AT_FDCWD, paths[i], AT_SYMLINK_NOFOLLOW, 0x7ff, &x), 0);
		CHECK_EQ("lstat", lstat(paths[i], &st), 0);
		CHECK_EQ("basic stats", x.mask & 0x7ff, 0x7ff);
		CHECK_EQX("mode", x.mode, st.st_mode);
		CHECK_EQ("ino", x.ino, st.st_ino);
		CHECK_EQ("size", x.size, st.st_size);
		CHECK_EQ("nlink", x.nlink, st.st_nlink);
		CHECK_EQ("mtime", x.mtime.sec, st.st_mtime);
		CHECK_EQX("rdev", ((x.rdev_major & 0xfff) << 8) | (x.rdev_minor & 0xff), st.st_rdev);
		CHECK_EQX("dev", ((x.dev_major & 0xfff) << 8) | (x.dev_minor & 0xff), st.st_dev);
	}
	CHECK_EQ("missing", syscall(SYS_statx, AT_FDCWD, "/no/such", 0, 0x7ff, &x) == -1 &&
		 errno == ENOENT, 1);
	CHECK_EQ("bad flags", syscall(SYS_statx, AT_FDCWD, "/test", 0x6000, 0x7ff, &x) == -1 &&
		 errno == EINVAL, 1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(open_missing_enoent),
	KTAP_CASE(open_bad_pointer_efault),
	KTAP_CASE(close_bad_fd_ebadf),
	KTAP_CASE(open_lowest_free_fd),
	KTAP_CASE(read_data_file),
	KTAP_CASE(read_in_pieces),
	KTAP_CASE(read_etc_files),
	KTAP_CASE(openat_dirfd),
	KTAP_CASE(lseek_whence),
	KTAP_CASE(llseek_64bit_result),
	KTAP_CASE(write_tmp_file),
	KTAP_CASE(write_past_end_leaves_zeros),
	KTAP_CASE(append_and_excl),
	KTAP_CASE(access_mode_ebadf),
	KTAP_CASE(writev_readv_file),
	KTAP_CASE(read_write_bad_buffer_efault),
	KTAP_CASE(ioctl_console_termios),
	KTAP_CASE(ioctl_regular_file_enotty),
	KTAP_CASE(dev_null_and_zero),
	KTAP_CASE(sendfile_copies),
	KTAP_CASE(statx_agrees_with_stat),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
