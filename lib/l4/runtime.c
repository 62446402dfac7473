/* Runtime of L4-native programs: kernel-log output and the end of main. */
#include <l4/runtime.h>
#include <l4/timeout.h>
#include <tessera/test.h>

#define LINE_MAX 256

static char line[LINE_MAX];
static uint32_t line_len;

static void flush_line(void)
{
	if (line_len)
		l4_kdebug_puts(line, line_len);
	line_len = 0;
}

void l4_emit(char c, void *unused)
{
	(void)unused;
	line[line_len++] = c;
	if (c == '\n' || line_len == LINE_MAX)
		flush_line();
}

int l4_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(l4_emit, NULL, fmt, ap);
	va_end(ap);
	return n;
}

void l4_sleep(uint32_t us)
{
	struct l4_words w = { 0, 0, 0 };

	l4_ipc_receive(L4_NIL_ID, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, us));
}

void l4_sleep_forever(void)
{
	for (;;)
		l4_sleep(L4_US_NEVER);
}

void l4_exit(int status)
{
	flush_line();
	l4_kdebug(L4_KDEBUG_EXIT, status ? TEST_EXIT_FAIL : TEST_EXIT_PASS, 0);
	l4_sleep_forever();
}
