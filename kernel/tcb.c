/* The TCB area: a virtual array whose unused slots all map one read-only
 * zero page (see tcb.h). Its page tables are made once at boot, before any
 * space copies the kernel half of the page directory. */
#include "tcb.h"
#include "ipc.h"
#include "space.h"
#include "counters.h"
#include "frame.h"
#include "panic.h"
#include "x86/io.h"
#include "x86/paging.h"
#include <libc/string.h>

#define TCB_TABLES (TCB_AREA_SIZE / SUPERPAGE_SIZE)

static pte_t *tcb_tables[TCB_TABLES];	/* through the physmap */
static uint32_t zero_page;		/* physical; never written */
static uint32_t live_tcbs;

static pte_t *tcb_pte(struct tcb *t)
{
	uint32_t offset = (uint32_t)t - TCB_AREA_BASE;

	return &tcb_tables[offset / SUPERPAGE_SIZE][(offset / PAGE_SIZE) % 1024];
}

void tcb_area_init(void)
{
	zero_page = frame_alloc();
	if (!zero_page)
		panic("tcb: no memory for the zero page");
	memset(phys_to_virt(zero_page), 0, PAGE_SIZE);
	for (uint32_t i = 0; i < TCB_TABLES; i++) {
		uint32_t table = frame_alloc();

		if (!table)
			panic("tcb: no memory for the TCB page tables");
		tcb_tables[i] = phys_to_virt(table);
		for (uint32_t j = 0; j < 1024; j++)
			tcb_tables[i][j] = zero_page | PTE_PRESENT;
		kernel_page_directory[PDE_INDEX(TCB_AREA_BASE) + i] = table | PTE_WRITE | PTE_PRESENT;
	}
}

struct tcb *tcb_alloc(l4_threadid_t id)
{
	struct tcb *t = tcb_of(id);
	pte_t *pte = tcb_pte(t);
	uint32_t frame;

	ASSERT((*pte & PTE_FRAME_MASK) == zero_page);
	frame = frame_alloc();
	if (!frame)
		return NULL;
	memset(phys_to_virt(frame), 0, PAGE_SIZE);
	*pte = frame | PTE_WRITE | PTE_PRESENT;
	counters.invlpgs++;
	invlpg((uint32_t)t);
	live_tcbs++;
	return t;
}

void tcb_free(struct tcb *t)
{
	pte_t *pte = tcb_pte(t);
	uint32_t frame = *pte & PTE_FRAME_MASK;

	ASSERT(frame != zero_page && t != current);
	*pte = zero_page | PTE_PRESENT;
	counters.invlpgs++;
	invlpg((uint32_t)t);
	frame_free(frame);
	live_tcbs--;
}

uint32_t tcb_count(void)
{
	return live_tcbs;
}

#define CHECK_OFFSET(field, offset) \
	_Static_assert(offsetof(struct tcb, field) == (offset), "tcb_layout.h: " #field)
CHECK_OFFSET(id, TCB_ID);
CHECK_OFFSET(state, TCB_STATE);
CHECK_OFFSET(directory_phys, TCB_DIRECTORY_PHYS);
CHECK_OFFSET(kernel_sp, TCB_KERNEL_SP);
CHECK_OFFSET(priority, TCB_PRIORITY);
CHECK_OFFSET(fast_blocked, TCB_FLAGS);
CHECK_OFFSET(resume_fast, TCB_FLAGS + 1);
CHECK_OFFSET(cancel_pending, TCB_FLAGS + 2);
CHECK_OFFSET(in_timeout_list, TCB_FLAGS + 3);
CHECK_OFFSET(plain, TCB_PLAIN);
CHECK_OFFSET(irq_lines, TCB_IRQ_LINES);
CHECK_OFFSET(send_queue, TCB_SEND_QUEUE);
CHECK_OFFSET(ipc.rcv_desc, TCB_IPC_RCV_DESC);
CHECK_OFFSET(ipc.snd_desc, TCB_IPC_SND_DESC);
CHECK_OFFSET(ipc.partner, TCB_IPC_PARTNER);
CHECK_OFFSET(ipc.timeouts, TCB_IPC_TIMEOUTS);
CHECK_OFFSET(ipc.result, TCB_IPC_RESULT);
CHECK_OFFSET(exception_handler, TCB_EXCEPTION_HANDLER);
CHECK_OFFSET(has_tls, TCB_HAS_TLS);
CHECK_OFFSET(large, TCB_LARGE);
CHECK_OFFSET(io, TCB_IO);
_Static_assert(THREAD_READY == THREAD_STATE_READY, "tcb_layout.h");
_Static_assert(THREAD_RECV_WAIT == THREAD_STATE_RECV_WAIT, "tcb_layout.h");
_Static_assert(IPC_PENDING == IPC_RESULT_PENDING, "tcb_layout.h");
