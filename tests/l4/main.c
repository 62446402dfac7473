/* The L4 kernel test program: a boot task that runs the KTAP suites named
 * in its first argument (default: all) and ends the run with the verdict. */
#include <l4/runtime.h>
#include <tessera/ktap.h>

int main(int argc, char **argv)
{
	const char *suites = argc > 1 ? argv[1] : "all";

	return ktap_run_suites(suites, l4_emit, NULL) ? 1 : 0;
}
