/* Threads, tasks and a pager for the kernel tests. */
#include "support.h"
#include <libc/string.h>

#define STACK_SIZE	8192
#define STACKS		28
#define FIRST_LTHREAD	2	/* 0 runs the tests, 1 is the pager */
#define FIRST_CHILD_TASK 16

struct stack_slot {
	uint8_t bytes[STACK_SIZE];
} __attribute__((aligned(4096)));

static struct stack_slot stacks[STACKS];
static l4_threadid_t stack_owner[STACKS];	/* nil: free */
static l4_threadid_t pager;
static volatile uint32_t refuse_start, refuse_end, faults_served, exceptions_told;
static uint32_t next_task = FIRST_CHILD_TASK;

static void sleep_after_return(void)
{
	l4_sleep_forever();
}

/* Prepares a stack slot so that fn(arg) finds its argument and returns
 * into sleep_after_return; returns the initial esp. */
static uint32_t stack_prepare(int slot, entry_fn fn, uint32_t arg)
{
	uint32_t *top = (uint32_t *)(stacks[slot].bytes + STACK_SIZE);

	(void)fn;
	top[-1] = arg;
	top[-2] = (uint32_t)sleep_after_return;
	return (uint32_t)&top[-2];
}

/* Reserved until the thread using it exists and takes it over. */
#define STACK_RESERVED 0xffffffff

static int stack_alloc(void)
{
	for (int i = 0; i < STACKS; i++) {
		if (stack_owner[i] == L4_NIL_ID) {
			stack_owner[i] = STACK_RESERVED;
			return i;
		}
	}
	l4_printf("# support: out of stack slots\n");
	l4_exit(1);
}

static void stack_release(l4_threadid_t id)
{
	for (int i = 0; i < STACKS; i++)
		if (stack_owner[i] == id)
			stack_owner[i] = L4_NIL_ID;
}

extern char _end[];
#define IMAGE_START 0x00400000	/* lib/l4/user.ld */

/* The pager: maps the root's page at the faulting address, read-write.
 * Faults outside the root's image get no answer: only that thread blocks. */
void serve_page_faults(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t result;

	(void)unused;
	result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
	for (;;) {
		uint32_t page = w.w0 & ~0xfffu, desc = L4_IPC_DESC_MAP;

		if (!l4_ipc_error(result) && L4_IS_EXCEPTION_MSG(w.w0))
			exceptions_told++;	/* a send-only message: no answer */
		if (l4_ipc_error(result) || L4_IS_EXCEPTION_MSG(w.w0)) {
			result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
			continue;
		}
		if (page < IMAGE_START || page >= (uint32_t)_end) {
			result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
			continue;
		}
		faults_served++;
		if (page >= refuse_start && page < refuse_end) {
			desc = L4_IPC_SHORT_MSG;
			w = words(0, 0, 0);
		} else {
			*(volatile uint8_t *)page;	/* it is mapped in the root */
			w = words(page, L4_FPAGE(page, L4_PAGE_SIZE_LOG2, 1), 0);
		}
		result = l4_ipc_reply_and_wait(client, desc, L4_IPC_SHORT_MSG, &w,
					       l4_timeouts(0, L4_US_NEVER), &client);
	}
}

static void pager_start(void)
{
	struct l4_exregs r;
	int slot;

	if (pager != L4_NIL_ID)
		return;
	slot = stack_alloc();
	r = l4_lthread_ex_regs(1, (uint32_t)serve_page_faults, stack_prepare(slot, serve_page_faults, 0),
			       L4_NIL_ID, 0);
	pager = r.id;
	stack_owner[slot] = pager;
}

l4_threadid_t pager_id(void)
{
	pager_start();
	return pager;
}

void pager_refuse(uint32_t start, uint32_t end)
{
	refuse_start = start;
	refuse_end = end;
}

uint32_t pager_faults(void)
{
	return faults_served;
}

uint32_t pager_exceptions(void)
{
	return exceptions_told;
}

l4_threadid_t spawn_thread(entry_fn fn, uint32_t arg)
{
	return spawn_thread_handled(fn, arg, 0, pager_id());
}

l4_threadid_t spawn_thread_handled(entry_fn fn, uint32_t arg, uint32_t handler,
				   l4_threadid_t pager)
{
	uint32_t used = 0;
	int slot = stack_alloc();

	for (int i = 0; i < STACKS; i++)
		if (stack_owner[i] != L4_NIL_ID && stack_owner[i] != STACK_RESERVED &&
		    l4_same_task(stack_owner[i], l4_myself()))
			used |= 1u << l4_lthread_of(stack_owner[i]);
	for (uint32_t l = FIRST_LTHREAD; l < L4_LTHREADS; l++) {
		if (used & (1u << l))
			continue;
		struct l4_exregs r = l4_lthread_ex_regs(l, (uint32_t)fn, stack_prepare(slot, fn, arg),
							pager, handler);
		if (r.eflags == L4_EXREGS_FAILED)
			break;
		stack_owner[slot] = r.id;
		return r.id;
	}
	l4_printf("# support: cannot create a thread\n");
	l4_exit(1);
}

void kill_thread(l4_threadid_t id)
{
	l4_lthread_ex_regs(l4_lthread_of(id) | L4_EXREGS_DELETE, L4_EXREGS_UNCHANGED,
			   L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	stack_release(id);
}

l4_threadid_t spawn_task(entry_fn fn, uint32_t arg)
{
	return spawn_task_paged(fn, arg, pager_id());
}

l4_threadid_t spawn_task_paged(entry_fn fn, uint32_t arg, l4_threadid_t pager)
{
	int slot = stack_alloc();
	uint32_t esp = stack_prepare(slot, fn, arg);
	l4_threadid_t id;

	for (uint32_t tries = 0; tries < L4_TASKS; tries++) {
		uint32_t n = next_task++;

		if (next_task >= L4_TASKS)
			next_task = FIRST_CHILD_TASK;
		id = l4_task_new(l4_make_id(n, 0, 0), 255, esp, (uint32_t)fn, pager);
		if (id != L4_NIL_ID) {
			stack_owner[slot] = id;
			return id;
		}
	}
	l4_printf("# support: cannot create a task\n");
	l4_exit(1);
}

void spawn_next_as(uint32_t n)
{
	if (n >= FIRST_CHILD_TASK && n < L4_TASKS)
		next_task = n;
}

void kill_task(l4_threadid_t id)
{
	l4_task_new(id, l4_myself(), 0, 0, L4_NIL_ID);
	stack_release(id);
}

struct l4_kernel_counters counters_now(void)
{
	struct l4_kernel_counters c;

	memset(&c, 0, sizeof(c));
	l4_kdebug_counters(&c);
	return c;
}
