/* The L4-native benchmark program: a boot task (after sigma0) that runs
 * every suite and prints "BENCH name value unit" lines, then "BENCH done". */
#include "bench.h"

int main(void)
{
	bench_ipc();
	bench_vm();
	bench_irq();
	bench_pipe();
	bench_rpc();
	bench_appel();
	l4_printf("BENCH done\n");
	return 0;
}
