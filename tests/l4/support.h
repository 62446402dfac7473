/* support.h: what the L4 kernel tests build on. The test program is the
 * root task; it spawns threads (lthread_ex_regs) and tasks (task_new) that
 * run functions of the same image. Its lthread 1 is the pager of those
 * tasks: it maps the root's own page at the faulting address, so a child
 * shares code and data with the root and can record results in globals. */
#pragma once

#include <l4/kdebug.h>
#include <l4/runtime.h>
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <tessera/ktap.h>

#define NEVER L4_TIMEOUT_NEVER
#define MS(n) ((n) * 1000u)

typedef void (*entry_fn)(uint32_t arg);

/* A thread of the root task running fn(arg); returning from fn sleeps. */
l4_threadid_t spawn_thread(entry_fn fn, uint32_t arg);
/* The same with an exception handler from its first instruction on. */
l4_threadid_t spawn_thread_handled(entry_fn fn, uint32_t arg, uint32_t handler,
				   l4_threadid_t pager);
void kill_thread(l4_threadid_t id);
/* A new task whose lthread 0 runs fn(arg), paged by the root's pager. */
l4_threadid_t spawn_task(entry_fn fn, uint32_t arg);
/* The same with another pager. */
l4_threadid_t spawn_task_paged(entry_fn fn, uint32_t arg, l4_threadid_t pager);
/* The next spawn_task tries task number n first (e.g. a dead task's). */
void spawn_next_as(uint32_t n);
/* A pager loop: maps its own task's page at each faulting address (inside
 * the program image; other faults get no answer). The root's lthread 1 runs
 * it; a child task may run it to page a grandchild. */
void serve_page_faults(uint32_t unused);
void kill_task(l4_threadid_t id);
/* The root's pager thread. */
l4_threadid_t pager_id(void);
/* Page faults in [start, end) get a reply without a mapping. */
void pager_refuse(uint32_t start, uint32_t end);
/* Times the pager answered a fault (for counting faults). */
uint32_t pager_faults(void);
/* Exception messages the pager got from stopped threads. */
uint32_t pager_exceptions(void);

struct l4_kernel_counters counters_now(void);

/* Short IPC helpers with all three words. */
static inline struct l4_words words(uint32_t a, uint32_t b, uint32_t c)
{
	return (struct l4_words){ a, b, c };
}
