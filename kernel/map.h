/* map.h: mapping flexpages from one space into another (map and grant
 * items in IPC). */
#pragma once

#include <stdint.h>
#include <l4/types.h>
#include "space.h"

/* Maps what of `fpage` in `from` fits `window` in `to`, following L4's
 * rules for size mismatch (send_base picks the part or the position).
 * A grant fpage also removes the pages from `from`. Pages not mapped in
 * `from` are skipped. Returns 0 or L4_IPC_REMAPFAILED (out of memory). */
uint32_t map_fpage(struct space *from, uint32_t send_base, l4_fpage_t fpage, struct space *to,
		   l4_fpage_t window);
