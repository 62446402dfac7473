/* kdb.h: the kernel debugger on the serial line.
 *
 * Entered on an unexpected kernel fault (before the panic stops the
 * machine) and on a user request (L4_KDEBUG_ENTER, boot tasks only: a
 * debugger that stops the machine is not for everybody). It prints the
 * registers, a symbolized backtrace, every thread with its state, and the
 * mappings of the current task. With kdb=serial on the command line it then
 * reads commands from COM1:
 *	t		the thread list
 *	m N		the mappings of task N
 *	r		the registers again
 *	c		continue (from a user request)
 * and an unknown command prints this list. */
#pragma once

#include "x86/frame.h"

void kdb_enter(const char *reason, const struct trap_frame *f);
