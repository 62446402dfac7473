/* Runs the in-kernel KTAP suites and reports the verdict to the host. */
#include "ktest.h"
#include "bootinfo.h"
#include "machine.h"
#include "printk.h"
#include <tessera/test.h>

void ktest_main(void)
{
	char suites[128];
	int failed;

	if (!cmdline_value("ktest", suites, sizeof(suites))) {
		printk("ktest: give suites as ktest=NAME,NAME or ktest=all\n");
		machine_stop(TEST_EXIT_FAIL);
	}
	failed = ktap_run_suites(suites, printk_emit, NULL);
	printk("ktest: %s\n", failed ? "FAILED" : "all passed");
	machine_stop(failed ? TEST_EXIT_FAIL : TEST_EXIT_PASS);
}
