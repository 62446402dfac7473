/*
 * dirs: stat64/lstat64/fstat64/fstatat64 and symlinks, getdents64.
 *
 * Runs as init (pid 1) on Tessera, with fds 0, 1 and 2 on /dev/console.
 * Reads /test, /dev and /etc; writes only under /tmp.
 */
#include "files.h"

static void stat64_regular_file(void)
{
	struct kstat64 st;
	memset(&st, 0xa5, sizeof st);
	CHECK_SYS("stat64(" HELLO ") int80", sys80(NR_stat64, (long)HELLO, (long)&st), 0);
	CHECK(S_ISREG(st.st_mode), "mode %#o is not a regular file", st.st_mode);
	CHECK_EQX("mode", st.st_mode, S_IFREG | HELLO_MODE);
	CHECK_EQ("size", st.st_size, HELLO_SIZE);
	CHECK(st.st_nlink >= 1, "nlink %u", st.st_nlink);
	CHECK(st.st_blksize > 0, "blksize %lu", st.st_blksize);
	CHECK_EQ("__st_ino == low word of st_ino", st.__st_ino, (unsigned long)st.st_ino);
	struct kstat64 st2;
	CHECK_SYS("stat64 sysinfo", sysgs(NR_stat64, (long)HELLO, (long)&st2), 0);
	CHECK_EQ("same inode", st2.st_ino, st.st_ino);
	CHECK_EQ("same device", st2.st_dev, st.st_dev);
	struct stat ls;
	CHECK_EQ("stat libc", stat(HELLO, &ls), 0);
	CHECK_EQ("stat libc size", ls.st_size, HELLO_SIZE);
	CHECK_EQX("stat libc mode", ls.st_mode, S_IFREG | HELLO_MODE);
	CHECK_SYS("stat64(/nonexistent)", sys80(NR_stat64, (long)"/nonexistent", (long)&st), -ENOENT);
	CHECK_SYS("stat64((char *)1)", sys80(NR_stat64, 1, (long)&st), -EFAULT);
	CHECK_SYS("stat64(buf (void *)1)", sys80(NR_stat64, (long)HELLO, 1), -EFAULT);
	CHECK_SYS("stat64(buf 0xc0000000)", sys80(NR_stat64, (long)HELLO, 0xc0000000L), -EFAULT);
}

static void stat64_dirs_and_devices(void)
{
	struct kstat64 st;
	CHECK_SYS("stat64(/)", sys80(NR_stat64, (long)"/", (long)&st), 0);
	CHECK(S_ISDIR(st.st_mode), "/: mode %#o is not a directory", st.st_mode);
	CHECK_SYS("stat64(/tmp)", sys80(NR_stat64, (long)"/tmp", (long)&st), 0);
	CHECK(S_ISDIR(st.st_mode), "/tmp: mode %#o is not a directory", st.st_mode);
	CHECK_SYS("stat64(/test/)", sys80(NR_stat64, (long)"/test/", (long)&st), 0);
	CHECK(S_ISDIR(st.st_mode), "/test/: mode %#o is not a directory", st.st_mode);
	CHECK_SYS("stat64(/dev/null)", sys80(NR_stat64, (long)"/dev/null", (long)&st), 0);
	CHECK(S_ISCHR(st.st_mode), "/dev/null: mode %#o is not a character device", st.st_mode);
	CHECK_EQX("/dev/null rdev (1, 3)", st.st_rdev, 0x103);
	CHECK_SYS("stat64(/dev/zero)", sys80(NR_stat64, (long)"/dev/zero", (long)&st), 0);
	CHECK(S_ISCHR(st.st_mode), "/dev/zero: mode %#o is not a character device", st.st_mode);
	CHECK_EQX("/dev/zero rdev (1, 5)", st.st_rdev, 0x105);
	CHECK_SYS("stat64(/dev/console)", sys80(NR_stat64, (long)"/dev/console", (long)&st), 0);
	CHECK(S_ISCHR(st.st_mode), "/dev/console: mode %#o is not a character device", st.st_mode);
	CHECK_EQX("/dev/console rdev (5, 1)", st.st_rdev, 0x501);
	CHECK_SYS("stat64(" HELLO "/)", sys80(NR_stat64, (long)HELLO "/", (long)&st), -ENOTDIR);
}

