/* tessera/linux_abi.h: the parts of Linux's i386 user interface the Linux
 * server implements: system call numbers, errno values, flags and the
 * structures it copies to and from processes. Values are Linux's (from the
 * man pages and the i386 syscall table); names carry an LX_ prefix so they
 * never meet a host libc's. */
#pragma once

#include <stdint.h>

/* ---- system call numbers (i386) ------------------------------------------ */
#define LX_SYS_exit			1
#define LX_SYS_fork			2
#define LX_SYS_waitpid			7
#define LX_SYS_execve			11
#define LX_SYS_chdir			12
#define LX_SYS_kill			37
#define LX_SYS_dup			41
#define LX_SYS_pipe			42
#define LX_SYS_setpgid			57
#define LX_SYS_umask			60
#define LX_SYS_dup2			63
#define LX_SYS_getpgrp			65
#define LX_SYS_setsid			66
#define LX_SYS_sysinfo			116
#define LX_SYS_wait4			114
#define LX_SYS_waitid			284
#define LX_SYS_clone			120
#define LX_SYS_getpgid			132
#define LX_SYS_fchdir			133
#define LX_SYS_getsid			147
#define LX_SYS_prctl			172
#define LX_SYS_vfork			190
#define LX_SYS_dup3			330
#define LX_SYS_pipe2			331
#define LX_SYS_read			3
#define LX_SYS_write			4
#define LX_SYS_open			5
#define LX_SYS_unlink			10
#define LX_SYS_close			6
#define LX_SYS_lseek			19
#define LX_SYS_getpid			20
#define LX_SYS_getuid			24
#define LX_SYS_brk			45
#define LX_SYS_getgid			47
#define LX_SYS_geteuid			49
#define LX_SYS_getegid			50
#define LX_SYS_ioctl			54
#define LX_SYS_getppid			64
#define LX_SYS_gettimeofday		78
#define LX_SYS_symlink			83
#define LX_SYS_readlink			85
#define LX_SYS_reboot			88
#define LX_SYS_mmap			90
#define LX_SYS_munmap			91
#define LX_SYS_uname			122
#define LX_SYS_mprotect			125
#define LX_SYS__llseek			140
#define LX_SYS_readv			145
#define LX_SYS_writev			146
#define LX_SYS_sched_yield		158
#define LX_SYS_nanosleep		162
#define LX_SYS_rt_sigaction		174
#define LX_SYS_rt_sigprocmask		175
#define LX_SYS_setrlimit		75
#define LX_SYS_ugetrlimit		191
#define LX_SYS_mmap2			192
#define LX_SYS_stat64			195
#define LX_SYS_lstat64			196
#define LX_SYS_fstat64			197
#define LX_SYS_getuid32			199
#define LX_SYS_getgid32			200
#define LX_SYS_geteuid32		201
#define LX_SYS_getegid32		202
#define LX_SYS_getcwd			183
#define LX_SYS_poll			168
#define LX_SYS_pread64			180
#define LX_SYS_pwrite64			181
#define LX_SYS_sendfile			187
#define LX_SYS_sendfile64		239
#define LX_SYS__newselect		142
#define LX_SYS_pselect6			308
#define LX_SYS_ppoll			309
#define LX_SYS_pselect6_time64		413
#define LX_SYS_ppoll_time64		414
#define LX_SYS_getdents64		220
#define LX_SYS_madvise			219
#define LX_SYS_fcntl64			221
#define LX_SYS_gettid			224
#define LX_SYS_futex			240
#define LX_SYS_set_thread_area		243
#define LX_SYS_exit_group		252
#define LX_SYS_set_tid_address		258
#define LX_SYS_clock_gettime		265
#define LX_SYS_clock_getres		266
#define LX_SYS_clock_nanosleep		267
#define LX_SYS_openat			295
#define LX_SYS_fstatat64		300
#define LX_SYS_unlinkat			301
#define LX_SYS_symlinkat		304
#define LX_SYS_readlinkat		305
#define LX_SYS_set_robust_list		311
#define LX_SYS_get_robust_list		312
#define LX_SYS_prlimit64		340
#define LX_SYS_getrandom		355
#define LX_SYS_statx			383
#define LX_SYS_rseq			386
#define LX_SYS_clock_gettime64		403
#define LX_SYS_clock_nanosleep_time64	407
#define LX_SYS_futex_time64		422
#define LX_SYS_MAX			450	/* numbers at or above are unknown */

