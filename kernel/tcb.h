/* tcb.h: the thread control block.
 *
 * TCBs live in a virtual array at TCB_AREA_BASE, one page each, indexed by
 * the thread number bits of the id, so id -> TCB is (id & mask) + base. A
 * page holds the TCB at its bottom and the thread's kernel stack above it,
 * growing down from the page's end; the user trap frame of a thread in the
 * kernel is always the topmost struct trap_frame on that stack.
 *
 * Unused slots map one shared zero page read-only, so looking up any id
 * reads tcb->id == 0 (nil) and fails the comparison: tcb_lookup needs no
 * "is this slot allocated" test. Writing to an unused slot is a kernel bug
 * and faults.
 *
 * Invariants: a thread is in at most one send queue (tcb->send_queue_of);
 * a thread that is ready and not running is in the ready queue; a thread
 * with a finite IPC timeout is in the timeout list. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <l4/types.h>
#include "x86/fpu.h"
#include "x86/frame.h"
#include "x86/layout.h"
#include "tcb_layout.h"

struct space;
struct task;

enum thread_state {
	THREAD_FREE = 0,	/* slot unused (also what the zero page reads as) */
	THREAD_READY,		/* running or runnable */
	THREAD_SEND_WAIT,	/* queued at partner, waiting for it to receive */
	THREAD_RECV_WAIT,	/* waiting for a sender (partner or anybody) */
	THREAD_RECV_LOCKED,	/* a sender is transferring into us */
	THREAD_SEND_LOCKED,	/* transferring, paused for the receiver's page fault */
	THREAD_HALTED,		/* stopped: no pager, or never started */
};

/* IPC bookkeeping of a thread while it is in an IPC. */
struct ipc_state {
	uint32_t rcv_desc, snd_desc;	/* descriptors of this IPC */
	l4_threadid_t partner;		/* send: dest; closed receive: source */
	uint32_t timeouts;		/* the caller's timeout word */
	uint32_t result;		/* dope and error handed back to user */
	struct tcb *locked_with;	/* partner of a transfer under way */
	uint32_t words[3];		/* register words, in and out */
	l4_threadid_t from;		/* receive: who sent */
	uint32_t fault_address;		/* receiver: page the sender needs mapped */
	uint32_t fault_timeout;		/* receiver: page-fault timeout exponent */
	bool fault_write;
	bool fault_pending;		/* receiver: serve fault_address, then hand back */
	bool fault_failed;		/* receiver: its pager did not help */
};

/* The fields the IPC fast path (kernel/x86/ipc_fast.asm) touches come first;
 * their offsets are in tcb_layout.h and checked in tcb.c. */
struct tcb {
	l4_threadid_t id;		/* full id with version; nil if the slot is free */
	enum thread_state state;
	uint32_t directory_phys;	/* the space's page directory, for CR3 */
	uint32_t kernel_sp;		/* saved esp while switched out */
	uint32_t priority;		/* 0..255; a word for the fast path's compare */
	/* Four flags in one word: the fast path sets or clears them at once. */
	bool fast_blocked;		/* in a short receive without timeout, blocked
					   with only the user frame on the stack */
	bool resume_fast;		/* kernel_sp is stale: resume at ipc_fast_resume */
	bool cancel_pending;		/* ex_regs asked to end the IPC under way */
	bool in_timeout_list;
	bool plain;			/* large space, no TLS, no ports, not the FPU's
				   owner: the fast path only loads CR3 */
	uint16_t irq_lines;		/* interrupt lines attached to it (irq_ipc.c) */
	struct tcb *send_queue;		/* first thread waiting to send to us */
	/* IPC. ipc is saved and restored around the kernel's own page-fault
	 * IPCs inside a transfer; cancel_pending and partner_lost must survive
	 * those, so they live outside it. */
	struct ipc_state ipc;
	struct space *space;
	bool partner_lost;		/* a transfer partner was cancelled or died; reset
					   only when a top-level IPC starts */
	struct tcb *outer_locked;	/* while in the kernel's page-fault IPC inside a
					   transfer: that transfer's partner (ipc, with
					   locked_with, is saved on the stack meanwhile) */
	struct task *task;

	/* scheduling */
	uint8_t mcp;			/* highest priority this thread may give */
	bool in_ready_queue;
	uint32_t timeslice;		/* ticks per turn */
	uint32_t remaining;		/* ticks left in this turn */
	uint32_t consumed;		/* ticks run in total */
	struct tcb *ready_next, *ready_prev;

	/* IPC queues and timeouts */
	struct tcb *send_next, *send_prev;	/* links in partner's send queue */
	struct tcb *send_queue_of;	/* whose send queue we are in */
	uint64_t wakeup;		/* tick at which an IPC wait times out */
	struct tcb *timeout_next;	/* sorted by wakeup */

	/* user-visible registers of the thread that the kernel keeps */
	l4_threadid_t pager;
	uint32_t exception_handler;	/* user address; 0: none */
	uint64_t tls[3];		/* its GDT_TLS_* descriptors (0: none) */
	bool has_tls;			/* some tls[] is present */
	/* For the fast path's switch between large spaces (thread_update_plain) */
	bool large;			/* its space is large */
	const struct io_rights *io;	/* its task's ports, or NULL */

	/* x87 registers while another thread owns the FPU (fpu.h) */
	bool fpu_used;			/* it has used the FPU: fpu is its state */
	struct fpu_state fpu;
};

_Static_assert(sizeof(struct tcb) <= L4_TCB_SIZE / 4, "the kernel stack needs the rest");

static inline struct tcb *tcb_of(l4_threadid_t id)
{
	return (struct tcb *)(TCB_AREA_BASE + (id & L4_THREAD_NUMBER_MASK));
}

/* The live thread with exactly this id (version included), or NULL. */
static inline struct tcb *tcb_lookup(l4_threadid_t id)
{
	struct tcb *t = tcb_of(id);

	return t->id == id && id != L4_NIL_ID ? t : (struct tcb *)0;
}

static inline struct trap_frame *tcb_user_frame(struct tcb *t)
{
	return (struct trap_frame *)((uint32_t)t + L4_TCB_SIZE) - 1;
}

static inline uint32_t tcb_stack_top(struct tcb *t)
{
	return (uint32_t)t + L4_TCB_SIZE;
}

extern struct tcb *current;

/* TCB slots: maps a fresh zeroed frame at the slot for `id`, or returns
 * NULL when memory is exhausted. tcb_free puts the zero page back. */
struct tcb *tcb_alloc(l4_threadid_t id);
void tcb_free(struct tcb *t);
void tcb_area_init(void);
uint32_t tcb_count(void);