static void lstat64_symlink(void)
{
	struct kstat64 st;
	sys80(NR_unlink, (long)TMPLINK);
	CHECK_SYS("symlink(" LINK_TARGET ", " TMPLINK ")", sys80(NR_symlink, (long)LINK_TARGET, (long)TMPLINK), 0);
	CHECK_SYS("lstat64(" TMPLINK ") int80", sys80(NR_lstat64, (long)TMPLINK, (long)&st), 0);
	CHECK(S_ISLNK(st.st_mode), "lstat64: mode %#o is not a symlink", st.st_mode);
	CHECK_EQ("symlink size", st.st_size, strlen(LINK_TARGET));
	CHECK_SYS("stat64(" TMPLINK ") follows it", sysgs(NR_stat64, (long)TMPLINK, (long)&st), 0);
	CHECK(S_ISREG(st.st_mode), "stat64 through the link: mode %#o", st.st_mode);
	CHECK_EQ("size through the link", st.st_size, HELLO_SIZE);
	char buf[64] = { 0 };
	CHECK_SYS("readlink(" TMPLINK ")", sys80(NR_readlink, (long)TMPLINK, (long)buf, sizeof buf), (long)strlen(LINK_TARGET));
	CHECK_STR("link target", buf, LINK_TARGET);
	long fd = ropen(TMPLINK, O_RDONLY, 0);
	CHECK_SYS_OK("open through the link", fd);
	CHECK_SYS("read through the link", sys80(NR_read, fd, (long)buf, sizeof buf), sizeof buf);
	CHECK_MEM("bytes through the link", buf, HELLO_TEXT, sizeof buf);
	sys80(NR_close, fd);
	CHECK_SYS("lstat64(" HELLO ")", sys80(NR_lstat64, (long)HELLO, (long)&st), 0);
	CHECK(S_ISREG(st.st_mode), "lstat64 of a file: mode %#o", st.st_mode);
	CHECK_SYS("lstat64(/proc/self/exe)", sys80(NR_lstat64, (long)"/proc/self/exe", (long)&st), 0);
	CHECK(S_ISLNK(st.st_mode), "/proc/self/exe: mode %#o is not a symlink", st.st_mode);
	CHECK_SYS("lstat64(/nonexistent)", sys80(NR_lstat64, (long)"/nonexistent", (long)&st), -ENOENT);
	CHECK_SYS("lstat64((char *)1)", sys80(NR_lstat64, 1, (long)&st), -EFAULT);
}

static void fstat64_fds(void)
{
	struct kstat64 st, fst;
	CHECK_SYS("stat64(" HELLO ")", sys80(NR_stat64, (long)HELLO, (long)&st), 0);
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("fstat64 int80", sys80(NR_fstat64, fd, (long)&fst), 0);
	CHECK_EQ("fstat64 inode == stat64 inode", fst.st_ino, st.st_ino);
	CHECK_EQ("fstat64 size", fst.st_size, HELLO_SIZE);
	CHECK_EQX("fstat64 mode", fst.st_mode, S_IFREG | HELLO_MODE);
	CHECK_SYS("fstat64 sysinfo", sysgs(NR_fstat64, fd, (long)&fst), 0);
	CHECK_EQ("fstat64 inode", fst.st_ino, st.st_ino);
	CHECK_SYS("fstat64(buf (void *)1)", sys80(NR_fstat64, fd, 1), -EFAULT);
	sys80(NR_close, fd);
	CHECK_SYS("fstat64(closed fd)", sys80(NR_fstat64, fd, (long)&fst), -EBADF);
	CHECK_SYS("fstat64(1000)", sys80(NR_fstat64, 1000, (long)&fst), -EBADF);
	if (is_init()) {
		for (int i = 0; i <= 2; i++) {
			char what[32];
			snprintf(what, sizeof what, "fstat64(%d)", i);
			CHECK_SYS(what, sys80(NR_fstat64, i, (long)&fst), 0);
			CHECK(S_ISCHR(fst.st_mode), "fd %d of init: mode %#o is not a character device",
			      i, fst.st_mode);
		}
	}
}

