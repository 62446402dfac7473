/* l4/runtime.h: the small runtime of L4-native programs (lib/l4/): start
 * code, output to the kernel log, exit. */
#pragma once

#include <libc/format.h>
#include <l4/kdebug.h>

/* printf to the kernel log, line-buffered. */
int l4_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* format_emit_fn for the kernel log (KTAP output of user tests). */
void l4_emit(char c, void *unused);

/* The caller's own thread id. */
static inline l4_threadid_t l4_myself(void)
{
	return l4_id_nearest(L4_NIL_ID);
}

/* Blocks for good (receives from nobody without timeout). */
void l4_sleep_forever(void) __attribute__((noreturn));
/* Sleeps for at least `us` microseconds. */
void l4_sleep(uint32_t us);

/* What happens when main returns: a boot task ends the run (QEMU exits with
 * the test pass or fail code for status 0 or not), others sleep forever. */
void l4_exit(int status) __attribute__((noreturn));
