/* pagefault.h: page faults of user threads become IPC to their pager.
 *
 * The message (L4 v2): word 0 = fault address with bit 1 set for a write,
 * word 1 = faulting eip. The pager answers with a map item (register form)
 * into a receive window covering the whole space; the thread then retries. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "tcb.h"

#define PF_WRITE_BIT 0x2

/* Asks t's pager to map `address`, each IPC phase bounded by the page-fault
 * timeout with exponent pf_exponent. True if the page is now mapped as
 * needed; t->ipc is preserved. */
bool pagefault_resolve(struct tcb *t, uint32_t address, bool write, uint32_t pf_exponent);
/* A #PF from user mode. */
void pagefault_user(struct trap_frame *f);
