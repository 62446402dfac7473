/* Page faults of user threads, and of the kernel's copies on their behalf,
 * as IPC to the thread's pager. */
#include "pagefault.h"
#include "exception.h"
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
	t->outer_locked = saved.locked_with;	/* stays visible to cancel and death */
	result = pagefault_ipc(t, address, write, timeout_word_from_pf(pf_exponent));
	t->outer_locked = NULL;
	t->ipc = saved;
	if (l4_ipc_error(result) || t->cancel_pending || t->partner_lost)
		return false;
	return space_lookup(t->space, address & ~(PAGE_SIZE - 1), &pa, &writable) &&
	       (writable || !write);
}

void pagefault_user(struct trap_frame *f)
{
	struct tcb *t = current;
	uint32_t linear = read_cr2(), address = user_fault_address(t, linear), result;

	if (small_space_fault(linear, true))
		return;			/* beyond a small space's window: now large */
	if (address >= USER_SPACE_END || t->pager == L4_NIL_ID) {
		exception_user(f, address);	/* no pager can help */
		return;
	}
	t->cancel_pending = false;
	t->partner_lost = false;
	result = pagefault_ipc(t, address, f->error & PF_WRITE_BIT, L4_TIMEOUT_NEVER);
	if (l4_ipc_error(result) == L4_IPC_ENOT_EXISTENT ||	/* the pager is gone */
	    (!l4_ipc_error(result) && !(result & L4_DOPE_FPAGE_RECEIVED) &&
	     t->ipc.words[0] == L4_PAGEFAULT_REFLECT))		/* or says so */
		exception_user(f, address);
	/* Otherwise retry the instruction: it faults again if nothing was mapped,
	 * and a cancelled fault IPC resumes wherever ex_regs pointed. */
}
