/* panic.h: stopping the kernel when an invariant breaks. */
#pragma once

#include "printk.h"

/* What a panic does last: halt (default; the log stays readable) or, under
 * test, leave QEMU at once with the failure code (panic=exit or ktest=). */
void panic_set_exit(int exit_on_panic);

/* Prints "PANIC: message" and a backtrace of the caller, then stops. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* For reports with more to say (fault handlers): panic_begin() turns
 * interrupts off and stops at once if a panic is already under way (a fault
 * while reporting); the caller prints its report; panic_end() prints
 * "PANIC: message" and stops. */
void panic_begin(void);
void panic_end(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define ASSERT(cond)								\
	do {									\
		if (!(cond))							\
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
	} while (0)
