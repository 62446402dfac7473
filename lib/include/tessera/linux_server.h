/* tessera/linux_server.h: how a Linux process talks to the Linux server
 * (server/linux), and the emulation region every process has. lib/LINUX.md
 * explains the protocol; this header is its one definition, read by the
 * server, the emulation library (nasm, through tools/h2inc.sh: only the
 * #define lines outside the __ASSEMBLER__ block) and L4-aware programs.
 *
 * A request is an l4_ipc_call to the server's main thread with three
 * register words and no memory words:
 *   w0  LINUX_REQ_SYSCALL | number   (Linux i386 numbering, as in eax)
 *   w1  argument 1 (ebx)
 *   w2  address of the caller's argument block: ecx, edx, esi, edi, ebp
 * The reply: w0 the result (a negative errno on failure), w1 LINUX_REPLY_*
 * flags, w2 0. Page faults also arrive from the same threads, but their
 * word 0 is an address below 3 GB, and the kernel's exception messages
 * (L4_EXCEPTION_MSG) lie above LINUX_REQ_EXCEPTION's range. */
#pragma once

/* Request kinds in word 0 (bits 31..24): a system call (| its number) made
 * through AT_SYSINFO or an L4 stub, the same through the int $0x80
 * trampoline (counted apart), or an exception the trampoline caught (| the
 * vector; w1 the error code, w2 the address of the exception frame on the
 * process's stack). */
#define LINUX_REQ_KIND_MASK	0xff000000
#define LINUX_REQ_SYSCALL	0xc0000000
#define LINUX_REQ_EXCEPTION	0xc1000000
#define LINUX_REQ_SYSCALL_INT80	0xc2000000
/* The emulation library takes the next signal to deliver: w1 the address
 * of a struct linux_signal the server fills; the answer's w0 is its
 * number, 0 if none (or the server ended the process by its default
 * action, and there is no answer). */
#define LINUX_REQ_SIGNAL	0xc3000000
/* FPU_SAVED, or'd into either system-call kind: the same call again, as a
 * LINUX_REPLY_SAVE_FPU answer asked, with the caller's FPU state (what
 * fnsave stores, LINUX_FPU_STATE_SIZE bytes) just below its saved
 * registers, i.e. ending at the argument block - 4. */
#define LINUX_REQ_FPU_SAVED	0x04000000
#define LINUX_REQ_ARG_MASK	0x00ffffff

/* Reply flags (word 1). SIGNAL: a signal is pending (issue 7). TLS:
 * set_thread_area succeeded and the caller installs the descriptor itself
 * (segment_set works on the calling thread only): w1 bits 8..15 the slot,
 * bit 16 present, w2 the byte limit, the base from the caller's user_desc. */
#define LINUX_REPLY_SIGNAL	0x1
#define LINUX_REPLY_TLS		0x2
/* THREAD: clone made a thread, which the caller creates (lthread_ex_regs
 * works in its own task only): w1 bits 8..15 its lthread, w2 the stack it
 * starts on, where the server put its lthread, its TLS descriptors (as the
 * info page's), its gs, and below the caller's call frame (clone returns 0
 * there). */
#define LINUX_REPLY_THREAD	0x4
#define LINUX_THREAD_START_WORDS 11	/* lthread, 3 x (base, limit, present), gs */
/* SAVE_FPU: fork copies the caller's FPU state into the child, as Linux
 * does, and only the caller can read it: the caller stores it below its
 * saved registers and sends w0 of this answer, the same request with
 * LINUX_REQ_FPU_SAVED, again. The child then starts at
 * LINUX_EMUL_FORK_CHILD_FPU on a copy of that stack, the state just below
 * its esp. (A new thread gets its creator's state the same way: the
 * creator stores it below the stack the thread starts on.) */
#define LINUX_REPLY_SAVE_FPU	0x8
#define LINUX_FPU_STATE_SIZE	108

/* The emulation region, the top of every process's user space: code shared
 * read-only by all processes, then the process's own info page. */
