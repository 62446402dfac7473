/*
 * memory: brk, mmap2/munmap/mprotect (anonymous, MAP_FIXED, private file
 * mappings, bad arguments), and TLS: __thread variables through %gs,
 * set_thread_area for further entries loaded into %fs.
 *
 * Nothing here touches unmapped or protected memory directly: signals do not
 * exist yet, so a fault would kill the program. Protections are checked
 * through system calls instead (read(2) into a read-only page is EFAULT).
 */
#include <fcntl.h>
#include <sys/mman.h>

#include "data.h"
#include "ktap.h"
#include "sys.h"

#define PAGE 4096UL
#define PAGE_UP(x) (((unsigned long)(x) + PAGE - 1) & ~(PAGE - 1))
#define USER_TOP 0xc0000000UL

extern char _end[];

/* A raw system call's result is an error when in [-4095, -1]. */
static int is_err(long r)
{
	return r < 0 && r >= -4095;
}

static long rmmap(unsigned long addr, unsigned long len, long prot, long flags, long fd, long pgoff)
{
	return sys80(NR_mmap2, (long)addr, (long)len, prot, flags, fd, pgoff);
}

static long rmmap_gs(unsigned long addr, unsigned long len, long prot, long flags, long fd, long pgoff)
{
	return sysgs(NR_mmap2, (long)addr, (long)len, prot, flags, fd, pgoff);
}

/* The first byte in [p, p+len) that is not v, or -1. */
static long first_not(const void *p, unsigned long len, unsigned char v)
{
	const volatile unsigned char *b = p;
	for (unsigned long i = 0; i < len; i++)
		if (b[i] != v)
			return (long)i;
	return -1;
}

#define CHECK_ALL(what, p, len, v) do { \
	long at_ = first_not((p), (len), (v)); \
	if (at_ >= 0) FAIL("%s: byte %ld is %#x, expected %#x", (what), at_, \
			   ((const unsigned char *)(p))[at_], (unsigned)(v)); \
} while (0)

/* ---- brk -------------------------------------------------------------------- */

static unsigned long brk0, brk_base;

static void brk_query(void)
{
	long b = sys80(NR_brk, 0);
	CHECK(!is_err(b) && b > 0, "brk(0): got %ld", b);
	CHECK((unsigned long)b >= (unsigned long)_end, "brk(0) %#lx is below the program's end %p", b, _end);
	CHECK((unsigned long)b < USER_TOP, "brk(0) %#lx is above 3 GB", b);
	CHECK_EQX("brk(0) sysinfo", sysgs(NR_brk, 0), b);
	brk0 = (unsigned long)b;
	brk_base = PAGE_UP(brk0);
}

static void brk_grow_zeroed_writable(void)
{
	CHECK(brk0, "no initial break");
	unsigned long top = brk_base + 16 * PAGE;
	CHECK_EQX("brk(+16 pages) int80", sys80(NR_brk, top), top);
	CHECK_EQX("brk(0) after growing", sysgs(NR_brk, 0), top);
	CHECK_ALL("new brk memory", (void *)brk_base, top - brk_base, 0);
	memset((void *)brk0, 0xab, top - brk0);
	CHECK_ALL("brk memory after writing", (void *)brk0, top - brk0, 0xab);
	/* Growing in a second step, not page aligned. */
	unsigned long top2 = top + 3 * PAGE + 100;
	CHECK_EQX("brk(unaligned) sysinfo", sysgs(NR_brk, top2), top2);
	CHECK_ALL("second growth", (void *)top, top2 - top, 0);
	memset((void *)top, 0xcd, top2 - top);
	CHECK_ALL("first growth kept its bytes", (void *)brk_base, top - brk_base, 0xab);
}

