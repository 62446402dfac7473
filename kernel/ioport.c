/* I/O port rights: bitmaps, grant records, revocation. */
#include "ioport.h"
#include "frame.h"
#include "segments.h"
#include "sched.h"
#include "task.h"
#include "tcb.h"
#include "x86/gdt.h"
#include "x86/paging.h"
#include <libc/string.h>

#define PORTS_PER_PAGE (IO_BITMAP_BYTES / 2 * 8)

/* Ports the kernel drives itself; sigma0 never gets them. COM1 is not
 * among them: the kernel writes its log there by polling the transmitter,
 * which a user-level driver (the Linux server's UART threads) can share. */
static const struct { uint16_t first, end; } kernel_ports[] = {
	{ 0x20, 0x22 },		/* master PIC */
	{ 0x40, 0x44 },		/* PIT */
	{ 0x80, 0x81 },		/* the delay port io_wait() uses */
	{ 0xa0, 0xa2 },		/* slave PIC */
	{ 0xf4, 0xf5 },		/* QEMU's isa-debug-exit */
};

static struct io_rights rights_pool[L4_TASKS];	/* one per task, used when it has ports */
const struct io_rights *io_loaded;	/* whose bitmap the TSS holds */
bool io_enabled;			/* and whether it is in force */

bool io_fpage_range(l4_fpage_t f, uint32_t *first, uint32_t *end)
{
	uint32_t log2 = L4_FPAGE_SIZE_LOG2(f), port = L4_IO_FPAGE_PORT(f);

	if (!L4_IS_IO_FPAGE(f) || log2 > 16 || (port & ((1u << log2) - 1)))
		return false;
	*first = port;
	*end = port + (1u << log2);
	return true;
}

static bool allowed(const struct io_rights *r, uint32_t port)
{
	return !(r->pages[port / PORTS_PER_PAGE][(port % PORTS_PER_PAGE) / 8] & (1u << (port % 8)));
}

static void set_access(struct io_rights *r, uint32_t port, bool allow)
{
	uint8_t *byte = &r->pages[port / PORTS_PER_PAGE][(port % PORTS_PER_PAGE) / 8];

	if (allow)
		*byte &= ~(1u << (port % 8));
	else
		*byte |= 1u << (port % 8);
}

/* Threads of a task with ports are not "plain": a switch to or from them,
 * in the IPC fast path too, goes through segments_switch (io_switch). */
static void update_plain(struct task *t)
{
	for (uint32_t l = 0; l < L4_LTHREADS; l++)
		if (t->lthread_mask & (1u << l))
			thread_update_plain(tcb_of(task_thread_id(t, l)));
}

static struct io_rights *rights_of(struct task *t)
{
	struct io_rights *r = &rights_pool[task_number(t)];
	uint32_t phys[2] = { 0, 0 };

	if (t->io)
		return t->io;
	for (int i = 0; i < 2; i++) {
		if (!(phys[i] = frame_alloc())) {
			if (phys[0])
				frame_free(phys[0]);
			return NULL;
		}
	}
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 2; i++)
		r->pages[i] = memset(phys_to_virt(phys[i]), 0xff, PAGE_SIZE);
	t->io = r;
	update_plain(t);
	return r;
}

static void changed(struct task *t)
{
	if (t->io && io_loaded == t->io) {
		io_loaded = NULL;	/* copied again at its next port access */
		io_set_enabled(false);
	}
}

/* The TSS keeps the last bitmap copied (8 KB: copying it costs some 4,000
 * instructions) and enables it only while its task runs (io_switch); another
 * task with ports gets its own copied at its first port access. */
void io_set_enabled(bool enable)
{
	tss_enable_io_bitmap(enable);
	io_enabled = enable;
}

bool io_fault_reload(struct task *t)
{
	if (!t->io || io_loaded == t->io)
		return false;
	tss_set_io_bitmap((const uint8_t **)t->io->pages);
	io_loaded = t->io;
	io_enabled = true;
	return true;
}

bool io_give_all(struct task *t)
{
	struct io_rights *r = rights_of(t);

	if (!r)
		return false;
	for (uint32_t p = 0; p < L4_IO_PORTS; p++)
		set_access(r, p, true);
	for (unsigned i = 0; i < sizeof(kernel_ports) / sizeof(kernel_ports[0]); i++)
		for (uint32_t p = kernel_ports[i].first; p < kernel_ports[i].end; p++)
			set_access(r, p, false);
	return true;
}

