/* thread.h: creating and deleting threads. */
#pragma once

#include "tcb.h"

/* A new thread `lthread` of task t, about to enter user mode at eip/esp,
 * queued as ready. NULL if memory is exhausted. */
struct tcb *thread_create(struct task *t, uint32_t lthread, uint32_t eip, uint32_t esp,
			  l4_threadid_t pager, uint8_t priority, uint8_t mcp);
/* Cancels its IPC, fails its partners cleanly, frees its TCB. */
void thread_delete(struct tcb *t);
/* Sets the user eip and esp a thread will continue with. */
void thread_set_user_entry(struct tcb *t, uint32_t eip, uint32_t esp);