/* ---- clone(2) flags ------------------------------------------------------- */
#define LX_CLONE_VM		0x00000100
#define LX_CLONE_FS		0x00000200
#define LX_CLONE_FILES		0x00000400
#define LX_CLONE_SIGHAND	0x00000800
#define LX_CLONE_VFORK		0x00004000
#define LX_CLONE_PARENT		0x00008000
#define LX_CLONE_THREAD		0x00010000
#define LX_CLONE_SETTLS		0x00080000
#define LX_CLONE_PARENT_SETTID	0x00100000
#define LX_CLONE_CHILD_CLEARTID	0x00200000
#define LX_CLONE_CHILD_SETTID	0x01000000
#define LX_CSIGNAL		0x000000ff
#define LX_WNOHANG		1
#define LX_WUNTRACED		2
#define LX_WCONTINUED		8
#define LX_WEXITED		4	/* waitid's (wait4's always) */
#define LX_WNOWAIT		0x01000000
#define LX_WALL			0x40000000

/* ---- system call numbers of signals -------------------------------------- */
#define LX_SYS_mount			21
#define LX_SYS_alarm			27
#define LX_SYS_umount2			52
#define LX_SYS_pause			29
#define LX_SYS_setitimer		104
#define LX_SYS_getitimer		105
#define LX_SYS_rt_sigpending		176
#define LX_SYS_rt_sigtimedwait		177
#define LX_SYS_rt_sigsuspend		179
#define LX_SYS_rt_sigtimedwait_time64	421
#define LX_SYS_tkill			238
#define LX_SYS_tgkill			270

/* ---- system call numbers of the file-name calls -------------------------- */
#define LX_SYS_mkdir	39
#define LX_SYS_mkdirat	296
#define LX_SYS_mknod	14
#define LX_SYS_mknodat	297
#define LX_SYS_rmdir	40
#define LX_SYS_rename	38
#define LX_SYS_renameat	302
#define LX_SYS_renameat2	353
#define LX_SYS_link	9
#define LX_SYS_linkat	303
#define LX_SYS_chmod	15
#define LX_SYS_fchmodat	306
#define LX_SYS_fchmod	94
#define LX_SYS_chown32	212
#define LX_SYS_lchown32	198
#define LX_SYS_fchownat	298
#define LX_SYS_fchown32	207
#define LX_SYS_access	33
#define LX_SYS_faccessat	307
#define LX_SYS_truncate	92
#define LX_SYS_ftruncate	93
#define LX_SYS_truncate64	193
#define LX_SYS_ftruncate64	194
#define LX_SYS_utimensat	320
#define LX_SYS_statfs64	268
#define LX_SYS_fstatfs64	269
#define LX_SYS_sync	36
#define LX_SYS_fsync	118
#define LX_SYS_fdatasync	148

/* ---- errno ------------------------------------------------------------------ */
#define LX_EPERM	1
#define LX_ENOENT	2
#define LX_ESRCH	3
#define LX_EINTR	4
#define LX_EIO		5
#define LX_ENXIO	6
#define LX_E2BIG	7
#define LX_ENOEXEC	8
#define LX_EBADF	9
#define LX_ECHILD	10
#define LX_EAGAIN	11
#define LX_ENOMEM	12
#define LX_EACCES	13
#define LX_EFAULT	14
#define LX_EBUSY	16
#define LX_EEXIST	17
#define LX_EXDEV	18
#define LX_ENODEV	19
#define LX_ENOTDIR	20
#define LX_EISDIR	21
#define LX_EINVAL	22
#define LX_ENFILE	23
#define LX_EMFILE	24
#define LX_ENOTTY	25
#define LX_EFBIG	27
#define LX_ENOSPC	28
#define LX_ESPIPE	29
#define LX_EROFS	30
#define LX_EMLINK	31
#define LX_EPIPE	32
#define LX_ERANGE	34
#define LX_ENAMETOOLONG	36
#define LX_ENOSYS	38
#define LX_ENOTEMPTY	39
#define LX_ELOOP	40
#define LX_EOVERFLOW	75
#define LX_ERESTARTSYS	512	/* the server's own: the call is made again (SA_RESTART) */
#define LX_ETIMEDOUT	110