static void fstatat64_dirfd_and_flags(void)
{
	struct kstat64 st, at;
	CHECK_SYS("stat64(" HELLO ")", sys80(NR_stat64, (long)HELLO, (long)&st), 0);
	long dir = ropen("/test", O_RDONLY | O_DIRECTORY, 0);
	CHECK_SYS_OK("open(/test)", dir);
	CHECK_SYS("fstatat64(/test, hello.txt) int80", sys80(NR_fstatat64, dir, (long)"hello.txt", (long)&at, 0), 0);
	CHECK_EQ("same inode as stat64", at.st_ino, st.st_ino);
	CHECK_EQ("size", at.st_size, HELLO_SIZE);
	CHECK_SYS("fstatat64(AT_FDCWD, /tmp) sysinfo", sysgs(NR_fstatat64, AT_FDCWD, (long)"/tmp", (long)&at, 0), 0);
	CHECK(S_ISDIR(at.st_mode), "/tmp: mode %#o", at.st_mode);
	sys80(NR_unlink, (long)TMPLINK);
	CHECK_SYS("symlink", sys80(NR_symlink, (long)LINK_TARGET, (long)TMPLINK), 0);
	CHECK_SYS("fstatat64(link, AT_SYMLINK_NOFOLLOW)",
		  sys80(NR_fstatat64, AT_FDCWD, (long)TMPLINK, (long)&at, AT_SYMLINK_NOFOLLOW), 0);
	CHECK(S_ISLNK(at.st_mode), "NOFOLLOW: mode %#o is not a symlink", at.st_mode);
	CHECK_SYS("fstatat64(link, 0)", sys80(NR_fstatat64, AT_FDCWD, (long)TMPLINK, (long)&at, 0), 0);
	CHECK(S_ISREG(at.st_mode), "following the link: mode %#o", at.st_mode);
	CHECK_SYS("fstatat64(flags 1)", sys80(NR_fstatat64, dir, (long)"hello.txt", (long)&at, 1), -EINVAL);
	CHECK_SYS("fstatat64(\"\")", sys80(NR_fstatat64, dir, (long)"", (long)&at, 0), -ENOENT);
	CHECK_SYS("fstatat64(1000, relative)", sys80(NR_fstatat64, 1000, (long)"hello.txt", (long)&at, 0), -EBADF);
	CHECK_SYS("fstatat64(/test, missing)", sys80(NR_fstatat64, dir, (long)"missing", (long)&at, 0), -ENOENT);
	sys80(NR_close, dir);
}

/* Reads a directory whole with buffers of bufsize bytes; returns the
 * number of entries or a negative errno. Checks each record's shape. */
struct entry { char name[64]; unsigned char type; };
static char dir_problem[160];
static unsigned dir_misaligned;	/* a d_reclen that is not a multiple of 8 */

