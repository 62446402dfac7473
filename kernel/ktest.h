/* ktest.h: in-kernel tests (tests/kernel/), run when the command line holds
 * ktest=SUITES (comma-separated suite names or "all"). */
#pragma once

#include <tessera/ktap.h>

/* Runs the selected suites in KTAP and leaves QEMU with the verdict. */
void ktest_main(void) __attribute__((noreturn));
