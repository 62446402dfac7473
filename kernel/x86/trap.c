/* Exception and interrupt dispatch. Every unexpected exception is reported
 * in full and stops the kernel; hardware interrupts go to the IRQ layer. */
#include "x86/trap.h"
#include "x86/fpu.h"
#include "x86/gdt.h"
#include "x86/idt.h"
#include "x86/io.h"
#include "x86/pic.h"
#include "clock.h"
#include "counters.h"
#include "exception.h"
#include "ioport.h"
#include "kdb.h"
#include "ksyms.h"
#include "pagefault.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "segments.h"
#include "syscall.h"
#include <stddef.h>

_Static_assert(offsetof(struct trap_frame, gs) == FRAME_GS, "frame.h");
_Static_assert(offsetof(struct trap_frame, edi) == FRAME_EDI, "frame.h");
_Static_assert(offsetof(struct trap_frame, eax) == FRAME_EAX, "frame.h");
_Static_assert(offsetof(struct trap_frame, vector) == FRAME_VECTOR, "frame.h");
_Static_assert(offsetof(struct trap_frame, error) == FRAME_ERROR, "frame.h");
_Static_assert(offsetof(struct trap_frame, eip) == FRAME_EIP, "frame.h");
_Static_assert(offsetof(struct trap_frame, user_ss) == FRAME_USER_SS, "frame.h");
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame.h");
_Static_assert(offsetof(struct jump_buffer, eflags) == 24, "jump.asm");

#define VECTOR_DEVICE_NOT_AVAILABLE 7
#define VECTOR_STACK_FAULT 12
#define VECTOR_GENERAL_PROTECTION 13
#define VECTOR_PAGE_FAULT 14

static const char *const exception_names[VECTOR_EXCEPTIONS] = {
	[0] = "#DE divide error",	[1] = "#DB debug",
	[2] = "NMI",			[3] = "#BP breakpoint",
	[4] = "#OF overflow",		[5] = "#BR bound range",
	[6] = "#UD invalid opcode",	[7] = "#NM device not available",
	[8] = "#DF double fault",	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",	[11] = "#NP segment not present",
	[12] = "#SS stack fault",	[13] = "#GP general protection",
	[14] = "#PF page fault",	[16] = "#MF x87 error",
	[17] = "#AC alignment check",	[18] = "#MC machine check",
	[19] = "#XM SIMD error",
};

static struct trap_catch *active_catch;

const char *trap_name(uint32_t vector)
{
	if (vector < VECTOR_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	if (vector >= VECTOR_IRQ_BASE && vector < VECTOR_IRQ_BASE + IRQ_LINES)
		return "hardware interrupt";
	return "unassigned vector";
}

void trap_catch_push(struct trap_catch *c)
{
	c->outer = active_catch;
	c->vector = c->error = c->cr2 = c->eip = 0;
	active_catch = c;
}

void trap_end(struct trap_catch *c)
{
	active_catch = c->outer;
}

void trap_report(const struct trap_frame *f, const char *headline)
{
	uint32_t esp = frame_from_user(f) ? f->user_esp : f->esp0 + FRAME_USER_ESP - FRAME_VECTOR;

	printk("%s: %s (vector %u) error %#010x in %s mode\n", headline, trap_name(f->vector),
	       f->vector, f->error, frame_from_user(f) ? "user" : "kernel");
	printk("  eip %08x ", f->eip);
	ksym_print(f->eip);
	printk("\n  cs %04x  eflags %08x  cr2 %08x  cr3 %08x\n", f->cs, f->eflags, read_cr2(),
	       read_cr3());
	printk("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", f->eax, f->ebx, f->ecx, f->edx);
	printk("  esi %08x  edi %08x  ebp %08x  esp %08x\n", f->esi, f->edi, f->ebp, esp);
	printk("  ds %04x  es %04x  fs %04x  gs %04x\n", f->ds, f->es, f->fs, f->gs);
	if (!frame_from_user(f))
		backtrace_print(f->eip, f->ebp);
}

/* An expected fault: record it and resume where trap_try() was called. */
static void trap_catch_resume(const struct trap_frame *f)
{
	struct trap_catch *c = active_catch;

	c->vector = f->vector;
	c->error = f->error;
	c->cr2 = f->vector == VECTOR_PAGE_FAULT ? read_cr2() : 0;
	c->eip = f->eip;
	active_catch = c->outer;
	jump_restore(&c->resume, 1);
}

static void user_entry(struct trap_frame *f)
{
	if (syscall_dispatch(f))
		return;
	if (f->vector == VECTOR_DEVICE_NOT_AVAILABLE && fpu_trap())
		return;		/* the FPU's registers are this thread's now */
	/* A port access before its task's bitmap is loaded is a #GP too: that
	 * one first, or a small space with ports would be made large by it. */
	if (f->vector == VECTOR_GENERAL_PROTECTION && f->error == 0 &&
	    io_fault_reload(current->task))
		return;		/* its port bitmap is in the TSS now: try again */
	if ((f->vector == VECTOR_GENERAL_PROTECTION || f->vector == VECTOR_STACK_FAULT) &&
	    small_space_fault(0, false))
		return;		/* promoted to a large space: try again */
	if (f->vector == VECTOR_PAGE_FAULT)
		pagefault_user(f);
	else
		exception_user(f, 0);
}

extern const char trap_return_pops[], trap_return_pops_end[];
extern const char ipc_fast_pops[], ipc_fast_pops_end[];

/* A segment pop on the way back to user mode faulted: the selector saved
 * for the user (say a TLS selector whose descriptor the thread has just
 * cleared) is not loadable. It becomes the null selector and the pop runs
 * again; a user access through it then faults in user mode. This frame's
 * own fs and gs (the kernel's, which never uses them) may hold the same
 * selector and are nulled too, or returning from here would fault again. */
static bool fix_segment_pop(struct trap_frame *f)
{
	uint32_t *slot;

	if (!((f->eip >= (uint32_t)trap_return_pops && f->eip < (uint32_t)trap_return_pops_end) ||
	      (f->eip >= (uint32_t)ipc_fast_pops && f->eip < (uint32_t)ipc_fast_pops_end)))
		return false;
	slot = (uint32_t *)(f->esp0 + FRAME_USER_ESP - FRAME_VECTOR);	/* the value popped */
	*slot = 0;
	f->fs = f->gs = 0;
	return true;
}

void trap_dispatch(struct trap_frame *f)
{
	counters.kernel_entries++;
	if (f->vector >= VECTOR_IRQ_BASE && f->vector < VECTOR_IRQ_BASE + IRQ_LINES) {
		irq_dispatch(f->vector - VECTOR_IRQ_BASE);
	} else if (frame_from_user(f)) {
		user_entry(f);
	} else {
		if (fix_segment_pop(f))
			return;
		if (active_catch)
			trap_catch_resume(f);
		panic_begin();
		trap_report(f, "KERNEL FAULT");
		if (current)
			kdb_enter("unexpected kernel fault", NULL);
		panic_end("unexpected %s", trap_name(f->vector));
	}
	if (!frame_from_user(f))
		return;		/* the idle loop schedules itself */
	sched_flush_handoff();	/* a partner not switched to is queued */
	if (need_resched)
		schedule();
	segments_return(current);
	f->ds = f->es = user_data_selector(current->space);	/* not thread state: lib/ABI.md */
}