static void brk_shrink_and_regrow(void)
{
	CHECK(brk0, "no initial break");
	CHECK_EQX("brk(shrink to a page boundary)", sys80(NR_brk, brk_base + PAGE), brk_base + PAGE);
	CHECK_EQX("brk(0) after shrinking", sys80(NR_brk, 0), brk_base + PAGE);
	CHECK_ALL("memory below the break kept", (void *)brk_base, PAGE, 0xab);
	unsigned long top = brk_base + 8 * PAGE;
	CHECK_EQX("brk(regrow)", sys80(NR_brk, top), top);
	CHECK_ALL("regrown memory is zero again", (void *)(brk_base + PAGE), 7 * PAGE, 0);
	CHECK_EQX("brk(back to the start)", sysgs(NR_brk, brk0), brk0);
	CHECK_EQX("brk(0)", sys80(NR_brk, 0), brk0);
}

static void brk_refused_keeps_break(void)
{
	CHECK(brk0, "no initial break");
	CHECK_EQX("brk(0x1000) (below the start)", sys80(NR_brk, 0x1000), brk0);
	CHECK_EQX("brk(0xc0001000) (above 3 GB)", sys80(NR_brk, 0xc0001000L), brk0);
	CHECK_EQX("brk(0xfffff000)", sysgs(NR_brk, (long)0xfffff000UL), brk0);
	CHECK_EQX("brk(0) unchanged", sys80(NR_brk, 0), brk0);
}

/* ---- mmap ------------------------------------------------------------------- */

static void mmap_anonymous_zeroed(void)
{
	long a = rmmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(a), "mmap2(anonymous, 3 pages) int80: %ld", a);
	CHECK_EQX("alignment", (unsigned long)a % PAGE, 0);
	CHECK((unsigned long)a + 3 * PAGE <= USER_TOP, "mapping at %#lx reaches above 3 GB", a);
	CHECK_ALL("new anonymous memory", (void *)a, 3 * PAGE, 0);
	memset((void *)a, 0x3c, 3 * PAGE);
	CHECK_ALL("written anonymous memory", (void *)a, 3 * PAGE, 0x3c);

	long b = rmmap_gs(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(b), "mmap2(anonymous, 2 pages) sysinfo: %ld", b);
	CHECK((unsigned long)b + 2 * PAGE <= (unsigned long)a || (unsigned long)b >= (unsigned long)a + 3 * PAGE,
	      "mappings overlap: %#lx and %#lx", a, b);
	CHECK_ALL("second mapping", (void *)b, 2 * PAGE, 0);
	CHECK_ALL("first mapping kept", (void *)a, 3 * PAGE, 0x3c);

	void *c = mmap(NULL, 5000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(c != MAP_FAILED, "mmap libc: errno %d", errno);
	CHECK_ALL("libc mapping (rounded up to 2 pages)", c, 2 * PAGE, 0);
	memset(c, 1, 2 * PAGE);
	CHECK_EQ("munmap libc", munmap(c, 5000), 0);
	CHECK_SYS("munmap", sys80(NR_munmap, a, 3 * PAGE), 0);
	CHECK_SYS("munmap sysinfo", sysgs(NR_munmap, b, 2 * PAGE), 0);
}

static void mmap_many_pages(void)
{
	unsigned long len = 2 * 1024 * 1024;
	long a = rmmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(a), "mmap2(2 MB): %ld", a);
	volatile unsigned long *w = (volatile unsigned long *)a;
	for (unsigned long i = 0; i < len / PAGE; i++) {
		CHECK(w[i * PAGE / 4 + (i % 1000)] == 0, "page %lu not zero", i);
		w[i * PAGE / 4 + (i % 1000)] = i * 2654435761UL;
	}
	for (unsigned long i = 0; i < len / PAGE; i++)
		CHECK(w[i * PAGE / 4 + (i % 1000)] == i * 2654435761UL, "page %lu lost its word", i);
	CHECK_SYS("munmap(2 MB)", sys80(NR_munmap, a, len), 0);
}

