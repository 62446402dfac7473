/* format.h: printf-style formatting shared by the kernel log and user programs.
 *
 * Supported: %d %i %u %x %X %o %p %s %c %%, flags '-' '0' '+' ' ' '#', a width
 * and precision (also '*'), length modifiers hh h l ll z j t. No floating point:
 * the kernel and servers never format floats. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

/* Called once per output character. */
typedef void (*format_emit_fn)(char c, void *arg);

int vformat(format_emit_fn emit, void *arg, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
