/* irq_to_thread: from an interrupt entering the kernel to the attached
 * thread running in user mode. The kernel stamps the TSC at entry
 * (L4_KDEBUG_IRQ_STAMP); the thread reads it first thing after its receive
 * returns. The RTC's periodic interrupt (line 8, ports from sigma0) drives
 * it; the cheapest of the samples is reported. */
#include "bench.h"
#include <l4/sigma0.h>
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <tessera/rtc.h>

#define SAMPLES 32

void bench_irq(void)
{
	uint64_t best = UINT64_MAX;
	uint32_t got = 0;

	if (l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL)) {
		l4_printf("# bench: no RTC ports; irq_to_thread skipped\n");
		return;
	}
	rtc_periodic(true);
	for (int i = 0; i < SAMPLES; i++) {
		struct l4_words w = { 0, 0, 0 };
		uint32_t r = l4_ipc(L4_IRQ_ID(RTC_IRQ), L4_IPC_NIL_DESCRIPTOR, L4_IPC_SHORT_MSG,
				    l4_timeouts(0, 100000), &w, NULL);
		uint64_t now = bench_clock(), stamp;
		uint32_t lo, hi;

		if (l4_ipc_error(r))
			break;
		__asm__ volatile("int $0x40" : "=a"(lo), "=d"(hi)
				 : "a"(L4_KDEBUG_IRQ_STAMP), "c"(RTC_IRQ) : "memory");
		stamp = ((uint64_t)hi << 32) | lo;
		if (i > 0 && now - stamp < best)	/* the first one may have waited */
			best = now - stamp;
		cmos_read(RTC_C);
		got++;
	}
	rtc_periodic(false);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	if (got < 2) {
		l4_printf("# bench: no RTC interrupts; irq_to_thread skipped\n");
		return;
	}
	l4_printf("BENCH irq_to_thread %llu instructions\n", best);
}