static void munmap_partial_and_args(void)
{
	long a = rmmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(a), "mmap2: %ld", a);
	memset((void *)a, 0x77, 3 * PAGE);
	CHECK_SYS("munmap(middle page)", sys80(NR_munmap, a + PAGE, PAGE), 0);
	CHECK_ALL("page before the hole", (void *)a, PAGE, 0x77);
	CHECK_ALL("page after the hole", (void *)(a + 2 * PAGE), PAGE, 0x77);
	/* The hole is really gone: a read(2) into it fails, mprotect finds nothing. */
	CHECK_SYS("mprotect(the hole)", sys80(NR_mprotect, a + PAGE, PAGE, PROT_READ), -ENOMEM);
	long fd = sys80(NR_open, (long)"/dev/zero", O_RDONLY);
	CHECK_SYS_OK("open(/dev/zero)", fd);
	CHECK_SYS("read(/dev/zero) into the hole", sys80(NR_read, fd, a + PAGE, 16), -EFAULT);
	sys80(NR_close, fd);
	/* MAP_FIXED fills the hole again, zeroed. */
	CHECK_EQX("mmap2(MAP_FIXED into the hole)",
		  (unsigned long)rmmap(a + PAGE, PAGE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  a + PAGE);	/* (unsigned: Linux's addresses may be above 2 GB) */
	CHECK_ALL("refilled hole", (void *)(a + PAGE), PAGE, 0);
	CHECK_SYS("munmap(unaligned)", sys80(NR_munmap, a + 1, PAGE), -EINVAL);
	CHECK_SYS("munmap(length 0)", sys80(NR_munmap, a, 0), -EINVAL);
	CHECK_SYS("munmap(whole)", sysgs(NR_munmap, a, 3 * PAGE), 0);
	CHECK_SYS("munmap(already unmapped)", sys80(NR_munmap, a, 3 * PAGE), 0);
}

static void mmap_fixed_replaces(void)
{
	long a = rmmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(a), "mmap2(4 pages): %ld", a);
	memset((void *)a, 0x11, 4 * PAGE);
	long r = rmmap_gs(a + PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK_EQX("mmap2(MAP_FIXED over pages 1..2)", (unsigned long)r, a + PAGE);
	CHECK_ALL("replaced pages", (void *)(a + PAGE), 2 * PAGE, 0);
	CHECK_ALL("page 0 kept", (void *)a, PAGE, 0x11);
	CHECK_ALL("page 3 kept", (void *)(a + 3 * PAGE), PAGE, 0x11);
	memset((void *)(a + PAGE), 0x22, 2 * PAGE);
	CHECK_ALL("replaced pages writable", (void *)(a + PAGE), 2 * PAGE, 0x22);
	CHECK_SYS("mmap2(MAP_FIXED, unaligned)",
		  rmmap(a + 12, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), -EINVAL);
	CHECK_ALL("page 0 kept after the refused call", (void *)a, PAGE, 0x11);
	/* A non-fixed request never lands on a mapping in use. */
	long b = rmmap(a, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(b), "mmap2(hint in use): %ld", b);
	CHECK((unsigned long)b + PAGE <= (unsigned long)a || (unsigned long)b >= (unsigned long)a + 4 * PAGE,
	      "hinted mapping %#lx overlaps the one at %#lx", b, a);
	CHECK_ALL("page 0 kept after a hinted mmap", (void *)a, PAGE, 0x11);
	sys80(NR_munmap, b, PAGE);
	CHECK_SYS("munmap", sys80(NR_munmap, a, 4 * PAGE), 0);
}

/* Results are addresses, whatever their top bit: 2 GB and just below the
 * emulation region come back as they are (and the pages work). */
