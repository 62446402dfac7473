/* gdt.h: segment selectors. The order of GDT entries is fixed here once;
 * user TLS entries start at 6 as on Linux/i386 (set_thread_area). */
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
#define GDT_ENTRIES	10

#define SELECTOR(index, rpl)	(((index) << 3) | (rpl))
#define KERNEL_CS	SELECTOR(GDT_KERNEL_CODE, 0)
#define KERNEL_DS	SELECTOR(GDT_KERNEL_DATA, 0)
#define USER_CS		SELECTOR(GDT_USER_CODE, 3)
#define USER_DS		SELECTOR(GDT_USER_DATA, 3)
#define TSS_SELECTOR	SELECTOR(GDT_TSS, 0)
#define DOUBLE_FAULT_TSS_SELECTOR SELECTOR(GDT_DOUBLE_FAULT_TSS, 0)

#define TSS_ESP0	4	/* offset of esp0 in the hardware TSS */

#ifndef __ASSEMBLER__
#include <stdint.h>

void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
#endif