#define LINUX_EMUL_BASE		0xbfc00000
#define LINUX_EMUL_CODE_MAX	0x10000		/* emulation library and trampoline */
#define LINUX_INFO_PAGE		0xbfc10000	/* struct linux_info, read-only */
/* The signal page: the process's own, writable, shared by its threads.
 * Linux thread n of a process is lthread 2n (the program's; n = 0 is the
 * main thread) with its signal thread at lthread 2n + 1 (the paper's), and
 * owns slot n of the page. The signal thread stops its program thread for
 * a signal while that runs the program's code: it moves it to the library
 * with its esp at the slot pointer (slot + LINUX_SIGNAL_SCRATCH; the bytes
 * below are the moved thread's scratch) and leaves there the eip, eflags
 * and esp it took, then sets READY. With the program thread in the
 * emulation library, which it must not be moved out of (its call to the
 * server would be lost), the signal thread looks again a millisecond later
 * while DUE is set: the server sets DUE before it wakes the signal thread
 * and clears it when the thread's next request arrives (whose answer says
 * "signal" if one is due). The signal thread keeps the slot pointer in esp
 * (it uses no stack). Offsets below are from the slot pointer. */
#define LINUX_SIGNAL_PAGE	0xbfc11000
#define LINUX_SIGNAL_SLOT	64		/* bytes a thread */
#define LINUX_SIGNAL_SCRATCH	32
#define LINUX_SIGNAL_EIP	0
#define LINUX_SIGNAL_EFLAGS	4
#define LINUX_SIGNAL_ESP	8
#define LINUX_SIGNAL_READY	12
#define LINUX_SIGNAL_LTHREAD	16		/* the program thread's lthread */
#define LINUX_SIGNAL_DUE	20		/* a byte, the server's */
#define LINUX_THREADS_MAX	16		/* L4's 32 lthreads, two a thread */
#define LINUX_SIGNAL_THREAD	1		/* the main thread's signal lthread */
#define LINUX_EMUL_END		0xbfff0000	/* region end; L4's boot stack area above */
#define LINUX_STACK_TOP		LINUX_EMUL_BASE	/* the main stack grows down from here */

/* Fixed entry points at the start of the emulation library (lib/emul). */
#define LINUX_EMUL_START	(LINUX_EMUL_BASE + 0x00)	/* a new process's first eip */
#define LINUX_EMUL_FORK_CHILD	(LINUX_EMUL_BASE + 0x08)	/* a fork child's first eip */
#define LINUX_EMUL_FORK_CHILD_FPU (LINUX_EMUL_BASE + 0x10)	/* the same, FPU state below esp */
#define LINUX_EMUL_SYSINFO	(LINUX_EMUL_BASE + 0x18)	/* AT_SYSINFO */


/* Offsets in the info page (for assembly). */
#define LINUX_INFO_SERVER	0	/* the server's main thread id */
#define LINUX_INFO_ENTRY	4	/* the program's entry point */
#define LINUX_INFO_PID		8
#define LINUX_INFO_TLS		12	/* 3 x base, limit, present: a fork child's TLS */
#define LINUX_INFO_GS		48	/* the selector a fork child loads into gs */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct linux_info {
	uint32_t server;	/* l4_threadid_t of the server's main thread */
	uint32_t entry;		/* where LINUX_EMUL_START jumps once the handler is set */
	uint32_t pid;
	uint32_t tls[3][3];	/* LINUX_EMUL_FORK_CHILD installs these (segment_set) */
	uint32_t gs;
};

/* What the server tells the emulation library of a signal to deliver. */
struct linux_signal {
	uint32_t signo;
	uint32_t handler;	/* sa_handler or sa_sigaction */
	uint32_t flags;		/* sa_flags */
	uint32_t restorer;	/* sa_restorer (with SA_RESTORER) */
	uint32_t oldmask[2];	/* the blocked set before delivery: the frame keeps it */
	uint32_t info[32];	/* siginfo_t */
};

_Static_assert(__builtin_offsetof(struct linux_info, entry) == LINUX_INFO_ENTRY, "info layout");
_Static_assert(__builtin_offsetof(struct linux_info, pid) == LINUX_INFO_PID, "info layout");
_Static_assert(__builtin_offsetof(struct linux_info, tls) == LINUX_INFO_TLS, "info layout");
_Static_assert(__builtin_offsetof(struct linux_info, gs) == LINUX_INFO_GS, "info layout");
#endif
