/* Kernel panic: message, backtrace, then halt or leave QEMU. */
#include "panic.h"
#include "ksyms.h"
#include "machine.h"
#include "x86/io.h"
#include <tessera/test.h>

static int exit_on_panic;
static int panicking;

void panic_set_exit(int exit)
{
	exit_on_panic = exit;
}

static void __attribute__((noreturn)) stop(void)
{
	printk("kernel stopped%s\n", exit_on_panic ? "; leaving QEMU with failure" : "");
	machine_stop(exit_on_panic ? TEST_EXIT_FAIL : -1);
}

void panic_begin(void)
{
	interrupts_disable();
	if (panicking++) {
		printk("\nPANIC: fault while panicking\n");
		machine_stop(exit_on_panic ? TEST_EXIT_FAIL : -1);
	}
}

static void print_message(const char *fmt, va_list ap)
{
	printk("PANIC: ");
	vprintk(fmt, ap);
	printk("\n");
}

void panic_end(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	stop();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	/* Start at our caller: its return address and its saved frame. */
	backtrace_print((uint32_t)__builtin_return_address(0),
			*(uint32_t *)__builtin_frame_address(0));
	stop();
}
