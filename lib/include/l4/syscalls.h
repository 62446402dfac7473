/* l4/syscalls.h: system-call vectors and the user-level stubs (inline asm
 * around the int gates). Register use per call is in lib/ABI.md. */
#pragma once

#include <l4/types.h>

/* Every system call once: X(NAME, vector, handler suffix). The kernel
 * builds its dispatch table (sys_<suffix>) and opens the IDT gates from it. */
#define L4_SYSCALLS(X)						\
	X(IPC,			0x30, ipc)			\
	X(ID_NEAREST,		0x31, id_nearest)		\
	X(FPAGE_UNMAP,		0x32, fpage_unmap)		\
	X(THREAD_SWITCH,	0x33, thread_switch)		\
	X(THREAD_SCHEDULE,	0x34, thread_schedule)		\
	X(LTHREAD_EX_REGS,	0x35, lthread_ex_regs)		\
	X(TASK_NEW,		0x36, task_new)			\
	X(SEGMENT_SET,		0x37, segment_set)		\
	X(IRQ_CONTROL,		0x38, irq_control)		\
	X(KDEBUG,		0x40, kdebug)

#define L4_VECTOR_IPC			0x30
#define L4_VECTOR_ID_NEAREST		0x31
#define L4_VECTOR_FPAGE_UNMAP		0x32
#define L4_VECTOR_THREAD_SWITCH		0x33
#define L4_VECTOR_THREAD_SCHEDULE	0x34
#define L4_VECTOR_LTHREAD_EX_REGS	0x35
#define L4_VECTOR_TASK_NEW		0x36
#define L4_VECTOR_SEGMENT_SET		0x37
#define L4_VECTOR_IRQ_CONTROL		0x38
#define L4_VECTOR_KDEBUG		0x40

#ifndef __ASSEMBLER__

