/* The task table and task creation and deletion. */
#include "task.h"
#include "ioport.h"
#include "mapdb.h"
#include "panic.h"
#include "segments.h"
#include "syscall.h"
#include "thread.h"

struct task tasks[L4_TASKS];
uint32_t task_active_map[L4_TASKS / 32];
static uint32_t active_tasks;

/* Every task number starts with chief 0, the kernel's. */
void task_table_init(void)
{
	for (uint32_t n = 0; n < L4_TASKS; n++)
		tasks[n].version = 1;
	tasks[0].subjects = L4_TASKS - 1;
}

void task_set_chief(struct task *t, uint32_t chief)
{
	uint32_t n = task_number(t);

	if (t->chief != n)
		tasks[t->chief].subjects--;
	if (chief != n)
		tasks[chief].subjects++;
	t->chief = (uint16_t)chief;
}

static void set_active(struct task *t, bool active)
{
	uint32_t n = task_number(t);

	t->active = active;
	if (active)
		task_active_map[n / 32] |= 1u << (n % 32);
	else
		task_active_map[n / 32] &= ~(1u << (n % 32));
}

void task_table_give_inactive(uint32_t owner)
{
	for (uint32_t n = 0; n < L4_TASKS; n++)
		if (!tasks[n].active)
			task_set_chief(&tasks[n], owner);
}

struct tcb *task_create(uint32_t n, uint32_t eip, uint32_t esp, l4_threadid_t pager,
			uint8_t priority, uint8_t mcp)
{
	struct task *task = &tasks[n];
	struct tcb *t;

	ASSERT(!task->active && n != KERNEL_TASK && n < L4_TASKS);
	if (!space_init(&task->space))
		return NULL;
	set_active(task, true);
	task->mcp = mcp;
	task->threads = 0;
	task->lthread_mask = 0;
	t = thread_create(task, 0, eip, esp, pager, priority, mcp);
	if (!t) {
		space_destroy(&task->space);
		set_active(task, false);
		return NULL;
	}
	active_tasks++;
	return t;
}

void task_delete(struct task *task)
{
	ASSERT(task->active);
	for (uint32_t lthread = 0; lthread < L4_LTHREADS; lthread++)
		if (task->lthread_mask & (1u << lthread))
			thread_delete(tcb_of(task_thread_id(task, lthread)));
	io_task_gone(task);
	if (task->chief != task_number(task))	/* interrupt rights go to the chief */
		tasks[task->chief].irq_rights |= task->irq_rights;
	task->irq_rights = 0;
	small_space_forget(&task->space);
	task->space.window = task->space.window_size = 0;
	mapdb_space_clear(&task->space);
	space_destroy(&task->space);
	set_active(task, false);
	task->privileged = false;
	task->version = (task->version + 1) & L4_VERSION_MASK;
	if (!task->version)		/* version 0 is never used: ids stay non-nil */
		task->version = 1;
	active_tasks--;
}

uint32_t task_count(void)
{
	return active_tasks;
}

bool task_is_ancestor(const struct task *ancestor, const struct task *t)
{
	/* Chiefs form a tree rooted at a boot task; bound the walk anyway. */
	for (uint32_t depth = 0; depth < L4_TASKS && t->chief != task_number(t); depth++) {
		t = &tasks[t->chief];
		if (t == ancestor)
			return true;
	}
	return false;
}

/* An active task owned by `chief`, or NULL. */
static struct task *active_child(const struct task *chief)
{
	if (!chief->subjects)		/* a leaf: the usual case */
		return NULL;
	for (uint32_t i = 0; i < L4_TASKS; i++)
		if (tasks[i].active && &tasks[i] != chief && tasks[i].chief == task_number(chief))
			return &tasks[i];
	return NULL;
}

/* Deletes a task and, first, the active tasks it owns, depth first,
 * without recursion (clans may be deep; the kernel stack is small): each
 * round deletes one task of the clan that owns no active task. Inactive
 * tasks a deleted task owned pass to its chief. */
static void task_delete_clan(struct task *root)
{
	for (;;) {
		struct task *leaf = root, *child;

		for (uint32_t depth = 0; depth < L4_TASKS && (child = active_child(leaf)); depth++)
			leaf = child;
		for (uint32_t i = 0; leaf->subjects && i < L4_TASKS; i++)
			if (!tasks[i].active && tasks[i].chief == task_number(leaf))
				task_set_chief(&tasks[i], leaf->chief);
		task_delete(leaf);
		if (leaf == root)
			return;
	}
}

/* Everything is checked before anything changes. */
void sys_task_new(struct trap_frame *f)
{
	l4_threadid_t id = f->esi, pager = f->ebx;
	uint32_t n = l4_task_of(id), caller = task_number(current->task);
	struct task *task = &tasks[n];
	uint8_t mcp;

	f->esi = L4_NIL_ID;
	if ((id & ~(L4_TASK_MASK | L4_VERSION_MASK)) || n == KERNEL_TASK ||
	    task->chief != caller || task == current->task ||
	    (task->active && l4_version_of(id) != task->version))
		return;
	if (pager == L4_NIL_ID && l4_task_of(f->eax) == KERNEL_TASK)
		return;
	if (task->active)
		task_delete_clan(task);
	if (pager == L4_NIL_ID) {
		task_set_chief(task, l4_task_of(f->eax));
		f->esi = task_thread_id(task, 0);
		return;
	}
	mcp = (f->eax & 0xff) < current->mcp ? (uint8_t)f->eax : current->mcp;
	if (task_create(n, f->edx, f->ecx, pager, current->priority, mcp))
		f->esi = task_thread_id(task, 0);
}