static void mmap_fixed_high_addresses(void)
{
	static const unsigned long at[] = { 0x80000000ul, 0xbf000000ul };

	for (unsigned i = 0; i < sizeof at / sizeof at[0]; i++) {
		long r = rmmap_gs(at[i], PAGE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		CHECK_EQX("mmap2(MAP_FIXED)", r, (long)at[i]);
		if (r != (long)at[i])
			continue;
		*(volatile int *)r = 5;
		CHECK_EQ("the page works", *(volatile int *)r, 5);
		CHECK_SYS("munmap", sys80(NR_munmap, r, PAGE), 0);
	}
}

static void mmap_bad_args(void)
{
	CHECK_SYS("mmap2(length 0)", rmmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL);
	CHECK_SYS("mmap2(neither shared nor private)", rmmap(0, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL);
	CHECK_SYS("mmap2(file, fd -1)", rmmap(0, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), -EBADF);
	CHECK_SYS("mmap2(file, fd 1000)", rmmap_gs(0, PAGE, PROT_READ, MAP_PRIVATE, 1000, 0), -EBADF);
	CHECK_SYS("mmap2(3.9 GB)", rmmap(0, 0xfa000000UL, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -ENOMEM);
	CHECK_SYS("mmap2(length -4096)", rmmap(0, (unsigned long)-4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		  -ENOMEM);
	long fd = sys80(NR_open, (long)"/tmp/memory-wronly", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_SYS_OK("open(/tmp/memory-wronly)", fd);
	CHECK_SYS("write", sys80(NR_write, fd, (long)"data", 4), 4);
	CHECK_SYS("mmap2(write-only file)", rmmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), -EACCES);
	sys80(NR_close, fd);
	errno = 0;
	void *p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED && errno == EINVAL, "mmap libc length 0: %p errno %d", p, errno);
}

static void mmap_private_file(void)
{
	static char want[NUMBERS_SIZE + 1];
	CHECK_EQ("numbers.txt size", numbers_text(want, sizeof want), NUMBERS_SIZE);
	long fd = sys80(NR_open, (long)"/test/numbers.txt", O_RDONLY);
	CHECK_SYS_OK("open(/test/numbers.txt)", fd);
	long a = rmmap(0, NUMBERS_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!is_err(a), "mmap2(numbers.txt) int80: %ld", a);
	CHECK_MEM("mapped numbers.txt", (void *)a, want, NUMBERS_SIZE);
	unsigned long end = PAGE_UP(NUMBERS_SIZE);
	CHECK_ALL("past the end of the file in its last page", (void *)(a + NUMBERS_SIZE), end - NUMBERS_SIZE, 0);
	CHECK_SYS("munmap", sys80(NR_munmap, a, NUMBERS_SIZE), 0);

	/* mmap2 counts its offset in pages. */
	a = rmmap_gs(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 1);
	CHECK(!is_err(a), "mmap2(numbers.txt, page 1) sysinfo: %ld", a);
	CHECK_MEM("pages 1..2 of numbers.txt", (void *)a, want + PAGE, 2 * PAGE);
	CHECK_SYS("munmap", sys80(NR_munmap, a, 2 * PAGE), 0);
	a = rmmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 3);
	CHECK(!is_err(a), "mmap2(numbers.txt, page 3): %ld", a);
	CHECK_MEM("page 3 (the file's last)", (void *)a, want + 3 * PAGE, NUMBERS_SIZE - 3 * PAGE);
	CHECK_SYS("munmap", sys80(NR_munmap, a, PAGE), 0);

	/* The file offset is independent of mappings. */
	char buf[8];
	CHECK_SYS("read after mapping", sys80(NR_read, fd, (long)buf, 8), 8);
	CHECK_MEM("read after mapping", buf, want, 8);

	void *p = mmap(NULL, NUMBERS_SIZE, PROT_READ, MAP_PRIVATE, (int)fd, 0);
	CHECK(p != MAP_FAILED, "mmap libc: errno %d", errno);
	CHECK_MEM("mapped through libc", p, want, NUMBERS_SIZE);
	munmap(p, NUMBERS_SIZE);
	sys80(NR_close, fd);
}

static void mmap_private_file_copy_on_write(void)
{
	long fd = sys80(NR_open, (long)"/test/hello.txt", O_RDONLY);
	CHECK_SYS_OK("open(/test/hello.txt)", fd);
	long a = rmmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(!is_err(a), "mmap2(hello.txt, writable private): %ld", a);
	long b = rmmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!is_err(b), "mmap2(hello.txt, read-only): %ld", b);
	CHECK_MEM("hello.txt mapped", (void *)a, HELLO_TEXT, HELLO_SIZE);
	memcpy((void *)a, "JELLO", 5);
	CHECK_MEM("private copy written", (void *)a, "JELLO from", 10);
	CHECK_MEM("other mapping unchanged", (void *)b, HELLO_TEXT, HELLO_SIZE);
	char buf[HELLO_SIZE];
	CHECK_SYS("read(hello.txt)", sys80(NR_read, fd, (long)buf, HELLO_SIZE), (long)HELLO_SIZE);
	CHECK_MEM("file unchanged", buf, HELLO_TEXT, HELLO_SIZE);
	sys80(NR_munmap, a, PAGE);
	sys80(NR_munmap, b, PAGE);
	/* The mapping survives close. */
	a = rmmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!is_err(a), "mmap2(hello.txt): %ld", a);
	sys80(NR_close, fd);
	CHECK_MEM("mapping after close", (void *)a, HELLO_TEXT, HELLO_SIZE);
	sys80(NR_munmap, a, PAGE);
}

