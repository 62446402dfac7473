/* segments.h: user segments: small address spaces and per-thread TLS
 * descriptors.
 *
 * Small spaces (the Pentium trick): a task made small lives in a window of
 * the small-space region above 3 GB; its threads run with SMALL_CS/SMALL_DS
 * (base = window, limit = size) on whatever page directory is loaded, into
 * which the window's directory entries are copied, so switching to them
 * loads no CR3. Touching beyond the window promotes the task back to a
 * large space, transparently: on a Pentium the segment limit raises #GP or
 * #SS; under QEMU, which does not check segment limits, the access lands
 * outside the window and page-faults, which is caught the same way.
 *
 * Isolation does not rest on segment limits alone (QEMU ignores them; a TLS
 * segment may reach 4 GB anyway): the window's directory entries are present
 * only while a thread of its small space runs. Any switch to another thread
 * takes them out first (one invlpg per 4 MB page, a TLB flush for page
 * tables), and so does any change to the small space's entries. The SMALL
 * descriptors are present only while their space runs, and then USER_CS and
 * USER_DS describe its window too; large spaces' user segments end at 3 GB
 * as a second wall on real hardware.
 *
 * The other direction, a small thread reaching the user half of the
 * directory it borrows by wrapping its offset past 4 GB, only segment
 * limits prevent. segments_init() tests at boot whether the CPU checks
 * them: if it does (a Pentium), small spaces borrow the loaded directory and
 * cost no CR3 load; if not (QEMU's TCG), they run on the kernel's own
 * directory, whose user half is empty, at the price of a CR3 load per
 * switch. smallspace=limits on the command line forces the first mode (to
 * measure it under QEMU; not isolated there). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "space.h"
#include "tcb.h"

#define SMALL_SPACE_MIN	0x00400000	/* 4 MB */
#define SMALL_SIZE_CLASSES 7		/* 4 MB << 0..6: up to 256 MB */

/* Before a return to user mode: a small space whose window went away while
 * its thread was in the kernel (a mapping in it changed, or the directory
 * it borrowed was destroyed) gets it back. */
void segments_return_small(struct tcb *t);
static inline void segments_return(struct tcb *t)
{
	if (t->space->window_size)
		segments_return_small(t);
}

/* The task's small space as thread_schedule's param byte (0: large). */
uint32_t small_space_get(const struct task *task);
#define SMALL_MAKE_LARGE 0xff		/* thread_schedule: back to a large space */

/* Finds out whether the CPU checks segment limits (see above). */
void segments_init(void);
/* True if small spaces borrow the loaded directory (no CR3 load). */
bool segments_small_borrow_directory(void);
/* A thread is "plain" (a switch between two plain threads, in the IPC fast
 * path, only loads CR3) if its task is large and has no I/O ports and it
 * has no TLS descriptors. */
void thread_update_plain(struct tcb *t);
/* Before `next` runs: its segments, its page directory or window, its TLS,
 * its task's I/O ports. */
void segments_switch(struct tcb *next);
/* thread_schedule's small-space byte for t's task: 0 nothing, 0xff large,
 * else bits 7..5 size class (4 MB << class) and bits 4..0 slot (window =
 * SMALL_SPACE_BASE + slot * size). False if refused (outside the region or
 * overlapping another small space). */
bool small_space_set(struct task *task, uint32_t value);
/* A #GP or #SS from user mode, or a page fault at linear address `linear`
 * outside the window: if the thread's task is small, promote it and let the
 * instruction run again (true). For #GP/#SS pass linear = 0. */
bool small_space_fault(uint32_t linear, bool page_fault);
/* The address in the thread's own space of a linear fault address. */
uint32_t user_fault_address(const struct tcb *t, uint32_t linear);
/* A small space's entries changed: its window leaves the directory. */
void small_space_changed(struct space *s);
/* A thread is deleted: its TLS descriptors leave the GDT. */
void segments_thread_gone(const struct tcb *t);
/* A space goes away or becomes large. */
void small_space_forget(struct space *s);
/* s's page directory is about to be freed: no window may stay in it. */
void small_space_directory_gone(const struct space *s);
/* Segment selectors for a thread of this space. */
uint32_t user_code_selector(const struct space *s);
uint32_t user_data_selector(const struct space *s);
