/* exception.h: CPU exceptions of user threads.
 *
 * A thread with an exception handler (set with lthread_ex_regs) gets the
 * exception reflected the Pentium way: the kernel pushes on the thread's
 * user stack, from the top,
 *	eflags, cs, eip	(an iret frame: eip of the faulting instruction,
 *			 or the next one for traps such as int3)
 *	fault address	(CR2 for a page fault, else 0)
 *	error code	(the CPU's, else 0)
 *	vector		(esp points here)
 * and continues the thread at the handler, which returns with
 * "add $12, %esp; iret". int $0x80 from user mode arrives this way as #GP
 * with error code 0x402.
 *
 * Without a handler (or with one outside the thread's space, or a stack
 * that cannot take the frame), the thread is stopped and, if it has one,
 * its pager gets an exception message (send only): word 0 =
 * L4_EXCEPTION_MSG(vector), word 1 = eip, word 2 = error code. Page faults
 * go to the pager as page-fault IPC as long as the thread has a pager and
 * the address is below 3 GB; otherwise they take this path too. */
#pragma once

#include <stdbool.h>
#include "tcb.h"

/* Reflects f's exception (fault address for #PF) to current's handler, or
 * stops current and tells its pager. Returns once current may go on. */
void exception_user(struct trap_frame *f, uint32_t fault_address);