static void mprotect_changes_access(void)
{
	long a = rmmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(!is_err(a), "mmap2: %ld", a);
	memset((void *)a, 0x42, 2 * PAGE);
	CHECK_SYS("mprotect(PROT_READ) int80", sys80(NR_mprotect, a, 2 * PAGE, PROT_READ), 0);
	CHECK_ALL("readable after PROT_READ", (void *)a, 2 * PAGE, 0x42);
	/* The system call honours it: read(2) cannot write there. */
	long fd = sys80(NR_open, (long)"/dev/zero", O_RDONLY);
	CHECK_SYS_OK("open(/dev/zero)", fd);
	CHECK_SYS("read into a read-only page", sys80(NR_read, fd, a, 16), -EFAULT);
	CHECK_ALL("read-only page unchanged", (void *)a, 2 * PAGE, 0x42);
	CHECK_SYS("mprotect(PROT_NONE) sysinfo", sysgs(NR_mprotect, a + PAGE, PAGE, PROT_NONE), 0);
	CHECK_SYS("write(2) from a PROT_NONE page", sys80(NR_write, 1, a + PAGE, 16), -EFAULT);
	CHECK_SYS("mprotect(RW)", sys80(NR_mprotect, a, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
	CHECK_SYS("read into the writable page", sys80(NR_read, fd, a, 16), 16);
	CHECK_ALL("zeroed by read(/dev/zero)", (void *)a, 16, 0);
	CHECK_ALL("rest kept", (void *)(a + 16), 2 * PAGE - 16, 0x42);
	memset((void *)a, 0x43, 2 * PAGE);
	CHECK_ALL("writable again", (void *)a, 2 * PAGE, 0x43);
	sys80(NR_close, fd);
	CHECK_SYS("mprotect(unaligned)", sys80(NR_mprotect, a + 1, PAGE, PROT_READ), -EINVAL);
	CHECK_SYS("mprotect(prot 0x10)", sys80(NR_mprotect, a, PAGE, 0x10), -EINVAL);
	CHECK_SYS("mprotect(length 0)", sys80(NR_mprotect, a, 0, PROT_READ), 0);
	CHECK_SYS("munmap", sys80(NR_munmap, a, 2 * PAGE), 0);
	CHECK_SYS("mprotect(unmapped)", sys80(NR_mprotect, a, PAGE, PROT_READ), -ENOMEM);
	CHECK_EQ("mprotect libc", mprotect((void *)(((unsigned long)_end - 1) & ~(PAGE - 1)), PAGE,
					   PROT_READ | PROT_WRITE), 0);
}

/* ---- TLS ---------------------------------------------------------------------- */

static __thread int tls_int = 42;
static __thread char tls_zero[100];
static __thread const char *tls_ptr = "tls";

static void tls_thread_variables(void)
{
	CHECK_EQ("__thread int (initialised)", tls_int, 42);
	CHECK_ALL("__thread char[100] (zero)", tls_zero, sizeof tls_zero, 0);
	CHECK_STR("__thread pointer", tls_ptr, "tls");
	tls_int = 7;
	memset(tls_zero, 9, sizeof tls_zero);
	CHECK_EQ("__thread int after writing", tls_int, 7);
	CHECK_ALL("__thread char[100] after writing", tls_zero, sizeof tls_zero, 9);

	unsigned short gs = read_gs();
	CHECK_EQ("%gs RPL", gs & 7, 3);		/* GDT, ring 3 */
	CHECK(gs >> 3 >= 6 && gs >> 3 <= 8, "%%gs %#x is not a TLS entry (6..8)", gs);
	/* Both libcs keep the thread pointer at %gs:0, and variables below it. */
	unsigned long tp, via_gs;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(tp));
	CHECK((unsigned long)&tls_int < tp && tp - (unsigned long)&tls_int < 65536,
	      "&tls_int %p vs thread pointer %#lx", (void *)&tls_int, tp);
	long off = (long)((unsigned long)&tls_int - tp);
	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(via_gs) : "r"(off));
	CHECK_EQ("tls_int read at a negative %gs offset", via_gs, 7);
	__asm__ volatile("movl %%gs:0x10, %0" : "=r"(via_gs));
	CHECK(via_gs != 0 && via_gs < USER_TOP, "%%gs:0x10 (AT_SYSINFO) is %#lx", via_gs);
}

