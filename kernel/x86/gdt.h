/* gdt.h: segment selectors. The order of GDT entries is fixed here once;
 * user TLS entries start at 6 as on Linux/i386 (set_thread_area).
 *
 * User segments of large spaces end at 3 GB, so no ordinary user segment
 * reaches the small-space region or the kernel. SMALL_CS and SMALL_DS
 * describe the window of the small space whose thread runs, and are not
 * present while any other thread runs; the TLS entries hold the running
 * thread's own descriptors (see kernel/segments.c). */
#pragma once

#define GDT_NULL	0
#define GDT_KERNEL_CODE	1
#define GDT_KERNEL_DATA	2
#define GDT_USER_CODE	3
#define GDT_USER_DATA	4
#define GDT_TSS		5
#define GDT_TLS_FIRST	6	/* three per-thread user data segments */
#define GDT_TLS_COUNT	3
#define GDT_DOUBLE_FAULT_TSS 9	/* #DF runs on its own task and stack */
#define GDT_SMALL_CODE	10	/* the running small space's window */
#define GDT_SMALL_DATA	11
#define GDT_ENTRIES	12

#define SELECTOR(index, rpl)	(((index) << 3) | (rpl))
#define KERNEL_CS	SELECTOR(GDT_KERNEL_CODE, 0)
#define KERNEL_DS	SELECTOR(GDT_KERNEL_DATA, 0)
#define USER_CS		SELECTOR(GDT_USER_CODE, 3)
#define USER_DS		SELECTOR(GDT_USER_DATA, 3)
#define SMALL_CS	SELECTOR(GDT_SMALL_CODE, 3)
#define SMALL_DS	SELECTOR(GDT_SMALL_DATA, 3)
#define TSS_SELECTOR	SELECTOR(GDT_TSS, 0)
#define DOUBLE_FAULT_TSS_SELECTOR SELECTOR(GDT_DOUBLE_FAULT_TSS, 0)

#define TSS_ESP0	4	/* offset of esp0 in the hardware TSS */
#define TSS_IOMAP_BASE	102	/* offset of iomap_base in the hardware TSS */
#define TSS_SIZE	104	/* the hardware TSS; iomap_base = TSS_SIZE: the bitmap follows */
#define IO_BITMAP_BYTES	8192	/* one bit per port, 1 = no access */
#define IO_BITMAP_NONE	0xffff	/* iomap_base past the TSS limit: no ports */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
/* Copies a task's I/O bitmap (two pages of IO_BITMAP_BYTES / 2) into the
 * TSS and enables it. */
void tss_set_io_bitmap(const uint8_t *pages[2]);
/* Enables the bitmap the TSS holds, or allows no port at all. */
void tss_enable_io_bitmap(bool enable);

/* A user (DPL 3, 32-bit) segment descriptor for [base, base + limit]:
 * byte granular up to 1 MB, else page granular (limit rounded up). */
uint64_t gdt_user_descriptor(uint32_t base, uint32_t limit, bool code);
/* Writes a GDT entry (0: not present). The caller reloads what uses it. */
extern uint64_t gdt[GDT_ENTRIES];

static inline void gdt_set(int index, uint64_t descriptor)
{
	gdt[index] = descriptor;
}
#endif
