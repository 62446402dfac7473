/* task.h: tasks (an address space and up to L4_LTHREADS threads).
 *
 * Task numbers index a static table. A task is active (has a space and
 * threads) or inactive; either way it has a chief, the task allowed to
 * create or delete it with task_new. Every incarnation of a task number gets
 * a new version, which all its thread ids carry. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <l4/types.h>
#include "space.h"

#define KERNEL_TASK	0	/* the idle thread's; never a user task */
#define BOOT_TASK_FIRST	2	/* boot modules become tasks 2, 3, ... */
/* The task numbers a third boot task gets (an L4-native program beside the
 * root task, which owns the others): lib/ABI.md. */
#define BESIDE_TASK_FIRST	16
#define BESIDE_TASK_END		32

struct task {
	struct space space;
	uint16_t version;	/* of the current incarnation (or the next) */
	uint16_t chief;		/* task number of the owner (task_set_chief) */
	uint16_t subjects;	/* how many other task numbers it is chief of */
	bool active;
	bool privileged;	/* started by the kernel from a boot module */
	uint8_t mcp;		/* highest priority its threads may give */
	uint32_t threads;	/* live threads */
	uint32_t lthread_mask;	/* bit n: lthread n exists */
	struct io_rights *io;	/* I/O ports it may use (kernel/io.c), NULL: none */
	uint16_t irq_rights;	/* bit n: its threads may attach to interrupt line n */
};

extern struct task tasks[L4_TASKS];
/* Bit n: task n is active. Walks over the tasks that exist (a thread's
 * death looks for closed receivers waiting for it) take it word by word. */
extern uint32_t task_active_map[L4_TASKS / 32];

static inline struct task *task_of_id(l4_threadid_t id)
{
	return &tasks[l4_task_of(id)];
}

static inline uint32_t task_number(const struct task *t)
{
	return (uint32_t)(t - tasks);
}

static inline l4_threadid_t task_thread_id(const struct task *t, uint32_t lthread)
{
	return l4_make_id(task_number(t), lthread, t->version);
}

/* Makes task number n active with a fresh space and its lthread 0 at
 * eip/esp. Returns lthread 0's TCB or NULL if memory ran out. */
struct tcb *task_create(uint32_t n, uint32_t eip, uint32_t esp, l4_threadid_t pager,
			uint8_t priority, uint8_t mcp);
/* Deletes every thread of an active task and its space; bumps the version. */
void task_delete(struct task *t);
uint32_t task_count(void);
void task_table_init(void);
/* Makes chief the chief of t, keeping the chiefs' counts of subjects. */
void task_set_chief(struct task *t, uint32_t chief);
/* Makes task `owner` the chief of every inactive task number. */
void task_table_give_inactive(uint32_t owner);
/* True if `ancestor` is t's chief, its chief's chief, and so on. */
bool task_is_ancestor(const struct task *ancestor, const struct task *t);
