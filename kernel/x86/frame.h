/* frame.h: the trap frame every kernel entry builds on the kernel stack.
 *
 * The FRAME_* offsets are used by kernel/x86/entry.asm (through the generated
 * build/gen/frame.inc); the _Static_asserts in trap.c tie them to the struct. */
#pragma once

#define FRAME_GS	0
#define FRAME_FS	4
#define FRAME_ES	8
#define FRAME_DS	12
#define FRAME_EDI	16	/* edi..eax: the pushal block */
#define FRAME_ESI	20
#define FRAME_EBP	24
#define FRAME_ESP0	28	/* kernel esp at pushal; ignored by popal */
#define FRAME_EBX	32
#define FRAME_EDX	36
#define FRAME_ECX	40
#define FRAME_EAX	44
#define FRAME_VECTOR	48
#define FRAME_ERROR	52	/* CPU error code, or 0 pushed by the stub */
#define FRAME_EIP	56	/* from here on pushed by the CPU */
#define FRAME_CS	60
#define FRAME_EFLAGS	64
#define FRAME_USER_ESP	68	/* only present when entered from user mode */
#define FRAME_USER_SS	72
#define FRAME_SIZE	76

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
	uint32_t gs, fs, es, ds;	/* user segment registers */
	uint32_t edi, esi, ebp, esp0, ebx, edx, ecx, eax;
	uint32_t vector;		/* IDT vector that was taken */
	uint32_t error;			/* error code (0 if the CPU pushes none) */
	uint32_t eip, cs, eflags;	/* interrupted context */
	uint32_t user_esp, user_ss;	/* valid only if (cs & 3) == 3 */
};

static inline int frame_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) == 3;
}
#endif