static bool window_takes(l4_fpage_t window, uint32_t first, uint32_t end)
{
	uint32_t wfirst, wend;

	if (L4_FPAGE_BASE(window) == 0 && L4_FPAGE_SIZE_LOG2(window) == 32)
		return true;	/* the whole space (rights bits do not matter) */
	return io_fpage_range(window, &wfirst, &wend) && wfirst <= first && end <= wend;
}

uint32_t io_map(struct task *from, l4_fpage_t fpage, struct task *to, l4_fpage_t window,
		bool grant)
{
	uint32_t first, end;
	struct io_rights *dst;
	bool any = false;

	if (!io_fpage_range(fpage, &first, &end) || !window_takes(window, first, end) ||
	    !from->io || from == to)
		return 0;
	for (uint32_t p = first; p < end && !any; p++)
		any = allowed(from->io, p);
	if (!any)
		return 0;
	if (!(dst = rights_of(to)))
		return L4_IPC_REMAPFAILED;
	if (!grant && dst->grant_count == IO_GRANTS_MAX)
		return L4_IPC_REMAPFAILED;
	for (uint32_t p = first; p < end; p++) {
		if (!allowed(from->io, p))
			continue;
		set_access(dst, p, true);
		if (grant)
			set_access(from->io, p, false);
	}
	if (!grant)
		dst->grants[dst->grant_count++] =
			(struct io_grant){ (uint16_t)task_number(from), first, end };
	changed(to);
	if (grant)
		changed(from);
	return 0;
}

static void io_release(struct task *t);
static bool has_ports(const struct io_rights *r);

/* Revocation follows the grant records breadth first; each task is visited
 * once per call (grant records can form cycles). */
void io_unmap(struct task *t, uint32_t first, uint32_t end, bool include_self)
{
	static struct { uint16_t task; uint32_t first, end; } queue[L4_TASKS];
	static uint32_t visited_generation[L4_TASKS], generation;
	uint32_t head = 0, tail = 0;

	if (!t->io || first >= end)
		return;
	generation++;
	queue[tail++] = (typeof(queue[0])){ (uint16_t)task_number(t), first, end };
	visited_generation[task_number(t)] = generation;
	while (head < tail) {
		uint32_t x = queue[head].task, lo = queue[head].first, hi = queue[head].end;

		if (head++ > 0 || include_self) {
			for (uint32_t p = lo; p < hi; p++)
				set_access(tasks[x].io, p, false);
			changed(&tasks[x]);
			if (!has_ports(tasks[x].io))
				io_release(&tasks[x]);	/* back on the IPC fast path */
		}
		for (uint32_t y = 0; y < L4_TASKS; y++) {
			struct io_rights *r = tasks[y].io;

			if (!r || !tasks[y].active || visited_generation[y] == generation)
				continue;
			for (uint32_t g = 0; g < r->grant_count; g++) {
				struct io_grant *gr = &r->grants[g];

				if (gr->from != x || gr->first >= hi || gr->end <= lo)
					continue;
				visited_generation[y] = generation;
				queue[tail++] = (typeof(queue[0])){ (uint16_t)y,
					gr->first > lo ? gr->first : lo, gr->end < hi ? gr->end : hi };
				break;
			}
		}
	}
}

/* Frees t's bitmap (it has no port left, or goes away). */
static void io_release(struct task *t)
{
	changed(t);
	for (int i = 0; i < 2; i++)
		frame_free(virt_to_phys(t->io->pages[i]));
	t->io = NULL;
	update_plain(t);
}

static bool has_ports(const struct io_rights *r)
{
	for (int i = 0; i < 2; i++)
		for (uint32_t b = 0; b < PAGE_SIZE; b++)
			if (r->pages[i][b] != 0xff)
				return true;
	return false;
}

/* Grant records naming task n go once what they describe is revoked, so
 * a later task with that number cannot revoke through them. */
static void forget_grants_from(uint32_t n)
{
	for (uint32_t y = 0; y < L4_TASKS; y++) {
		struct io_rights *r = tasks[y].io;
		uint32_t kept = 0;

		if (!r)
			continue;
		for (uint32_t g = 0; g < r->grant_count; g++)
			if (r->grants[g].from != n)
				r->grants[kept++] = r->grants[g];
		r->grant_count = kept;
	}
}

void io_task_gone(struct task *t)
{
	if (!t->io)
		return;
	io_unmap(t, 0, L4_IO_PORTS, false);
	forget_grants_from(task_number(t));
	io_release(t);
}
