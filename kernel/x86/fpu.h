/* fpu.h: the x87 registers, one set shared by all threads, switched lazily.
 *
 * The registers hold the state of fpu_owner (or of nobody), and CR0.TS is
 * clear exactly while fpu_owner runs. Any other thread's first FPU
 * instruction raises #NM; fpu_trap then saves the owner's registers into
 * its TCB and loads the current thread's (a thread's first use finds them
 * initialised, as fninit leaves them). A switch between threads of which
 * neither owns the registers costs two compares; threads that never touch
 * the FPU never cost a save. Every switch keeps the rule: segments_switch
 * calls fpu_switch, and the IPC fast path does the same in assembly. The
 * owner is never a "plain" thread, so a fast-path switch between two plain
 * threads has nothing to do. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "x86/leftovers.h"

#define CR0_MP	(1u << 1)	/* wait honours TS */
#define CR0_EM	(1u << 2)	/* no FPU: every FPU instruction raises #NM */
#define CR0_TS	(1u << 3)	/* task switched: FPU instructions raise #NM */
#define CR0_NE	(1u << 5)	/* x87 errors raise #MF, not IRQ 13 */

#define FPU_STATE_SIZE	108	/* what fnsave writes in 32-bit protected mode */

struct tcb;

struct fpu_state {
	uint8_t bytes[FPU_STATE_SIZE];
};

extern struct tcb *fpu_owner;	/* whose registers the FPU holds, or NULL;
				   leftovers.fpu: CR0.TS is clear (it runs) */

void fpu_init(void);
void fpu_set_enabled(bool enabled);
bool fpu_trap(void);
void fpu_thread_gone(struct tcb *t);

/* Makes CR0.TS right for `next`, about to run. */
static inline void fpu_switch(const struct tcb *next)
{
	if ((next == fpu_owner) != leftovers.fpu)
		fpu_set_enabled(!leftovers.fpu);
}
