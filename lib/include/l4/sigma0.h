/* l4/sigma0.h: the protocol of sigma0, the root pager.
 *
 * sigma0 (task 2, the first boot module) owns all memory the kernel does
 * not keep, mapped 1:1 in its space (page X at address X), and hands it
 * out idempotently: a page always appears at its own physical address in
 * the receiver's window. RAM pages go to one task exclusively; boot modules
 * and the KIP are mapped read-only to anybody; kernel memory never. The
 * KIP's device memory (the VGA window 0xA0000-0xBFFFF, nothing else) goes
 * to one task exclusively too, by explicit 4 KB request only.
 *
 * As a pager (its clients' page faults) it maps the 4 KB page at the fault
 * address if that is its RAM (free, or already the client's task's), a
 * module page or the KIP; other faults get no answer, so only the faulting
 * thread stops. Explicit requests are calls with word 0 bit 0 set:
 *
 *   w0 = L4_SIGMA0_PAGE, w1 = fpage     that page (4 KB) or superpage (4 MB),
 *                                       a 4 KB page of the VGA window,
 *                                       or with an I/O fpage those ports (all
 *                                       but the kernel's, one task at a time)
 *   w0 = L4_SIGMA0_ANY,  w1 = log2 size any free 4 KB page or 4 MB superpage
 *   w0 = L4_SIGMA0_KIP                  the kernel info page
 *
 * received with a map window (whole space: the page lands at its address).
 * The answer is a map item, or a short message w0 = w1 = 0, w2 = an
 * L4_SIGMA0_E* code. */
#pragma once

#include <l4/syscalls.h>
#include <l4/timeout.h>

#define L4_SIGMA0_TASK		2
#define L4_SIGMA0_ID		l4_make_id(L4_SIGMA0_TASK, 0, 1)

#define L4_SIGMA0_REQUEST	0x1	/* word 0 bit 0: not a page fault */
#define L4_SIGMA0_PAGE		(L4_SIGMA0_REQUEST | (0 << 1))
#define L4_SIGMA0_ANY		(L4_SIGMA0_REQUEST | (1 << 1))
#define L4_SIGMA0_KIP		(L4_SIGMA0_REQUEST | (2 << 1))

#define L4_SIGMA0_OK		0
#define L4_SIGMA0_EINVAL	1	/* not a request sigma0 knows, or a bad size */
#define L4_SIGMA0_ENOTMINE	2	/* not sigma0's memory (kernel, firmware, holes) */
#define L4_SIGMA0_ETAKEN	3	/* another task has it */
#define L4_SIGMA0_ENOMEM	4	/* nothing free of that size */

/* Sends a request; the answer lands in `window`. Returns an L4_SIGMA0_E*
 * code, or L4_SIGMA0_OK with *fpage set to what was mapped. */
static inline uint32_t l4_sigma0_request(uint32_t request, uint32_t argument, l4_fpage_t window,
					 l4_fpage_t *fpage)
{
	struct l4_words w = { request, argument, 0 };
	uint32_t r = l4_ipc_call(L4_SIGMA0_ID, L4_IPC_SHORT_MSG, window | L4_IPC_DESC_MAP, &w,
				 L4_TIMEOUT_NEVER);

	if (l4_ipc_error(r))
		return L4_SIGMA0_EINVAL;
	if (!(r & L4_DOPE_FPAGE_RECEIVED))
		return w.w2 ? w.w2 : L4_SIGMA0_EINVAL;
	if (fpage)
		*fpage = w.w1;
	return L4_SIGMA0_OK;
}
