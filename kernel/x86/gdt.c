/* The GDT and the two TSSs: the one whose esp0 is the running thread's
 * kernel stack, and the one the double-fault task gate switches to so that
 * a kernel stack overflow is reported instead of ending in a triple fault. */
#include "x86/gdt.h"
#include "x86/io.h"
#include "x86/layout.h"
#include "ksyms.h"
#include "panic.h"
#include <libc/string.h>

/* Access byte bits. */
#define SEG_PRESENT	0x80
#define SEG_DPL(n)	((n) << 5)
#define SEG_CODE_DATA	0x10	/* S bit: code/data rather than system */
#define SEG_CODE_READ	0x0a
#define SEG_DATA_WRITE	0x02
#define SEG_TSS32	0x09	/* available 32-bit TSS */
/* Flags nibble. */
#define SEG_4K_32BIT	0xc	/* G=1 (limit in pages), D/B=1 */
#define SEG_32BIT	0x4	/* G=0 (limit in bytes), D/B=1 */

struct tss {
	uint16_t link, link_h;
	uint32_t esp0;
	uint16_t ss0, ss0_h;
	uint32_t esp1;
	uint16_t ss1, ss1_h;
	uint32_t esp2;
	uint16_t ss2, ss2_h;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, es_h, cs, cs_h, ss, ss_h, ds, ds_h, fs, fs_h, gs, gs_h;
	uint16_t ldt, ldt_h;
	uint16_t trap;
	uint16_t iomap_base;	/* io_bitmap, or past the limit: no ports at all */
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "hardware TSS layout");

/* The kernel TSS with the I/O permission bitmap of the running task
 * behind it (kernel/io.c), and the all-ones byte the CPU wants after it. */
struct tss_with_io {
	struct tss tss;
	uint8_t io_bitmap[IO_BITMAP_BYTES];
	uint8_t io_end;
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct tss, esp0) == TSS_ESP0, "gdt.h");

struct gdt_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

uint64_t gdt[GDT_ENTRIES];
struct tss_with_io kernel_tss_io;	/* esp0 is written by the IPC fast path too */
static struct tss double_fault_tss;
static uint8_t double_fault_stack[4096] __attribute__((aligned(16)));

extern void double_fault_entry(void);

static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	return (uint64_t)(limit & 0xffff)
	     | (uint64_t)(base & 0xffffff) << 16
	     | (uint64_t)access << 40
	     | (uint64_t)((limit >> 16) & 0xf) << 48
	     | (uint64_t)(flags & 0xf) << 52
	     | (uint64_t)(base >> 24) << 56;
}

static void set_flat_segment(int index, int dpl, uint8_t type)
{
	gdt[index] = descriptor(0, 0xfffff, SEG_PRESENT | SEG_DPL(dpl) | SEG_CODE_DATA | type,
				SEG_4K_32BIT);
}

uint64_t gdt_user_descriptor(uint32_t base, uint32_t limit, bool code)
{
	uint8_t access = SEG_PRESENT | SEG_DPL(3) | SEG_CODE_DATA |
			 (code ? SEG_CODE_READ : SEG_DATA_WRITE);

	if (limit < 0x100000)
		return descriptor(base, limit, access, SEG_32BIT);
	return descriptor(base, limit >> 12, access, SEG_4K_32BIT);
}

static void set_tss(int index, struct tss *tss)
{
	gdt[index] = descriptor((uint32_t)tss, sizeof(*tss) - 1, SEG_PRESENT | SEG_TSS32, 0);
}

static void double_fault_tss_init(void)
{
	struct tss *t = &double_fault_tss;

	t->cr3 = read_cr3();
	t->eip = (uint32_t)double_fault_entry;
	t->eflags = 0x2;	/* reserved bit; interrupts off */
	t->esp = (uint32_t)double_fault_stack + sizeof(double_fault_stack);
	t->cs = KERNEL_CS;
	t->ss = t->ds = t->es = t->fs = t->gs = KERNEL_DS;
	t->iomap_base = sizeof(*t);
}

void gdt_init(void)
{
	struct gdt_pointer gp = { sizeof(gdt) - 1, (uint32_t)gdt };

	set_flat_segment(GDT_KERNEL_CODE, 0, SEG_CODE_READ);
	set_flat_segment(GDT_KERNEL_DATA, 0, SEG_DATA_WRITE);
	gdt[GDT_USER_CODE] = gdt_user_descriptor(0, USER_SPACE_END - 1, true);
	gdt[GDT_USER_DATA] = gdt_user_descriptor(0, USER_SPACE_END - 1, false);
	kernel_tss_io.tss.ss0 = KERNEL_DS;
	kernel_tss_io.tss.iomap_base = IO_BITMAP_NONE;
	kernel_tss_io.io_end = 0xff;
	gdt[GDT_TSS] = descriptor((uint32_t)&kernel_tss_io, sizeof(kernel_tss_io) - 1,
				  SEG_PRESENT | SEG_TSS32, 0);
	double_fault_tss_init();
	set_tss(GDT_DOUBLE_FAULT_TSS, &double_fault_tss);

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\tmov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%ss\n\t"
			 "mov %3, %%fs\n\t"
			 "mov %3, %%gs\n\t"
			 "ltr %w4"
			 : : "m"(gp), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(0), "r"(TSS_SELECTOR)
			 : "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
	kernel_tss_io.tss.esp0 = esp0;
}

_Static_assert(sizeof(struct tss) == TSS_SIZE, "gdt.h: TSS_SIZE");
_Static_assert(offsetof(struct tss, iomap_base) == TSS_IOMAP_BASE, "gdt.h: TSS_IOMAP_BASE");

void tss_enable_io_bitmap(bool enable)
{
	kernel_tss_io.tss.iomap_base = enable ? sizeof(struct tss) : IO_BITMAP_NONE;
}

void tss_set_io_bitmap(const uint8_t *pages[2])
{
	memcpy(kernel_tss_io.io_bitmap, pages[0], IO_BITMAP_BYTES / 2);
	memcpy(kernel_tss_io.io_bitmap + IO_BITMAP_BYTES / 2, pages[1], IO_BITMAP_BYTES / 2);
	kernel_tss_io.tss.iomap_base = sizeof(struct tss);
}

/* Reached through the #DF task gate: the interrupted state was saved into
 * kernel_tss by the task switch. */
void double_fault_report(void)
{
	struct tss *t = &kernel_tss_io.tss;

	panic_begin();
	printk("KERNEL FAULT: #DF double fault (vector 8)\n");
	printk("  eip %08x  esp %08x  ebp %08x  eflags %08x  cr2 %08x\n",
	       t->eip, t->esp, t->ebp, t->eflags, read_cr2());
	printk("  eax %08x  ebx %08x  ecx %08x  edx %08x  esi %08x  edi %08x\n",
	       t->eax, t->ebx, t->ecx, t->edx, t->esi, t->edi);
	backtrace_print(t->eip, t->ebp);
	panic_end("double fault (kernel stack overflow?)");
}
