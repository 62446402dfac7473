/* leftovers.h: what the running thread may have left installed that a
 * switch to another thread must take out first. Both flags sit in one
 * word, which the IPC fast path tests with one compare (ipc_fast.asm). */
#pragma once

#include <stdbool.h>

#define LEFTOVERS_SMALL	0	/* byte offsets, for ipc_fast.asm */
#define LEFTOVERS_FPU	1

#ifndef __ASSEMBLER__
struct switch_leftovers {
	bool small;	/* a small space's descriptors or window entries (segments.c) */
	bool fpu;	/* CR0.TS clear: the running thread owns the FPU (fpu.c) */
};

extern struct switch_leftovers leftovers;
#endif