#define L4_CHECK_VECTOR(name, vector, handler) \
	_Static_assert(L4_VECTOR_##name == (vector), "L4_SYSCALLS and L4_VECTOR_" #name " disagree");
L4_SYSCALLS(L4_CHECK_VECTOR)
#undef L4_CHECK_VECTOR

/* The three message words that travel in registers (edx, ebx, edi). */
struct l4_words {
	uint32_t w0, w1, w2;
};

/* The one IPC primitive; the helpers below pick its descriptors.
 * ebp carries the receive descriptor, so it is saved around the int. A
 * constant descriptor is loaded as an immediate; otherwise it is pushed
 * first (a push reads its operand before esp moves, so an esp-relative
 * operand is still right) and loaded from the stack. */
static inline l4_msgdope_t l4_ipc(l4_threadid_t partner, uint32_t snd_desc, uint32_t rcv_desc,
				  l4_timeout_t timeout, struct l4_words *w, l4_threadid_t *from)
{
	uint32_t result = snd_desc, id = partner;

	if (__builtin_constant_p(rcv_desc))
		__asm__ volatile("pushl %%ebp\n\t"
				 "movl %[rcv], %%ebp\n\t"
				 "int $0x30\n\t"
				 "popl %%ebp"
				 : "+a"(result), "+S"(id), "+d"(w->w0), "+b"(w->w1), "+D"(w->w2),
				   "+c"(timeout)
				 : [rcv] "i"(rcv_desc)
				 : "memory", "cc");
	else
		__asm__ volatile("pushl %[rcv]\n\t"
				 "pushl %%ebp\n\t"
				 "movl 4(%%esp), %%ebp\n\t"
				 "int $0x30\n\t"
				 "popl %%ebp\n\t"
				 "addl $4, %%esp"
				 : "+a"(result), "+S"(id), "+d"(w->w0), "+b"(w->w1), "+D"(w->w2),
				   "+c"(timeout)
				 : [rcv] "m"(rcv_desc)
				 : "memory", "cc");
	if (from)
		*from = id;
	return result;
}

/* Send only. */
static inline l4_msgdope_t l4_ipc_send(l4_threadid_t dest, uint32_t snd_desc,
				       struct l4_words *w, l4_timeout_t timeout)
{
	return l4_ipc(dest, snd_desc, L4_IPC_NIL_DESCRIPTOR, timeout, w, 0);
}

/* Receive from one thread only. */
static inline l4_msgdope_t l4_ipc_receive(l4_threadid_t source, uint32_t rcv_desc,
					  struct l4_words *w, l4_timeout_t timeout)
{
	*w = (struct l4_words){ 0, 0, 0 };	/* outputs only */
	return l4_ipc(source, L4_IPC_NIL_DESCRIPTOR, rcv_desc, timeout, w, 0);
}

/* Open wait: receive from anybody; *from gets the sender. */
static inline l4_msgdope_t l4_ipc_wait(uint32_t rcv_desc, struct l4_words *w,
				       l4_timeout_t timeout, l4_threadid_t *from)
{
	*w = (struct l4_words){ 0, 0, 0 };	/* outputs only */
	return l4_ipc(L4_NIL_ID, L4_IPC_NIL_DESCRIPTOR, rcv_desc | L4_IPC_DESC_OPEN, timeout, w,
		      from);
}

/* Send to dest, then receive from dest only. */
static inline l4_msgdope_t l4_ipc_call(l4_threadid_t dest, uint32_t snd_desc, uint32_t rcv_desc,
				       struct l4_words *w, l4_timeout_t timeout)
{
	return l4_ipc(dest, snd_desc, rcv_desc, timeout, w, 0);
}

/* Send to dest, then receive from anybody. */
static inline l4_msgdope_t l4_ipc_reply_and_wait(l4_threadid_t dest, uint32_t snd_desc,
						 uint32_t rcv_desc, struct l4_words *w,
						 l4_timeout_t timeout, l4_threadid_t *from)
{
	return l4_ipc(dest, snd_desc, rcv_desc | L4_IPC_DESC_OPEN, timeout, w, from);
}

/* The nearest partner the kernel would deliver to (no clans here: dest
 * itself if it exists). Returns L4_NIL_ID if dest does not exist. */
static inline l4_threadid_t l4_id_nearest(l4_threadid_t dest)
{
	uint32_t type;

	__asm__ volatile("int $0x31" : "=a"(type), "+S"(dest) : : "memory");
	return dest;
}

/* Removes the pages of fpage from every space that got them from the
 * caller (memory issue); map_mask chooses rights-only and self. */
static inline void l4_fpage_unmap(l4_fpage_t fpage, uint32_t map_mask)
{
	__asm__ volatile("int $0x32" : "+a"(fpage), "+c"(map_mask) : : "memory", "edx");
}

/* Gives the processor to dest if it is ready, else yields (dest nil). */
static inline void l4_thread_switch(l4_threadid_t dest)
{
	__asm__ volatile("int $0x33" : "+S"(dest) : : "memory");
}

struct l4_sched_info {
	uint32_t old_param;	/* L4_SCHED_FAILED if refused */
	uint32_t time_ms;	/* processor time consumed */
	uint32_t state;		/* L4_STATE_* */
	l4_threadid_t partner;	/* IPC partner when sending or receiving */
};

/* Sets priority and time slice of dest (L4_SCHED_UNCHANGED: only read). */
static inline struct l4_sched_info l4_thread_schedule(l4_threadid_t dest, uint32_t param)
{
	struct l4_sched_info info;

	__asm__ volatile("int $0x34"
			 : "=a"(info.old_param), "=c"(info.time_ms), "=d"(info.state),
			   "=S"(info.partner)
			 : "a"(param), "S"(dest)
			 : "memory", "ebx", "edi");
	return info;
}

struct l4_exregs {
	uint32_t eflags;	/* L4_EXREGS_FAILED if there is no such thread */
	uint32_t esp, eip;
	l4_threadid_t pager;
	uint32_t handler;	/* exception handler address */
	l4_threadid_t id;	/* the thread's full id */
};

/* Reads and replaces esp, eip, pager and exception handler of a thread of
 * the caller's task, creating it if it does not exist; flags may hold
 * L4_EXREGS_DELETE. L4_EXREGS_UNCHANGED keeps a value. */
static inline struct l4_exregs l4_lthread_ex_regs(uint32_t lthread_and_flags, uint32_t eip,
						  uint32_t esp, l4_threadid_t pager,
						  uint32_t handler)
{
	struct l4_exregs old;

	__asm__ volatile("int $0x35"
			 : "=a"(old.eflags), "=c"(old.esp), "=d"(old.eip), "=S"(old.pager),
			   "=D"(old.handler), "=b"(old.id)
			 : "a"(lthread_and_flags), "c"(esp), "d"(eip), "S"(pager), "D"(handler)
			 : "memory");
	return old;
}

/* Tessera's addition: sets TLS segment descriptor `slot` (0..2) of the
 * calling thread to [base, base + limit] (limit up to 0xffffffff), or clears
 * it; returns the selector to load, or L4_SEGMENT_FAILED. A thread of a
 * small space moves its task to a large space first. */
#define L4_SEGMENT_FAILED 0xffffffff
static inline uint32_t l4_segment_set(uint32_t slot, uint32_t base, uint32_t limit, int present)
{
	__asm__ volatile("int $0x37" : "+a"(slot) : "b"(base), "c"(limit), "d"(present ? 1 : 0)
			 : "memory");
	return slot;
}

/* Tessera's addition: moves the right to attach to interrupt line `irq`
 * from the caller's task to the task of `to`. Returns 0, or
 * L4_IRQ_CONTROL_FAILED if the caller's task does not hold it. */
#define L4_IRQ_CONTROL_FAILED 0xffffffff
static inline uint32_t l4_irq_give(uint32_t irq, l4_threadid_t to)
{
	__asm__ volatile("int $0x38" : "+a"(irq) : "S"(to) : "memory");
	return irq;
}

/* Deletes task `task` (any of its ids) if it exists, then, with a pager,
 * creates it afresh running lthread 0 at eip/esp; with pager nil it stays
 * inactive and `mcp_or_chief` becomes its owner. Returns the new task id
 * (lthread 0) or L4_NIL_ID if refused. */
static inline l4_threadid_t l4_task_new(l4_threadid_t task, uint32_t mcp_or_chief, uint32_t esp,
					uint32_t eip, l4_threadid_t pager)
{
	__asm__ volatile("int $0x36"
			 : "+S"(task), "+a"(mcp_or_chief), "+c"(esp), "+d"(eip), "+b"(pager)
			 : : "memory", "edi");
	return task;
}
#endif