static int read_dir(const char *path, size_t bufsize, struct entry *out, int max)
{
	static char buf[8192] __attribute__((aligned(8)));
	long fd = ropen(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return (int)fd;
	int count = 0, calls = 0;
	dir_problem[0] = 0;
	dir_misaligned = 0;
	for (;;) {
		long n = (calls++ % 2) ? sysgs(NR_getdents64, fd, (long)buf, bufsize)
				       : sys80(NR_getdents64, fd, (long)buf, bufsize);
		if (n < 0) {
			sys80(NR_close, fd);
			return (int)n;
		}
		if (n == 0)
			break;
		if ((size_t)n > bufsize) {
			snprintf(dir_problem, sizeof dir_problem, "getdents64 returned %ld > %zu", n, bufsize);
			break;
		}
		for (long off = 0; off < n;) {
			struct kdirent64 *d = (struct kdirent64 *)(buf + off);
			size_t name_at = __builtin_offsetof(struct kdirent64, d_name);
			if (d->d_reclen % 8 != 0 && !dir_misaligned)
				dir_misaligned = d->d_reclen;
			if (d->d_reclen < name_at + 2 || off + d->d_reclen > n) {
				snprintf(dir_problem, sizeof dir_problem, "bad d_reclen %u at %ld of %ld",
					 d->d_reclen, off, n);
				goto out;
			}
			if (!memchr(d->d_name, 0, d->d_reclen - name_at)) {
				snprintf(dir_problem, sizeof dir_problem, "unterminated name at %ld", off);
				goto out;
			}
			if (count < max) {
				snprintf(out[count].name, sizeof out[count].name, "%s", d->d_name);
				out[count].type = d->d_type;
			}
			count++;
			off += d->d_reclen;
		}
		if (calls > 1000) {
			snprintf(dir_problem, sizeof dir_problem, "no end after 1000 calls");
			break;
		}
	}
out:
	sys80(NR_close, fd);
	return count;
}

static const struct entry *find_entry(const struct entry *e, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return &e[i];
	return NULL;
}

static void getdents64_root(void)
{
	static struct entry e[128];
	int n = read_dir("/", 4096, e, 128);
	CHECK(n >= 0, "getdents64(/): %d", n);
	CHECK(!dir_problem[0], "getdents64(/): %s", dir_problem);
	static const char *const want[] = { ".", "..", "bin", "dev", "etc", "tmp", "test" };
	for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct entry *f = find_entry(e, n, want[i]);
		CHECK(f, "/ has no entry \"%s\" (%d entries)", want[i], n);
		CHECK_EQ(want[i], f->type, DT_DIR_);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECK(strcmp(e[i].name, e[j].name) != 0, "/ lists \"%s\" twice", e[i].name);
	/* Linux aligns each record to 8 bytes (sizeof(u64)), on i386 too. */
	CHECK(!dir_misaligned, "d_reclen %u is not a multiple of 8", dir_misaligned);
}

static void getdents64_small_buffers(void)
{
	static struct entry big[128], small[128];
	int n = read_dir("/", 4096, big, 128);
	CHECK(n > 0, "getdents64(/): %d", n);
	/* 48 bytes: one short entry per call; the position must carry on between calls. */
	int m = read_dir("/", 48, small, 128);
	CHECK(m >= 0, "getdents64(/, 48-byte buffer): %d", m);
	CHECK(!dir_problem[0], "getdents64(/, 48-byte buffer): %s", dir_problem);
	CHECK_EQ("entries read 48 bytes at a time", m, n);
	for (int i = 0; i < n; i++)
		CHECK(find_entry(small, m, big[i].name), "\"%s\" missing with small buffers", big[i].name);
	long fd = ropen("/", O_RDONLY | O_DIRECTORY, 0);
	CHECK_SYS_OK("open(/)", fd);
	static char tiny[16];
	CHECK_SYS("getdents64(/, 10-byte buffer)", sys80(NR_getdents64, fd, (long)tiny, 10), -EINVAL);
	sys80(NR_close, fd);
}

static void getdents64_etc_and_test(void)
{
	static struct entry e[128];
	int n = read_dir("/etc", 4096, e, 128);
	CHECK(n >= 0, "getdents64(/etc): %d", n);
	CHECK(!dir_problem[0], "getdents64(/etc): %s", dir_problem);
	const struct entry *f = find_entry(e, n, "passwd");
	CHECK(f, "/etc has no passwd");
	CHECK_EQ("passwd d_type", f->type, DT_REG_);
	f = find_entry(e, n, "motd");
	CHECK(f, "/etc has no motd");
	CHECK_EQ("motd d_type", f->type, DT_REG_);
	n = read_dir("/test", 4096, e, 128);
	CHECK(n >= 0, "getdents64(/test): %d", n);
	f = find_entry(e, n, "hello.txt");
	CHECK(f, "/test has no hello.txt");
	CHECK_EQ("hello.txt d_type", f->type, DT_REG_);
	const char *self = strrchr(PROG_PATH, '/') + 1;
	f = find_entry(e, n, self);
	CHECK(f, "/test has no %s", self);
	n = read_dir("/dev", 4096, e, 128);
	CHECK(n >= 0, "getdents64(/dev): %d", n);
	f = find_entry(e, n, "null");
	CHECK(f, "/dev has no null");
	CHECK_EQ("null d_type", f->type, DT_CHR_);
	sys80(NR_unlink, (long)TMPLINK);
	CHECK_SYS("symlink", sys80(NR_symlink, (long)LINK_TARGET, (long)TMPLINK), 0);
	n = read_dir("/tmp", 4096, e, 128);
	CHECK(n >= 0, "getdents64(/tmp): %d", n);
	f = find_entry(e, n, strrchr(TMPLINK, '/') + 1);
	CHECK(f, "/tmp has no hello-link");
	CHECK_EQ("hello-link d_type", f->type, DT_LNK_);
}

static void getdents64_errors(void)
{
	static char buf[512] __attribute__((aligned(8)));
	long fd = ropen(HELLO, O_RDONLY, 0);
	CHECK_SYS_OK("open(" HELLO ")", fd);
	CHECK_SYS("getdents64(regular file)", sys80(NR_getdents64, fd, (long)buf, sizeof buf), -ENOTDIR);
	sys80(NR_close, fd);
	CHECK_SYS("getdents64(1000)", sys80(NR_getdents64, 1000, (long)buf, sizeof buf), -EBADF);
	fd = ropen("/", O_RDONLY | O_DIRECTORY, 0);
	CHECK_SYS("getdents64(buffer (void *)1)", sys80(NR_getdents64, fd, 1, sizeof buf), -EFAULT);
	sys80(NR_close, fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(stat64_regular_file),
	KTAP_CASE(stat64_dirs_and_devices),
	KTAP_CASE(lstat64_symlink),
	KTAP_CASE(fstat64_fds),
	KTAP_CASE(fstatat64_dirfd_and_flags),
	KTAP_CASE(getdents64_root),
	KTAP_CASE(getdents64_small_buffers),
	KTAP_CASE(getdents64_etc_and_test),
	KTAP_CASE(getdents64_errors),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
