/* The kernel debugger on request: a boot task enters it; the dump (thread
 * list, our mappings) is checked in the log by the harness (l4-core and
 * kdb-serial cases), and the call returns. */
#include "support.h"

KTAP_CASE(kdb, dump_on_request)
{
	static const char reason[] = "requested by the kdb test";

	EXPECT_EQ(l4_kdebug(L4_KDEBUG_ENTER, (uint32_t)reason, 0), 0);
}
