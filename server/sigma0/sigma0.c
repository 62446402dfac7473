/* sigma0: the root pager. It owns, mapped 1:1 by the kernel, all memory the
 * kernel info page calls sigma0's, and gives it out page by page: to a
 * faulting client as its pager, or on request (lib/include/l4/sigma0.h).
 * A RAM page belongs to one task at a time, for good; boot modules and the
 * KIP are shared read-only. Device memory (the VGA window, the only device
 * memory the KIP describes) goes out like RAM, but only 4 KB at a time and
 * only on request: never as a page fault's answer nor as "any page". It is linked at 0xB0000000 so that its view of
 * physical memory (below 256 MB) never meets its own image. */
#include <l4/kip.h>
#include <l4/runtime.h>
#include <l4/sigma0.h>
#include <libc/string.h>
#include <stdbool.h>

#define PAGE 4096u
#define SUPER 0x400000u
#define PAGES_PER_SUPER (SUPER / PAGE)
#define FREE 0				/* owner table: 0 free, else task + 1 */
/* Clients are untrusted: a message from pages nobody maps must not lock
 * sigma0 up, so faults in the sender's space are bounded (2 ms). */
#define CLIENT_TIMEOUTS l4_timeouts_pf(0, L4_US_NEVER, 0, 2000)

static const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;
static uint16_t *owner;			/* per page below memory_top */
static uint16_t *port_owner;		/* per I/O port: 0 free, else task + 1 */
static uint32_t memory_top;		/* end of the highest sigma0 page */

static const struct l4_kip_memory *region_of(uint32_t address)
{
	for (uint32_t i = 0; i < kip->memory_count; i++) {
		const struct l4_kip_memory *r = &kip->memory[i];

		if (address >= r->base && address - r->base < r->size)
			return r;
	}
	return NULL;
}

static bool is_ram(uint32_t address)
{
	const struct l4_kip_memory *r = region_of(address);

	return r && r->type == L4_MEMORY_SIGMA0;
}

/* RAM, or with `device` also device memory: what claim() may give. The
 * owner table reaches memory_top only. */
static bool is_mine(uint32_t address, bool device)
{
	const struct l4_kip_memory *r = region_of(address);

	return r && address < memory_top &&
	       (r->type == L4_MEMORY_SIGMA0 || (device && r->type == L4_MEMORY_DEVICE));
}

/* The owner table takes the first pages of the largest region. */
static void setup_owner_table(void)
{
	const struct l4_kip_memory *largest = NULL;
	uint32_t table_pages;

	for (uint32_t i = 0; i < kip->memory_count; i++) {
		const struct l4_kip_memory *r = &kip->memory[i];

		if (r->type != L4_MEMORY_SIGMA0)
			continue;
		if (r->base + r->size > memory_top)
			memory_top = r->base + r->size;
		if (!largest || r->size > largest->size)
			largest = r;
	}
	if (!largest) {
		l4_printf("sigma0: the KIP gives me no memory\n");
		l4_sleep_forever();
	}
	owner = (uint16_t *)largest->base;
	table_pages = (memory_top / PAGE * sizeof(*owner) + PAGE - 1) / PAGE;
	port_owner = (uint16_t *)(largest->base + table_pages * PAGE);
	table_pages += L4_IO_PORTS * sizeof(*port_owner) / PAGE;
	memset(owner, 0, table_pages * PAGE);
	for (uint32_t i = 0; i < table_pages; i++)
		owner[(largest->base + i * PAGE) / PAGE] = L4_SIGMA0_TASK + 1;
	l4_printf("sigma0: memory up to %#x, owner table at %p\n", memory_top, (void *)owner);
}

/* Claims [base, base + size) for `task` if every page is RAM (or device
 * memory, if `device`) and free or already the task's. */
static uint32_t claim(uint32_t base, uint32_t size, uint32_t task, bool device)
{
	for (uint32_t a = base; a < base + size; a += PAGE) {
		if (!is_mine(a, device))
			return L4_SIGMA0_ENOTMINE;
		if (owner[a / PAGE] != FREE && owner[a / PAGE] != task + 1)
			return L4_SIGMA0_ETAKEN;
	}
	for (uint32_t a = base; a < base + size; a += PAGE)
		owner[a / PAGE] = (uint16_t)(task + 1);
	return L4_SIGMA0_OK;
}

static uint32_t find_free(uint32_t size)
{
	for (uint32_t a = 0; a < memory_top; a += size) {
		uint32_t p;

		for (p = a; p < a + size && is_ram(p) && owner[p / PAGE] == FREE; p += PAGE)
			;
		if (p == a + size)
			return a;
	}
	return 0;
}

