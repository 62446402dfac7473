/* l4/kip.h: the kernel info page, mapped read-only at L4_KIP_ADDRESS into
 * every boot task (and by sigma0 into whoever asks). It tells sigma0 which
 * physical memory is its own and where the boot modules are. */
#pragma once

#include <stdint.h>

#define L4_KIP_ADDRESS		0xbffff000
#define L4_KIP_MAGIC		0x4b345454	/* "TT4K" */
#define L4_KIP_VERSION		1
#define L4_KIP_MEMORY_MAX	40
#define L4_KIP_MODULES_MAX	16
#define L4_KIP_CMDLINE_MAX	128	/* a module's */
#define L4_KIP_KERNEL_CMDLINE_MAX 1024	/* the kernel's (Linux's i386 line is 2048) */

/* What a range of physical memory is. */
#define L4_MEMORY_SIGMA0	1	/* RAM sigma0 owns; it hands pages out exclusively */
#define L4_MEMORY_MODULE	2	/* a boot module; sigma0 maps it read-only to anybody */
#define L4_MEMORY_KERNEL	3	/* kernel image and kernel memory: never mapped */
#define L4_MEMORY_RESERVED	4	/* firmware, holes, RAM the kernel cannot reach */
#define L4_MEMORY_DEVICE	5	/* device memory sigma0 gives to one task on request:
					 * only the legacy VGA window (L4_VGA_WINDOW_*) */

/* The PC's VGA memory window (text mode lives at 0xB8000). It is the one
 * device memory the kernel describes, for the Linux server's screen; other
 * memory-mapped I/O (PCI BARs, the APIC) stays out of sigma0's reach. */
#define L4_VGA_WINDOW_BASE	0xa0000
#define L4_VGA_WINDOW_END	0xc0000

struct l4_kip_memory {
	uint32_t base, size;	/* page aligned */
	uint32_t type;		/* L4_MEMORY_* */
};

struct l4_kip_module {
	uint32_t start, end;	/* physical, end exclusive */
	char cmdline[L4_KIP_CMDLINE_MAX];
};

/* l4_kip.flags */
#define L4_KIP_SMALL_NO_CR3	0x1	/* switching to a small space loads no CR3 */

struct l4_kip {
	uint32_t magic, version;
	uint32_t flags;				/* L4_KIP_* */
	uint32_t memory_count;
	struct l4_kip_memory memory[L4_KIP_MEMORY_MAX];	/* in memory-map order, disjoint */
	uint32_t module_count;
	struct l4_kip_module modules[L4_KIP_MODULES_MAX];
	char cmdline[L4_KIP_KERNEL_CMDLINE_MAX];	/* the kernel's */
	/* Milliseconds since boot, advanced by the kernel's clock tick. Two
	 * halves written low first: read high, low, high again until the
	 * highs agree (l4_kip_clock). */
	volatile uint32_t clock_low, clock_high;
};

_Static_assert(sizeof(struct l4_kip) <= 4096, "the KIP is one page");

static inline uint64_t l4_kip_clock(const struct l4_kip *k)
{
	uint32_t high, low;

	do {
		high = k->clock_high;
		low = k->clock_low;
	} while (high != k->clock_high);
	return (uint64_t)high << 32 | low;
}
