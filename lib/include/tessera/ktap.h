/* ktap.h: self-registering tests that report in KTAP on the serial log.
 *
 * A test is one function declared with KTAP_CASE(suite, name); the linker
 * gathers every case in the section ktap_cases, so no list is kept by hand.
 * The same runner serves in-kernel tests and user-level test programs; the
 * host harness (tests/run.sh) reads the plan and the ok/not ok lines. */
#pragma once

#include <libc/format.h>
#include <stdint.h>

struct ktap_run;

struct ktap_case {
	const char *suite;		/* selects cases by name, e.g. ktest=trap */
	const char *name;
	void (*run)(struct ktap_run *t);
};

/* State of the case being run; handed to every check. */
struct ktap_run {
	format_emit_fn emit;		/* where KTAP lines go */
	void *emit_arg;
	int failures;			/* failed checks in the current case */
	const char *skip_reason;	/* set by ktap_skip() */
};

#define KTAP_CASE(suite_, name_)						\
	static void ktap_fn_##suite_##_##name_(struct ktap_run *t);		\
	static const struct ktap_case ktap_case_##suite_##_##name_ = {		\
		#suite_, #name_, ktap_fn_##suite_##_##name_ };			\
	static const struct ktap_case *ktap_ptr_##suite_##_##name_		\
		__attribute__((used, section("ktap_cases"))) =			\
		&ktap_case_##suite_##_##name_;					\
	static void ktap_fn_##suite_##_##name_(struct ktap_run *t __attribute__((unused)))

/* Checks: each failing check prints a diagnostic and fails the case; the case
 * goes on so one run shows every broken expectation. */
#define EXPECT(cond) ktap_check(t, !!(cond), #cond, __FILE__, __LINE__)
#define EXPECT_EQ(got, want)							\
	ktap_check_eq(t, (uint64_t)(got), (uint64_t)(want), #got, #want, __FILE__, __LINE__)

int ktap_check(struct ktap_run *t, int ok, const char *expr, const char *file, int line);
int ktap_check_eq(struct ktap_run *t, uint64_t got, uint64_t want, const char *got_expr,
		  const char *want_expr, const char *file, int line);
void ktap_skip(struct ktap_run *t, const char *reason);
void ktap_note(struct ktap_run *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs every registered case whose suite is in the comma-separated list
 * `suites` ("all" selects everything). Returns the number of failed cases;
 * a plan with no selected case counts as one failure. */
int ktap_run_suites(const char *suites, format_emit_fn emit, void *emit_arg);