static unsigned long seg_buf[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };
static unsigned long seg_buf2[4] = { 0xaaaa, 0xbbbb, 0xcccc, 0xdddd };

static unsigned long read_fs_at(unsigned long off)
{
	unsigned long v;
	__asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static void set_entry(struct kuser_desc *d, unsigned entry, unsigned long base, unsigned limit, int pages)
{
	memset(d, 0, sizeof *d);
	d->entry_number = entry;
	d->base_addr = (unsigned)base;
	d->limit = limit;
	d->seg_32bit = 1;
	d->limit_in_pages = pages;
	d->useable = 1;
}

static void set_empty(struct kuser_desc *d, unsigned entry)
{
	memset(d, 0, sizeof *d);
	d->entry_number = entry;
	d->read_exec_only = 1;
	d->seg_not_present = 1;
}

static void set_thread_area_second_entry(void)
{
	struct kuser_desc d;
	unsigned gs_entry = read_gs() >> 3;
	set_entry(&d, (unsigned)-1, (unsigned long)seg_buf, sizeof seg_buf - 1, 0);
	CHECK_SYS("set_thread_area(entry -1) int80", sys80(NR_set_thread_area, (long)&d), 0);
	unsigned e = d.entry_number;
	CHECK(e >= 6 && e <= 8, "entry_number %u, expected 6..8", e);
	CHECK(e != gs_entry, "got %%gs's entry %u again", e);
	load_fs((unsigned short)(e << 3 | 3));
	CHECK_EQX("%fs:0", read_fs_at(0), 0x1111);
	CHECK_EQX("%fs:12", read_fs_at(12), 0x4444);
	__asm__ volatile("movl %0, %%fs:8" : : "r"(0x5555UL) : "memory");
	CHECK_EQX("written through %fs:8", seg_buf[2], 0x5555);
	CHECK_EQ("TLS through %gs still works", tls_int, 7);

	/* Rewriting the entry moves the segment once %fs is reloaded. */
	set_entry(&d, e, (unsigned long)seg_buf2, sizeof seg_buf2 - 1, 0);
	CHECK_SYS("set_thread_area(same entry) sysinfo", sysgs(NR_set_thread_area, (long)&d), 0);
	CHECK_EQ("entry_number kept", d.entry_number, e);
	load_fs((unsigned short)(e << 3 | 3));
	CHECK_EQX("%fs:4 after moving", read_fs_at(4), 0xbbbb);

	/* A flat 4 GB segment reads user memory at its linear address. */
	set_entry(&d, e, 0, 0xfffff, 1);
	CHECK_SYS("set_thread_area(flat 4 GB)", sys80(NR_set_thread_area, (long)&d), 0);
	load_fs((unsigned short)(e << 3 | 3));
	CHECK_EQX("flat %fs at &seg_buf[1]", read_fs_at((unsigned long)&seg_buf[1]), 0x2222);
	CHECK_EQX("flat %fs at &seg_buf2[3]", read_fs_at((unsigned long)&seg_buf2[3]), 0xdddd);

	load_fs(0);
	set_empty(&d, e);
	CHECK_SYS("set_thread_area(clear)", sys80(NR_set_thread_area, (long)&d), 0);
}

static void set_thread_area_limits(void)
{
	struct kuser_desc d[3];
	unsigned got[3];
	int n = 0;
	/* Linux has three TLS entries; the libc holds one. */
	for (; n < 3; n++) {
		set_entry(&d[n], (unsigned)-1, (unsigned long)seg_buf, 15, 0);
		long r = sys80(NR_set_thread_area, (long)&d[n]);
		if (r != 0) {
			CHECK_SYS("set_thread_area(entry -1) with all entries taken", r, -ESRCH);
			break;
		}
		got[n] = d[n].entry_number;
	}
	CHECK_EQ("free TLS entries besides the libc's", n, 2);
	CHECK(got[0] != got[1], "entry %u handed out twice", got[0]);
	for (int i = 0; i < n; i++) {
		set_empty(&d[i], got[i]);
		CHECK_SYS("set_thread_area(clear)", sys80(NR_set_thread_area, (long)&d[i]), 0);
	}
	set_entry(&d[0], (unsigned)-1, (unsigned long)seg_buf, 15, 0);
	CHECK_SYS("set_thread_area(entry -1) after clearing", sys80(NR_set_thread_area, (long)&d[0]), 0);
	CHECK_EQ("the first cleared entry is free again", d[0].entry_number, got[0]);
	set_empty(&d[0], got[0]);
	sys80(NR_set_thread_area, (long)&d[0]);

	set_entry(&d[0], 5, (unsigned long)seg_buf, 15, 0);
	CHECK_SYS("set_thread_area(entry 5)", sys80(NR_set_thread_area, (long)&d[0]), -EINVAL);
	set_entry(&d[0], 9, (unsigned long)seg_buf, 15, 0);
	CHECK_SYS("set_thread_area(entry 9)", sysgs(NR_set_thread_area, (long)&d[0]), -EINVAL);
	CHECK_SYS("set_thread_area((void *)1)", sys80(NR_set_thread_area, 1), -EFAULT);
	CHECK_EQ("TLS intact", tls_int, 7);
}

/* madvise(MADV_DONTNEED) on private anonymous memory: the pages read as
 * zeros again; other advice changes nothing; bad arguments are refused. */
static void madvise_dontneed_zeroes(void)
{
	unsigned char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0);

	CHECK(m != MAP_FAILED, "mmap");
	memset(m, 0xa5, 3 * 4096);
	CHECK_EQ("MADV_WILLNEED", madvise(m, 3 * 4096, MADV_WILLNEED), 0);
	CHECK_EQ("still there", m[4096], 0xa5);
	CHECK_EQ("MADV_DONTNEED of the first two", madvise(m, 2 * 4096, MADV_DONTNEED), 0);
	CHECK_EQ("zero again", m[0] | m[4095] | m[4096] | m[8191], 0);
	CHECK_EQ("the third kept", m[8192], 0xa5);
	CHECK_ERRNO("unaligned", madvise(m + 1, 4096, MADV_DONTNEED), EINVAL);
	CHECK_EQ("munmap", munmap(m, 3 * 4096), 0);
	CHECK_ERRNO("unmapped", madvise(m, 4096, MADV_DONTNEED), ENOMEM);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(brk_query),
	KTAP_CASE(brk_grow_zeroed_writable),
	KTAP_CASE(brk_shrink_and_regrow),
	KTAP_CASE(brk_refused_keeps_break),
	KTAP_CASE(mmap_anonymous_zeroed),
	KTAP_CASE(mmap_many_pages),
	KTAP_CASE(munmap_partial_and_args),
	KTAP_CASE(mmap_fixed_replaces),
	KTAP_CASE(mmap_fixed_high_addresses),
	KTAP_CASE(mmap_bad_args),
	KTAP_CASE(mmap_private_file),
	KTAP_CASE(mmap_private_file_copy_on_write),
	KTAP_CASE(mprotect_changes_access),
	KTAP_CASE(madvise_dontneed_zeroes),
	KTAP_CASE(tls_thread_variables),
	KTAP_CASE(set_thread_area_second_entry),
	KTAP_CASE(set_thread_area_limits),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
