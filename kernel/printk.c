/* The kernel log: formatted straight onto the serial port, unbuffered, so the
 * last line before a crash is always visible. */
#include "printk.h"
#include "x86/serial.h"

void printk_emit(char c, void *unused)
{
	(void)unused;
	serial_putc(c);
}

int vprintk(const char *fmt, va_list ap)
{
	return vformat(printk_emit, NULL, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
