/* test.h: how a test run ends. A write of TEST_EXIT_PASS or TEST_EXIT_FAIL to
 * QEMU's isa-debug-exit port makes QEMU exit with status (value << 1) | 1,
 * i.e. 33 or 35; tests/run.sh reads these values from this file. */
#pragma once

#define TEST_EXIT_PORT	0xf4
#define TEST_EXIT_PASS	0x10
#define TEST_EXIT_FAIL	0x11
