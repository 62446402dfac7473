/* trap.h: exception dispatch, fault reports, and catching expected faults.
 *
 * trap_try() arms a catch point: a CPU exception in kernel mode while it is
 * armed does not panic but records vector, error code, CR2 and EIP in the
 * catch point and makes trap_try() return false a second time:
 *
 *	struct trap_catch c;
 *	if (trap_try(&c)) {
 *		risky();		// may fault
 *		trap_end(&c);
 *	} else {
 *		use c.vector, c.error, c.cr2
 *	}
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "x86/frame.h"

struct jump_buffer {
	uint32_t ebx, esi, edi, ebp, esp, eip, eflags;	/* offsets in jump.asm */
};

struct trap_catch {
	struct jump_buffer resume;	/* where trap_try() returns false */
	struct trap_catch *outer;	/* catch points nest */
	uint32_t vector, error, cr2, eip;	/* the fault that was caught */
};

int jump_save(struct jump_buffer *b) __attribute__((returns_twice));
void jump_restore(const struct jump_buffer *b, int value) __attribute__((noreturn));

void trap_catch_push(struct trap_catch *c);
void trap_end(struct trap_catch *c);
#define trap_try(c) (trap_catch_push(c), jump_save(&(c)->resume) == 0)

const char *trap_name(uint32_t vector);
/* Prints vector, error code, CR2, registers and a symbolized backtrace. */
void trap_report(const struct trap_frame *f, const char *headline);
void trap_dispatch(struct trap_frame *f);
