/*
 * l4stub: the third way into the Linux server, for L4-aware programs: the
 * request made directly with l4_ipc_call (lib/include/tessera/linux_call.h),
 * no emulation library, no trampoline. Results must be those of the other
 * two ways.
 */
#include "ktap.h"
#include "sys.h"
#include <errno.h>
#include <string.h>
#include <tessera/linux_call.h>

static void stub_getpid(void)
{
	CHECK_EQ("getpid by the stub", linux_call(NR_getpid), sys80(NR_getpid));
	CHECK_EQ("the info page's pid", (long)linux_info()->pid, sys80(NR_getpid));
}

static void stub_write(void)
{
	static const char msg[] = "# written through the L4 stub\n";

	CHECK_EQ("write", linux_call(NR_write, 1, msg, sizeof msg - 1), (long)sizeof msg - 1);
}

static void stub_errors(void)
{
	CHECK_EQ("close(1000)", linux_call(NR_close, 1000), -EBADF);
	CHECK_EQ("write from (void *)1", linux_call(NR_write, 1, 1, 10), -EFAULT);
	CHECK_EQ("syscall 999", linux_call(999), -ENOSYS);
	CHECK_EQ("syscall 0x1000000", linux_call(0x1000000), -ENOSYS);
}

/* mmap2 takes all six arguments: five of them come from the block. */
static void stub_six_arguments(void)
{
	long a = linux_call(NR_mmap2, 0, 8192, 3 /* PROT_READ | PROT_WRITE */,
			    0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */, -1, 0);

	CHECK(a > 0 && !(a & 0xfff), "mmap2 by the stub: %ld", a);
	memset((void *)a, 0x5a, 8192);
	CHECK_EQ("a byte of it", ((unsigned char *)a)[8191], 0x5a);
	CHECK_EQ("munmap", linux_call(NR_munmap, a, 8192), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(stub_getpid),
	KTAP_CASE(stub_write),
	KTAP_CASE(stub_errors),
	KTAP_CASE(stub_six_arguments),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