/* ---- open(2), fcntl(2) ------------------------------------------------------- */
#define LX_O_ACCMODE	0003
#define LX_O_RDONLY	0
#define LX_O_WRONLY	1
#define LX_O_RDWR	2
#define LX_O_CREAT	0100
#define LX_O_EXCL	0200
#define LX_O_NOCTTY	0400
#define LX_O_TRUNC	01000
#define LX_O_APPEND	02000
#define LX_O_NONBLOCK	04000
#define LX_O_DIRECTORY	0200000
#define LX_O_NOFOLLOW	0400000
#define LX_O_CLOEXEC	02000000
#define LX_O_PATH	010000000
#define LX_AT_FDCWD		(-100)
#define LX_AT_SYMLINK_NOFOLLOW	0x100
#define LX_AT_EMPTY_PATH	0x1000
#define LX_F_DUPFD	0
#define LX_F_GETFD	1
#define LX_F_SETFD	2
#define LX_F_GETFL	3
#define LX_F_SETFL	4
#define LX_F_DUPFD_CLOEXEC 1030
#define LX_FD_CLOEXEC	1
#define LX_SEEK_SET	0
#define LX_SEEK_CUR	1
#define LX_SEEK_END	2

/* ---- file modes ------------------------------------------------------------- */
#define LX_S_IFMT	0170000
#define LX_S_IFSOCK	0140000
#define LX_S_IFLNK	0120000
#define LX_S_IFREG	0100000
#define LX_S_IFBLK	0060000
#define LX_S_IFDIR	0040000
#define LX_S_IFCHR	0020000
#define LX_S_IFIFO	0010000
#define LX_S_ISDIR(m)	(((m) & LX_S_IFMT) == LX_S_IFDIR)
#define LX_S_ISREG(m)	(((m) & LX_S_IFMT) == LX_S_IFREG)
#define LX_S_ISLNK(m)	(((m) & LX_S_IFMT) == LX_S_IFLNK)
#define LX_S_ISCHR(m)	(((m) & LX_S_IFMT) == LX_S_IFCHR)
#define LX_S_ISFIFO(m)	(((m) & LX_S_IFMT) == LX_S_IFIFO)
#define LX_DT_UNKNOWN	0
#define LX_DT_CHR	2
#define LX_DT_DIR	4
#define LX_DT_BLK	6
#define LX_DT_REG	8
#define LX_DT_LNK	10

/* ---- poll(2) ---------------------------------------------------------------- */
#define LX_POLLIN	0x001
#define LX_POLLPRI	0x002
#define LX_POLLOUT	0x004
#define LX_POLLERR	0x008
#define LX_POLLHUP	0x010
#define LX_POLLNVAL	0x020

struct lx_pollfd {
	int32_t fd;
	int16_t events, revents;
};

/* ---- mmap(2) ---------------------------------------------------------------- */
#define LX_PROT_READ	0x1
#define LX_PROT_WRITE	0x2
#define LX_PROT_EXEC	0x4
#define LX_MAP_SHARED	0x01
#define LX_MAP_PRIVATE	0x02
#define LX_MAP_TYPE	0x0f
#define LX_MAP_FIXED	0x10
#define LX_MAP_ANONYMOUS 0x20
#define LX_MAP_FIXED_NOREPLACE 0x100000

/* ---- ioctl(2) on terminals --------------------------------------------------- */
#define LX_TCGETS	0x5401
#define LX_TCSETS	0x5402
#define LX_TCSETSW	0x5403
#define LX_TCSETSF	0x5404
#define LX_TIOCGPGRP	0x540f
#define LX_TIOCSPGRP	0x5410
#define LX_TIOCSCTTY	0x540e
#define LX_TIOCGWINSZ	0x5413
#define LX_TIOCSWINSZ	0x5414
#define LX_TIOCGSERIAL	0x541e
#define LX_TIOCNOTTY	0x5422
#define LX_TIOCGSID	0x5429
#define LX_FIONREAD	0x541b		/* also pipes: the bytes a read would get */

/* termios c_lflag, c_iflag, c_oflag bits the line discipline honours */
#define LX_ISIG		0000001
#define LX_ICANON	0000002
#define LX_ECHO		0000010
#define LX_TOSTOP	0000400
#define LX_ECHOE	0000020
#define LX_ECHOK	0000040
#define LX_ICRNL	0000400
#define LX_OPOST	0000001
#define LX_ONLCR	0000004
#define LX_VINTR	0
#define LX_VQUIT	1
#define LX_VERASE	2
#define LX_VKILL	3
#define LX_VEOF		4
#define LX_VSUSP	10
#define LX_VMIN		6
#define LX_NCCS		19