/* What to answer: a map item (*desc = map) or a refusal in w. */
static void answer(struct l4_words *w, uint32_t *desc, uint32_t base, uint32_t log2, bool write,
		   uint32_t error)
{
	if (error) {
		*w = (struct l4_words){ 0, 0, error };
		*desc = L4_IPC_SHORT_MSG;
	} else {
		*w = (struct l4_words){ base, L4_FPAGE(base, log2, write), 0 };
		*desc = L4_IPC_DESC_MAP;
	}
}

/* Ports [first, end) for `task`, if none belongs to another task. The
 * kernel maps only those sigma0 has: never the kernel's own. */
static uint32_t claim_ports(uint32_t first, uint32_t end, uint32_t task)
{
	for (uint32_t p = first; p < end; p++)
		if (port_owner[p] && port_owner[p] != task + 1)
			return L4_SIGMA0_ETAKEN;
	for (uint32_t p = first; p < end; p++)
		port_owner[p] = (uint16_t)(task + 1);
	return L4_SIGMA0_OK;
}

static void request(struct l4_words *w, uint32_t *desc, uint32_t task)
{
	uint32_t log2, base, error;

	if (w->w0 == L4_SIGMA0_PAGE && L4_IS_IO_FPAGE(w->w1)) {
		log2 = L4_FPAGE_SIZE_LOG2(w->w1);
		base = L4_IO_FPAGE_PORT(w->w1);
		error = log2 > 16 || (base & ((1u << log2) - 1)) ? L4_SIGMA0_EINVAL
				  : claim_ports(base, base + (1u << log2), task);
		*w = (struct l4_words){ 0, error ? 0 : L4_IO_FPAGE(base, log2), error };
		*desc = error ? L4_IPC_SHORT_MSG : L4_IPC_DESC_MAP;
		return;
	}
	switch (w->w0) {
	case L4_SIGMA0_PAGE:
		log2 = L4_FPAGE_SIZE_LOG2(w->w1);
		base = L4_FPAGE_BASE(w->w1);
		if ((log2 != 12 && log2 != 22) || (base & ((1u << log2) - 1)))
			answer(w, desc, 0, 0, false, L4_SIGMA0_EINVAL);
		else
			answer(w, desc, base, log2, true, claim(base, 1u << log2, task, log2 == 12));
		return;
	case L4_SIGMA0_ANY:
		log2 = w->w1;
		if (log2 != 12 && log2 != 22) {
			answer(w, desc, 0, 0, false, L4_SIGMA0_EINVAL);
			return;
		}
		base = find_free(1u << log2);
		answer(w, desc, base, log2, true,
		       base ? claim(base, 1u << log2, task, false) : L4_SIGMA0_ENOMEM);
		return;
	case L4_SIGMA0_KIP:
		answer(w, desc, L4_KIP_ADDRESS, 12, false, L4_SIGMA0_OK);
		return;
	default:
		answer(w, desc, 0, 0, false, L4_SIGMA0_EINVAL);
	}
}

/* A page fault: true if answered. */
static bool fault(struct l4_words *w, uint32_t *desc, uint32_t task)
{
	uint32_t page = w->w0 & ~(PAGE - 1);
	const struct l4_kip_memory *r = region_of(page);

	if (page == L4_KIP_ADDRESS || (r && r->type == L4_MEMORY_MODULE)) {
		answer(w, desc, page, 12, false, L4_SIGMA0_OK);
		return true;
	}
	if (claim(page, PAGE, task, false) == L4_SIGMA0_OK) {
		answer(w, desc, page, 12, true, L4_SIGMA0_OK);
		return true;
	}
	l4_printf("sigma0: fault at %#x (eip %#x) of task %u refused\n", w->w0, w->w1, task);
	return false;
}

int main(void)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t result, desc;

	if (kip->magic != L4_KIP_MAGIC) {
		l4_printf("sigma0: no kernel info page\n");
		return 1;
	}
	setup_owner_table();
	result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, CLIENT_TIMEOUTS, &client);
	for (;;) {
		uint32_t task = l4_task_of(client);
		bool reply = true;

		if (l4_ipc_error(result))
			reply = false;
		else if (w.w0 & L4_SIGMA0_REQUEST)
			request(&w, &desc, task);
		else
			reply = fault(&w, &desc, task);
		if (reply)
			result = l4_ipc_reply_and_wait(client, desc, L4_IPC_SHORT_MSG, &w,
						       CLIENT_TIMEOUTS, &client);
		else
			result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, CLIENT_TIMEOUTS, &client);
	}
}
