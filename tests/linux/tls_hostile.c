/*
 * tls_hostile: a Linux process whose TLS segment spans 4 GB must still reach
 * nothing above 3 GB.
 *
 * glibc and musl on i386 address TLS at negative %gs offsets, so
 * set_thread_area gives them a segment with a 4 GB limit. Such a segment
 * reaches every linear address, including the small-space region at
 * 0xc0000000 where the servers live and the kernel's physmap at 0xf0000000.
 * The kernel's invariant (DESIGN.md, small address spaces): no thread reads
 * memory it was not mapped. This program asks for a flat data segment of its
 * own (base 0, limit 0xfffff pages, 32-bit) with set_thread_area, loads it
 * into %fs (%gs stays glibc's), checks that it reads the program's own memory,
 * then reads through it above 3 GB.
 *
 * EXPECTED OUTCOME (what the harness checks in the serial log):
 *
 *     tls_hostile: segment ok: entry N, <value> at <own address>
 *     tls_hostile: reading 0xc0000000
 *     ... the server reports the process killed by a fault ...
 *
 * The very first read above 3 GB must fault. Signals do not exist yet, so
 * the server kills the process on that fault (later: SIGSEGV, which this
 * program does not catch). "tls_hostile: LEAKED" must never appear: it is
 * printed only when a read above 3 GB returned a value. If every read
 * survives, the program ends with "tls_hostile: FAIL, no read faulted" and
 * exit status 1; if it cannot build the segment, "tls_hostile: SETUP FAILED"
 * and exit status 2. There is no KTAP output: the pass condition is the kill.
 *
 * On native Linux/i386 the same program dies of SIGSEGV at the first read
 * (the kernel half is not user-accessible), which is the reference.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sys.h"

static void say(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static volatile unsigned long marker = 0x600dcafe;

static unsigned long read_fs_at(unsigned long addr)
{
	unsigned long v;
	__asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

int main(void)
{
	char line[128];
	struct kuser_desc d;
	memset(&d, 0, sizeof d);
	d.entry_number = (unsigned)-1;
	d.base_addr = 0;
	d.limit = 0xfffff;		/* with limit_in_pages: the whole 4 GB */
	d.seg_32bit = 1;
	d.limit_in_pages = 1;
	d.useable = 1;
	long r = sys80(NR_set_thread_area, (long)&d);
	if (r != 0 || d.entry_number < 6 || d.entry_number > 8) {
		snprintf(line, sizeof line, "tls_hostile: SETUP FAILED: set_thread_area %ld, entry %u\n",
			 r, d.entry_number);
		say(line);
		return 2;
	}
	load_fs((unsigned short)(d.entry_number << 3 | 3));
	unsigned long own = read_fs_at((unsigned long)&marker);
	if (own != marker) {
		snprintf(line, sizeof line, "tls_hostile: SETUP FAILED: %%fs:%p reads %#lx, not %#lx\n",
			 (void *)&marker, own, marker);
		say(line);
		return 2;
	}
	snprintf(line, sizeof line, "tls_hostile: segment ok: entry %u, %#lx at %p\n",
		 d.entry_number, own, (void *)&marker);
	say(line);

	/* Every 4 MB of the small-space region up to 0xe0000000, then the
	 * kernel's physmap. Only the first read is expected to happen. */
	for (unsigned long a = 0xc0000000UL;; a += 0x400000UL) {
		if (a > 0xe0000000UL)
			a = 0xf0000000UL;
		snprintf(line, sizeof line, "tls_hostile: reading %#lx\n", a);
		say(line);
		unsigned long v = read_fs_at(a);	/* must fault: the process dies here */
		snprintf(line, sizeof line, "tls_hostile: LEAKED %#lx at %#lx\n", v, a);
		say(line);
		if (a == 0xf0000000UL)
			break;
	}
	say("tls_hostile: FAIL, no read faulted\n");
	return 1;
}