struct lx_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[LX_NCCS];
};

struct lx_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* ---- structures copied to processes ----------------------------------------- */
struct lx_stat64 {			/* i386 struct stat64: 96 bytes */
	uint64_t st_dev;
	uint32_t pad1;
	uint32_t st_ino_low;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid, st_gid;
	uint64_t st_rdev;
	uint32_t pad2;
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime, st_atime_nsec;
	uint32_t st_mtime, st_mtime_nsec;
	uint32_t st_ctime, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));
_Static_assert(sizeof(struct lx_stat64) == 96, "struct stat64 is 96 bytes on i386");

struct lx_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct lx_statx {			/* statx(2)'s, 256 bytes */
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct lx_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t spare3[12];
};
_Static_assert(sizeof(struct lx_statx) == 256, "struct statx is 256 bytes");
#define LX_STATX_BASIC_STATS	0x7ff	/* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define LX_AT_NO_AUTOMOUNT	0x800
#define LX_AT_STATX_SYNC_TYPE	0x6000

struct lx_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __attribute__((packed));

struct lx_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

struct lx_iovec {
	uint32_t base, len;
};

struct lx_timespec32 {
	int32_t tv_sec, tv_nsec;
};

struct lx_timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec;	/* i386 time64 ABI: a 64-bit field, high half ignored */
};

struct lx_timeval {
	int32_t tv_sec, tv_usec;
};

struct lx_user_desc {			/* set_thread_area(2) */
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags;			/* LX_UD_* */
};
#define LX_UD_SEG_32BIT		0x01
#define LX_UD_CONTENTS		0x06
#define LX_UD_READ_EXEC_ONLY	0x08
#define LX_UD_LIMIT_IN_PAGES	0x10
#define LX_UD_SEG_NOT_PRESENT	0x20
#define LX_UD_USEABLE		0x40
#define LX_GDT_TLS_FIRST	6	/* Linux's TLS entries: GDT 6, 7, 8 */
#define LX_GDT_TLS_COUNT	3

struct lx_rlimit64 {
	uint64_t cur, max;
};
#define LX_RLIMIT_CPU		0
#define LX_RLIMIT_FSIZE		1
#define LX_RLIMIT_DATA		2
#define LX_RLIMIT_STACK		3
#define LX_RLIMIT_CORE		4
#define LX_RLIMIT_NPROC		6
#define LX_RLIMIT_NOFILE	7
#define LX_RLIMIT_MEMLOCK	8
#define LX_RLIMIT_SIGPENDING	11
#define LX_RLIMIT_MSGQUEUE	12
#define LX_RLIMITS		16
#define LX_RLIM_INFINITY	(~0ull)

/* ---- clocks, reboot, auxv ----------------------------------------------------- */
#define LX_CLOCK_REALTIME		0
#define LX_CLOCK_MONOTONIC		1
#define LX_CLOCK_PROCESS_CPUTIME_ID	2
#define LX_CLOCK_THREAD_CPUTIME_ID	3
#define LX_CLOCK_MONOTONIC_RAW		4
#define LX_CLOCK_REALTIME_COARSE	5
#define LX_CLOCK_MONOTONIC_COARSE	6
#define LX_CLOCK_BOOTTIME		7
#define LX_TIMER_ABSTIME		1

#define LX_REBOOT_MAGIC1		0xfee1dead
#define LX_REBOOT_MAGIC2		672274793
#define LX_REBOOT_CMD_RESTART		0x01234567
#define LX_REBOOT_CMD_HALT		0xcdef0123
#define LX_REBOOT_CMD_POWER_OFF		0x4321fedc
#define LX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LX_REBOOT_CMD_CAD_OFF		0x00000000

#define LX_AT_NULL	0
#define LX_AT_PHDR	3
#define LX_AT_PHENT	4
#define LX_AT_PHNUM	5
#define LX_AT_PAGESZ	6
#define LX_AT_BASE	7
#define LX_AT_FLAGS	8
#define LX_AT_ENTRY	9
#define LX_AT_UID	11
#define LX_AT_EUID	12
#define LX_AT_GID	13
#define LX_AT_EGID	14
#define LX_AT_PLATFORM	15
#define LX_AT_HWCAP	16
#define LX_AT_CLKTCK	17
#define LX_AT_SECURE	23
#define LX_AT_RANDOM	25
#define LX_AT_EXECFN	31
#define LX_AT_SYSINFO	32
