/* The kernel-debugger entry for user tasks: print to the log, report the
 * caller's state, read counters, and (boot tasks only) end the run. */
#include "counters.h"
#include <stddef.h>
#include "clock.h"
#include "frame.h"
#include "machine.h"
#include "kdb.h"
#include "mapdb.h"
#include "printk.h"
#include "space.h"
#include "syscall.h"
#include "task.h"
#include "tcb.h"
#include "x86/trap.h"
#include "x86/idt.h"

extern uint64_t irq_entry_stamp[IRQ_LINES];

#define PUTS_CHUNK 128

struct l4_kernel_counters counters;

_Static_assert(offsetof(struct l4_kernel_counters, kernel_entries) == COUNTER_KERNEL_ENTRIES, "");
_Static_assert(offsetof(struct l4_kernel_counters, fast_ipcs) == COUNTER_FAST_IPCS, "");
_Static_assert(offsetof(struct l4_kernel_counters, cr3_loads) == COUNTER_CR3_LOADS, "");

/* Prints a user string piece by piece; stops at the first unmapped byte. */
static bool kdebug_puts(uint32_t address, uint32_t length)
{
	char buf[PUTS_CHUNK + 1];

	if (!user_range_ok(address, length))
		return false;
	while (length) {
		struct copy_fault fault;
		uint32_t n = length < PUTS_CHUNK ? length : PUTS_CHUNK;
		uint32_t got = space_copy(NULL, (uint32_t)buf, current->space, address, n, &fault);

		buf[got] = '\0';
		printk("%s", buf);
		if (got < n)
			return false;
		address += n;
		length -= n;
	}
	return true;
}

static bool kdebug_counters(uint32_t address, uint32_t size)
{
	struct copy_fault fault;

	if (size != sizeof(counters) || !user_range_ok(address, size))
		return false;
	struct l4_kernel_counters c = counters;

	/* the fast path counts only fast_ipcs; each is also an entry, an IPC
	 * and a context switch */
	c.kernel_entries += c.fast_ipcs;
	c.ipcs += c.fast_ipcs;
	c.context_switches += c.fast_ipcs;
	c.free_frames = frame_free_count();
	c.tcbs = tcb_count();
	c.tasks = task_count();
	c.mapping_nodes = mapdb_nodes();
	c.ticks = (uint32_t)clock_ticks();
	return space_copy(current->space, address, NULL, (uint32_t)&c, size, &fault) == size;
}

/* A boot task asks for the debugger; others only log the reason. The
 * reason must be mapped (up to its NUL or 63 bytes): a request whose first
 * byte is not is refused, as kdebug faults no pages in. */
static bool kdebug_enter(struct trap_frame *f)
{
	char reason[64];
	struct copy_fault fault;
	uint32_t got = user_range_ok(f->ecx, 1)
		? space_copy(NULL, (uint32_t)reason, current->space, f->ecx, sizeof(reason) - 1, &fault)
		: 0;

	if (got == 0)
		return false;
	reason[got] = '\0';
	printk("kdebug: thread %#x enters the debugger: %s\n", current->id, reason);
	if (current->task->privileged)
		kdb_enter(reason, f);
	return true;
}

/* The entry mapping `address` in the task of `id` (any of its thread ids). */
static uint32_t kdebug_lookup(l4_threadid_t id, uint32_t address)
{
	struct task *task = task_of_id(id);
	struct mapping m;

	if (!task->active || l4_version_of(id) != task->version ||
	    !space_find(&task->space, address, &m))
		return 0;
	return *m.entry;
}

void sys_kdebug(struct trap_frame *f)
{
	bool ok = false;

	switch (f->eax) {
	case L4_KDEBUG_PUTS:
		ok = kdebug_puts(f->ecx, f->edx);
		break;
	case L4_KDEBUG_ENTER:
		ok = kdebug_enter(f);
		break;
	case L4_KDEBUG_EXIT:
		if (!current->task->privileged)
			break;
		printk("kdebug: task %u ends the run with code %#x\n", task_number(current->task),
		       f->ecx & 0xff);
		machine_stop(f->ecx & 0xff);
	case L4_KDEBUG_COUNTERS:
		ok = kdebug_counters(f->ecx, f->edx);
		break;
	case L4_KDEBUG_IRQ_STAMP:
		if (!current->task->privileged || f->ecx >= IRQ_LINES)
			break;
		f->eax = (uint32_t)irq_entry_stamp[f->ecx];
		f->edx = (uint32_t)(irq_entry_stamp[f->ecx] >> 32);
		return;
	case L4_KDEBUG_LOOKUP:
		if (!current->task->privileged)
			break;
		f->eax = kdebug_lookup(f->ecx, f->edx);
		return;
	default:
		break;
	}
	f->eax = ok ? 0 : L4_KDEBUG_FAILED;
}
