/* kernel_main: bring the machine up in dependency order, then start work.
 *
 * Order matters: the serial log first (so everything after can report),
 * then the descriptor tables (so faults are reported, not triple faults),
 * then paging and the boot information it makes reachable, then memory,
 * then the clock and interrupts. */
#include "boot_tasks.h"
#include "bootinfo.h"
#include "clock.h"
#include "frame.h"
#include "ktest.h"
#include "panic.h"
#include "sched.h"
#include "segments.h"
#include "syscall.h"
#include "task.h"
#include "x86/cpu.h"
#include "x86/fpu.h"
#include "x86/gdt.h"
#include "x86/idt.h"
#include "x86/io.h"
#include "x86/paging.h"
#include "x86/pic.h"
#include "x86/serial.h"

extern char boot_stack_top[];

static void log_boot_info(const struct boot_info *info)
{
	printk("boot: command line \"%s\"\n", info->cmdline);
	printk("boot: %u KB lower, %u KB upper memory; memory map:\n", info->mem_lower_kb,
	       info->mem_upper_kb);
	for (uint32_t i = 0; i < info->region_count; i++) {
		const struct memory_region *r = &info->regions[i];

		printk("  [%#010llx, %#010llx) %s\n", r->base, r->base + r->length,
		       r->type == MEMORY_AVAILABLE ? "available" : "reserved");
	}
	for (uint32_t i = 0; i < info->module_count; i++)
		printk("boot: module %u [%#x, %#x) \"%s\"\n", i, info->modules[i].start,
		       info->modules[i].end, info->modules[i].cmdline);
}

/* The idle thread is the boot context itself: it owns TCB slot 0 (whose id
 * stays nil) for its scheduling state and keeps running on the boot stack. */
static struct tcb *idle_thread_create(void)
{
	struct tcb *idle = tcb_alloc(L4_NIL_ID);

	if (!idle)
		panic("no memory for the idle thread");
	idle->state = THREAD_READY;
	idle->task = &tasks[KERNEL_TASK];
	return idle;
}

void kernel_main(uint32_t magic, uint32_t info_phys)
{
	serial_init();
	printk("Tessera %s: an L4-style microkernel for i386\n", TESSERA_VERSION);
	gdt_init();
	idt_init();
	tss_set_kernel_stack((uint32_t)boot_stack_top);
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (eax %#x)", magic);
	cpu_identify();
	fpu_init();
	pic_init();
	paging_init();
	multiboot_parse(info_phys, &boot_info);
	panic_set_exit(cmdline_flag("ktest") || cmdline_flag("panic=exit"));
	log_boot_info(&boot_info);
	frame_init(&boot_info);
	tcb_area_init();
	sched_init(idle_thread_create());
	syscall_init();
	segments_init();
	clock_init();
	if (cmdline_flag("ktest")) {
		interrupts_enable();
		ktest_main();
	}
	task_table_init();
	if (!boot_tasks_start(&boot_info))
		printk("kernel: no boot module is an ELF executable; nothing to run\n");
	sched_idle_loop();
}
