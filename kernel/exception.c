/* Exceptions of user threads: reflection to the thread's handler, or a
 * stop with a message to its pager. */
#include "exception.h"
#include "ipc.h"
#include "pagefault.h"
#include "printk.h"
#include "sched.h"
#include "segments.h"
#include "space.h"
#include "x86/trap.h"

#define REFLECT_WORDS 6		/* vector, error, address, eip, cs, eflags */
#define EFLAGS_TF 0x100

/* The handler must lie inside the thread's own space. */
static bool handler_usable(const struct tcb *t)
{
	uint32_t limit = t->space->window_size ? t->space->window_size : USER_SPACE_END;

	return t->exception_handler && t->exception_handler < limit;
}

/* Writes the reflection frame below the user esp, asking the pager for the
 * stack pages if need be: the frame may straddle two, so up to two faults
 * and a third copy. */
static bool push_frame(struct tcb *t, struct trap_frame *f, uint32_t address)
{
	uint32_t words[REFLECT_WORDS] = { f->vector, f->error, address, f->eip, f->cs, f->eflags };
	uint32_t esp = f->user_esp - sizeof(words);

	if (f->user_esp < sizeof(words) || !user_range_ok(esp, sizeof(words)))
		return false;
	for (int tries = 0; tries < 3; tries++) {
		struct copy_fault fault;

		if (space_copy(t->space, esp, NULL, (uint32_t)words, sizeof(words), &fault) ==
		    sizeof(words)) {
			f->user_esp = esp;
			return true;
		}
		if (!pagefault_resolve(t, fault.address, true, 0))
			return false;
	}
	return false;
}

/* No handler: stop the thread; its pager learns why. */
static void stop_and_tell(struct tcb *t, struct trap_frame *f)
{
	printk("thread %#x stopped:\n", t->id);
	trap_report(f, "user exception");
	if (t->pager != L4_NIL_ID) {
		struct ipc_state saved = t->ipc;

		t->ipc.snd_desc = L4_IPC_SHORT_MSG;
		t->ipc.rcv_desc = L4_IPC_NIL_DESCRIPTOR;
		t->ipc.partner = t->pager;
		t->ipc.timeouts = L4_TIMEOUT_NEVER;
		t->ipc.words[0] = L4_EXCEPTION_MSG(f->vector);
		t->ipc.words[1] = f->eip;
		t->ipc.words[2] = f->error;
		t->cancel_pending = false;
		t->partner_lost = false;
		ipc_do(t);
		t->ipc = saved;
		if (t->cancel_pending)
			return;		/* ex_regs moved it meanwhile: it runs there */
	}
	t->state = THREAD_HALTED;
	schedule();
}

void exception_user(struct trap_frame *f, uint32_t fault_address)
{
	struct tcb *t = current;

	if (handler_usable(t) && push_frame(t, f, fault_address)) {
		f->eip = t->exception_handler;
		f->eflags &= ~EFLAGS_TF;
		return;
	}
	stop_and_tell(t, f);
}
