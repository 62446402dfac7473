/* The KTAP runner: counts the selected cases for the plan, runs each and
 * prints one result line per case. */
#include <tessera/ktap.h>
#include <libc/string.h>

extern const struct ktap_case *__start_ktap_cases[], *__stop_ktap_cases[];

static void emit_line(format_emit_fn emit, void *arg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(emit, arg, fmt, ap);
	va_end(ap);
}

void ktap_note(struct ktap_run *t, const char *fmt, ...)
{
	va_list ap;

	emit_line(t->emit, t->emit_arg, "# ");
	va_start(ap, fmt);
	vformat(t->emit, t->emit_arg, fmt, ap);
	va_end(ap);
	emit_line(t->emit, t->emit_arg, "\n");
}

int ktap_check(struct ktap_run *t, int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		t->failures++;
		ktap_note(t, "%s:%d: expected %s", file, line, expr);
	}
	return ok;
}

int ktap_check_eq(struct ktap_run *t, uint64_t got, uint64_t want, const char *got_expr,
		  const char *want_expr, const char *file, int line)
{
	if (got == want)
		return 1;
	t->failures++;
	ktap_note(t, "%s:%d: expected %s == %s: got %#llx (%llu), want %#llx (%llu)",
		  file, line, got_expr, want_expr, got, got, want, want);
	return 0;
}

void ktap_skip(struct ktap_run *t, const char *reason)
{
	t->skip_reason = reason;
}

/* True if `suite` is one of the comma-separated names in `list`; "all"
 * selects every suite except the crash* ones, which end the run on purpose. */
static int suite_selected(const char *list, const char *suite)
{
	size_t len = strlen(suite);

	if (!strcmp(list, "all"))
		return strncmp(suite, "crash", 5) != 0;
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, suite, n))
			return 1;
		p += n + (end != NULL);
	}
	return 0;
}

int ktap_run_suites(const char *suites, format_emit_fn emit, void *emit_arg)
{
	const struct ktap_case **c;
	int planned = 0, number = 0, failed = 0;

	for (c = __start_ktap_cases; c < __stop_ktap_cases; c++)
		planned += suite_selected(suites, (*c)->suite);
	emit_line(emit, emit_arg, "KTAP version 1\n1..%d\n", planned);
	if (!planned) {
		emit_line(emit, emit_arg, "# no test case in suites \"%s\"\n", suites);
		return 1;
	}
	for (c = __start_ktap_cases; c < __stop_ktap_cases; c++) {
		struct ktap_run t = { emit, emit_arg, 0, NULL };

		if (!suite_selected(suites, (*c)->suite))
			continue;
		(*c)->run(&t);
		number++;
		if (t.failures)
			failed++;
		if (t.skip_reason && !t.failures)
			emit_line(emit, emit_arg, "ok %d %s_%s # SKIP %s\n", number,
				  (*c)->suite, (*c)->name, t.skip_reason);
		else
			emit_line(emit, emit_arg, "%s %d %s_%s\n", t.failures ? "not ok" : "ok",
				  number, (*c)->suite, (*c)->name);
	}
	return failed;
}
