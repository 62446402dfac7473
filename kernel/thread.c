/* Threads: a TCB with a kernel stack prepared to enter user mode. */
#include "thread.h"
#include "ipc.h"
#include "panic.h"
#include "sched.h"
#include "segments.h"
#include "syscall.h"
#include "task.h"
#include "x86/gdt.h"
#include <libc/string.h>

#define EFLAGS_IF	0x200
#define EFLAGS_RESERVED	0x002

extern const char trap_return[];

void thread_set_user_entry(struct tcb *t, uint32_t eip, uint32_t esp)
{
	struct trap_frame *f = tcb_user_frame(t);

	f->eip = eip;
	f->user_esp = esp;
}

/* The kernel stack of a new thread: its user frame at the top and below it
 * a switch frame that context_switch "returns" through into trap_return. */
static void prepare_stack(struct tcb *t, uint32_t eip, uint32_t esp)
{
	struct trap_frame *f = tcb_user_frame(t);
	struct switch_frame *sf = (struct switch_frame *)f - 1;

	memset(f, 0, sizeof(*f));
	f->ds = f->es = f->fs = f->gs = user_data_selector(t->space);
	f->cs = user_code_selector(t->space);
	f->user_ss = user_data_selector(t->space);
	f->eflags = EFLAGS_IF | EFLAGS_RESERVED;
	thread_set_user_entry(t, eip, esp);
	memset(sf, 0, sizeof(*sf));
	sf->eip = (uint32_t)trap_return;
	t->kernel_sp = (uint32_t)sf;
}

struct tcb *thread_create(struct task *task, uint32_t lthread, uint32_t eip, uint32_t esp,
			  l4_threadid_t pager, uint8_t priority, uint8_t mcp)
{
	l4_threadid_t id = task_thread_id(task, lthread);
	struct tcb *t = tcb_alloc(id);

	if (!t)
		return NULL;
	t->id = id;
	t->task = task;
	t->space = &task->space;
	t->directory_phys = task->space.directory_phys;
	thread_update_plain(t);
	t->priority = priority;
	t->mcp = mcp;
	t->timeslice = t->remaining = DEFAULT_TIMESLICE_TICKS;
	t->pager = pager;
	prepare_stack(t, eip, esp);
	task->threads++;
	task->lthread_mask |= 1u << lthread;
	thread_wake(t);
	return t;
}

void thread_delete(struct tcb *t)
{
	struct task *task = t->task;

	ipc_thread_dies(t);
	segments_thread_gone(t);
	fpu_thread_gone(t);
	if (sched_handoff == t)
		sched_handoff = NULL;
	ready_dequeue(t);
	task->threads--;
	task->lthread_mask &= ~(1u << l4_lthread_of(t->id));
	t->id = L4_NIL_ID;
	t->state = THREAD_FREE;
	tcb_free(t);
}

/* Creates a thread of the caller's task that does not exist yet. */
static void ex_regs_create(struct trap_frame *f, uint32_t lthread)
{
	l4_threadid_t pager = f->esi == L4_EXREGS_UNCHANGED ? current->pager : f->esi;
	struct tcb *t;

	if (f->ecx == L4_EXREGS_UNCHANGED || f->edx == L4_EXREGS_UNCHANGED ||
	    !(t = thread_create(current->task, lthread, f->edx, f->ecx, pager, current->priority,
				current->mcp))) {
		f->eax = L4_EXREGS_FAILED;
		return;
	}
	t->exception_handler = f->edi == L4_EXREGS_UNCHANGED ? 0 : f->edi;
	f->ebx = t->id;
	f->eax = f->ecx = f->edx = f->edi = 0;
	f->esi = L4_NIL_ID;
}

/* Reads and replaces the user state of an existing thread; a new eip or
 * esp cancels its IPC and restarts it if it was halted. */
static void ex_regs_modify(struct trap_frame *f, struct tcb *t)
{
	struct trap_frame *tf = tcb_user_frame(t);
	uint32_t esp = f->ecx, eip = f->edx, pager = f->esi, handler = f->edi;

	f->eax = tf->eflags;
	f->ecx = tf->user_esp;
	f->edx = tf->eip;
	f->esi = t->pager;
	f->edi = t->exception_handler;
	f->ebx = t->id;
	if (pager != L4_EXREGS_UNCHANGED)
		t->pager = pager;
	if (handler != L4_EXREGS_UNCHANGED)
		t->exception_handler = handler;
	if (esp == L4_EXREGS_UNCHANGED && eip == L4_EXREGS_UNCHANGED)
		return;
	if (t != current)
		ipc_cancel(t);
	if (esp != L4_EXREGS_UNCHANGED)
		tf->user_esp = esp;
	if (eip != L4_EXREGS_UNCHANGED)
		tf->eip = eip;
	if (t->state == THREAD_HALTED)
		thread_wake(t);
}

void sys_lthread_ex_regs(struct trap_frame *f)
{
	uint32_t lthread = f->eax & L4_EXREGS_LTHREAD_MASK;
	struct tcb *t = tcb_lookup(task_thread_id(current->task, lthread));

	if (f->eax & ~(L4_EXREGS_LTHREAD_MASK | L4_EXREGS_DELETE)) {
		f->eax = L4_EXREGS_FAILED;
	} else if (f->eax & L4_EXREGS_DELETE) {
		if (t && t != current)
			thread_delete(t);
		f->eax = t && t != current ? 0 : L4_EXREGS_FAILED;
	} else if (!t) {
		ex_regs_create(f, lthread);
	} else {
		ex_regs_modify(f, t);
	}
}
