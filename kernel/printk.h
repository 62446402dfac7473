/* printk.h: the kernel log on the serial console. */
#pragma once

#include <libc/format.h>

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

/* format_emit_fn that writes to the kernel log (for ktap and friends). */
void printk_emit(char c, void *unused);
