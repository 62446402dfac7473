/*
 * hostile: an L4-aware Linux process that steps outside the protocol.
 *   - It asks sigma0 for I/O ports (the PCI configuration space) and for
 *     the VGA text page: the Linux server has claimed all ports and the
 *     whole VGA window, so sigma0 refuses.
 *   - poll(NULL, 0, 30) must sleep 30 ms, not return at once.
 *   - Last, it sends a blocking read of the console without waiting for the
 *     answer and then a second request: one call may be in flight, so the
 *     server kills it (the log says so), ends the waiting read, and frees
 *     the process only then. The run ends with init killed by signal 9; the
 *     KTAP plan is left one short on purpose.
 */
#include "ktap.h"
#include "sys.h"
#include <l4/sigma0.h>
#include <tessera/linux_call.h>
#include <time.h>

static void sigma0_refuses_devices(void)
{
	CHECK_EQ("PCI configuration ports from sigma0",
		 (long)l4_sigma0_request(L4_SIGMA0_PAGE, L4_IO_FPAGE(0xcf8, 3), L4_WHOLE_SPACE, NULL),
		 (long)L4_SIGMA0_ETAKEN);
	CHECK_EQ("the reset port", (long)l4_sigma0_request(L4_SIGMA0_PAGE, L4_IO_FPAGE(0xcf9, 0),
							  L4_WHOLE_SPACE, NULL),
		 (long)L4_SIGMA0_ETAKEN);
	CHECK_EQ("the VGA text page", (long)l4_sigma0_request(L4_SIGMA0_PAGE,
							      L4_FPAGE(0xb8000, 12, 1),
							      L4_WHOLE_SPACE, NULL),
		 (long)L4_SIGMA0_ETAKEN);
}

static long ms_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void poll_without_fds_sleeps(void)
{
	long before = ms_now();

	CHECK_EQ("poll(NULL, 0, 30)", sys80(168, 0, 0, 30), 0);
	CHECK_GE("milliseconds slept", ms_now() - before, 30);
}

static void second_request_in_flight(void)
{
	static char buf[16];
	uint32_t block[5] = { (uint32_t)buf, sizeof buf, 0, 0, 0 };
	struct l4_words w = { LINUX_REQ_SYSCALL | NR_read, 0, (uint32_t)block };

	ktap_diag("hostile: a read in flight, then another request\n");
	l4_ipc_send(linux_info()->server, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
	linux_call(NR_getpid);
	ktap_diag("hostile: SURVIVED the second request\n");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigma0_refuses_devices),
	KTAP_CASE(poll_without_fds_sleeps),
	KTAP_CASE(second_request_in_flight),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
