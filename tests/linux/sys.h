/*
 * sys.h: raw i386 Linux system calls for the tests, by both ways in:
 *
 *   sys80(nr, args...)   `int $0x80` (on Tessera: the trampoline)
 *   sysgs(nr, args...)   `call *%gs:0x10`, the AT_SYSINFO entry the libc
 *                        stored in its thread block (on Tessera: the
 *                        emulation library), as glibc and musl do
 *
 * Both return what the kernel returns in eax: a negative errno on failure.
 * Arguments are longs (cast pointers). Up to six; missing ones are 0.
 * The sixth goes in ebp, which is saved around the call.
 */
#ifndef TESSERA_LINUX_SYS_H
#define TESSERA_LINUX_SYS_H

#define TESSERA_SYSCALL(name, insn) \
static inline long name(long nr, long a1, long a2, long a3, long a4, long a5, long a6) \
{ \
	long block[2] = { nr, a6 }; \
	long ret; \
	__asm__ volatile("push %%ebp\n\t" \
			 "mov 4(%%eax), %%ebp\n\t" \
			 "mov (%%eax), %%eax\n\t" \
			 insn "\n\t" \
			 "pop %%ebp" \
			 : "=a"(ret) \
			 : "a"(block), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5) \
			 : "memory", "cc"); \
	return ret; \
}

TESSERA_SYSCALL(raw_int80, "int $0x80")
TESSERA_SYSCALL(raw_sysinfo, "call *%%gs:0x10")

#define SYS_PICK7_(a, b, c, d, e, f, g, ...) a, b, c, d, e, f, g
#define sys80(...) raw_int80(SYS_PICK7_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0))
#define sysgs(...) raw_sysinfo(SYS_PICK7_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0))

/* The i386 numbers the tests use (arch/x86/entry/syscalls/syscall_32.tbl). */
enum {
	NR_exit = 1, NR_read = 3, NR_write = 4, NR_open = 5, NR_close = 6,
	NR_unlink = 10, NR_lseek = 19, NR_getpid = 20, NR_getuid = 24,
	NR_brk = 45, NR_ioctl = 54, NR_getppid = 64, NR_gettimeofday = 78,
	NR_symlink = 83, NR_readlink = 85, NR_munmap = 91, NR_uname = 122,
	NR_mprotect = 125, NR_llseek = 140, NR_readv = 145, NR_writev = 146,
	NR_nanosleep = 162, NR_mmap2 = 192, NR_stat64 = 195, NR_lstat64 = 196,
	NR_fstat64 = 197, NR_getuid32 = 199, NR_getgid32 = 200,
	NR_geteuid32 = 201, NR_getegid32 = 202, NR_getdents64 = 220,
	NR_gettid = 224, NR_set_thread_area = 243, NR_get_thread_area = 244,
	NR_exit_group = 252, NR_set_tid_address = 258, NR_clock_gettime = 265,
	NR_clock_getres = 266, NR_openat = 295, NR_fstatat64 = 300,
	NR_getrandom = 355, NR_sendfile64 = 239,
};

/* Numbers no Linux/i386 kernel assigns: 223 and 285 are holes in the
 * table, 999 is beyond its end. (400 is msgsnd, so it is not used here.) */
enum { NR_unassigned_hole1 = 223, NR_unassigned_hole2 = 285, NR_unassigned_high = 999 };

/* The kernel's struct stat64 for i386 (asm/stat.h), 96 bytes. */
struct kstat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime_sec, st_atime_nsec;
	unsigned long st_mtime_sec, st_mtime_nsec;
	unsigned long st_ctime_sec, st_ctime_nsec;
	unsigned long long st_ino;
};
_Static_assert(sizeof(struct kstat64) == 96, "struct stat64 is 96 bytes on i386");
_Static_assert(__builtin_offsetof(struct kstat64, st_size) == 44, "st_size at 44");

/* The kernel's struct user_desc (asm/ldt.h) for set_thread_area. */
struct kuser_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
};
_Static_assert(sizeof(struct kuser_desc) == 16, "struct user_desc is 16 bytes");

/* The kernel's struct linux_dirent64. */
struct kdirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static inline unsigned short read_gs(void)
{
	unsigned short v;
	__asm__ volatile("mov %%gs, %0" : "=r"(v));
	return v;
}

static inline unsigned short read_fs(void)
{
	unsigned short v;
	__asm__ volatile("mov %%fs, %0" : "=r"(v));
	return v;
}

static inline void load_fs(unsigned short sel)
{
	__asm__ volatile("mov %0, %%fs" : : "r"(sel) : "memory");
}

#endif
