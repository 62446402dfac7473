/* Page faults of user threads, and of the kernel's copies on their behalf,
 * as IPC to the thread's pager. */
#include "pagefault.h"
#include "ipc.h"
#include "printk.h"
#include "sched.h"
#include "segments.h"
#include "space.h"
#include "timeout.h"
#include "x86/io.h"

/* One call to the pager; the receive window is the whole space. */
static uint32_t pagefault_ipc(struct tcb *t, uint32_t address, bool write, uint32_t timeouts)
{
	t->ipc.snd_desc = L4_IPC_SHORT_MSG;
	t->ipc.rcv_desc = L4_WHOLE_SPACE | L4_IPC_DESC_MAP;
	t->ipc.partner = t->pager;
	t->ipc.timeouts = timeouts;
	t->ipc.words[0] = (address & ~(uint32_t)3) | (write ? PF_WRITE_BIT : 0);
	t->ipc.words[1] = tcb_user_frame(t)->eip;
	t->ipc.words[2] = 0;
	t->ipc.locked_with = NULL;
	t->ipc.fault_pending = false;
	return ipc_do(t);
}

bool pagefault_resolve(struct tcb *t, uint32_t address, bool write, uint32_t pf_exponent)
{
	struct ipc_state saved = t->ipc;
	uint32_t result, pa;
	bool writable;

	if (pf_exponent == L4_PF_TIMEOUT_ZERO || t->pager == L4_NIL_ID)
		return false;
	result = pagefault_ipc(t, address, write, timeout_word_from_pf(pf_exponent));
	t->ipc = saved;
	if (l4_ipc_error(result) || t->cancel_pending || t->partner_lost)
		return false;
	return space_lookup(t->space, address & ~(PAGE_SIZE - 1), &pa, &writable) &&
	       (writable || !write);
}

/* The thread cannot go on: no pager, or its pager is gone. */
static void halt_thread(struct tcb *t, struct trap_frame *f, uint32_t address, const char *why)
{
	printk("pagefault: thread %#x halted at eip %#x, %s of %#x (error %#x): %s\n", t->id,
	       f->eip, (f->error & PF_WRITE_BIT) ? "write" : "read", address, f->error, why);
	t->state = THREAD_HALTED;
	schedule();
}

void pagefault_user(struct trap_frame *f)
{
	struct tcb *t = current;
	uint32_t linear = read_cr2(), address = user_fault_address(t, linear), result;

	if (small_space_fault(linear, true))
		return;			/* beyond a small space's window: now large */
	if (address >= USER_SPACE_END) {	/* through a wide TLS segment */
		halt_thread(t, f, address, "above user space");
		return;
	}
	if (t->pager == L4_NIL_ID) {
		halt_thread(t, f, address, "no pager");
		return;
	}
	t->cancel_pending = false;
	result = pagefault_ipc(t, address, f->error & PF_WRITE_BIT, L4_TIMEOUT_NEVER);
	if (l4_ipc_error(result) == L4_IPC_ENOT_EXISTENT)
		halt_thread(t, f, address, "pager does not exist");
	/* Otherwise retry the instruction: it faults again if nothing was mapped,
	 * and a cancelled fault IPC resumes wherever ex_regs pointed. */
}
