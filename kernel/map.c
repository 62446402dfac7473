/* Flexpage mapping for map and grant items, and fpage_unmap. Both
 * flexpages are clipped to user space; the part that moves has the size of
 * the smaller one:
 *
 *   k   = min(size(fpage), size(window))
 *   src = base(fpage)  + (send_base mod size(fpage))  rounded down to 2^k
 *   dst = base(window) + (send_base mod size(window)) rounded down to 2^k
 *
 * which is L4's rule both ways: a small fpage lands in a large window at the
 * send base's offset; a large fpage gives the window-sized part holding it.
 * The region is then mapped page by page, with 4 MB pages wherever the
 * sender has one and both sides are aligned (and the CPU has PSE), unless
 * the window asks for 4 KB pages (L4_FPAGE_SMALL_PAGES). */
#include "map.h"
#include "ioport.h"
#include "mapdb.h"
#include "task.h"
#include "syscall.h"
#include "tcb.h"
#include "x86/cpu.h"
#include "x86/layout.h"

static uint64_t fpage_size(l4_fpage_t f)
{
	return 1ull << L4_FPAGE_SIZE_LOG2(f);
}

/* The offsets within f: its size - 1, for sizes up to 2^32. */
static uint32_t size_mask(l4_fpage_t f)
{
	uint32_t log2 = L4_FPAGE_SIZE_LOG2(f);

	return log2 >= 32 ? ~0u : (1u << log2) - 1;
}

static bool fpage_valid(l4_fpage_t f)
{
	uint32_t log2 = L4_FPAGE_SIZE_LOG2(f);

	return log2 >= L4_PAGE_SIZE_LOG2 && log2 <= 32 && (L4_FPAGE_BASE(f) & size_mask(f)) == 0;
}

/* 4 MB if the sender maps a superpage at src and both ends are aligned. */
static uint32_t step_size(struct space *from, uint32_t src, uint32_t dst, uint64_t left)
{
	struct mapping m;

	if (left >= SUPERPAGE_SIZE && !((src | dst) & (SUPERPAGE_SIZE - 1)) &&
	    cpu_has(CPUID_PSE) && space_find(from, src, &m) && m.size_log2 == SIZE_4M)
		return SIZE_4M;
	return SIZE_4K;
}

uint32_t map_fpage(struct space *from, uint32_t send_base, l4_fpage_t fpage, struct space *to,
		   l4_fpage_t window)
{
	uint32_t k, src, dst, error;
	uint64_t size, offset = 0;

	if (!fpage_valid(fpage) || !fpage_valid(window))
		return 0;
	k = L4_FPAGE_SIZE_LOG2(fpage) < L4_FPAGE_SIZE_LOG2(window) ? L4_FPAGE_SIZE_LOG2(fpage)
								  : L4_FPAGE_SIZE_LOG2(window);
	size = 1ull << k;
	src = L4_FPAGE_BASE(fpage) + (send_base & size_mask(fpage) & ~(uint32_t)(size - 1));
	dst = L4_FPAGE_BASE(window) + (send_base & size_mask(window) & ~(uint32_t)(size - 1));
	if (k == SIZE_4K) {		/* one page, as every page fault's answer */
		if (src >= USER_SPACE_END || dst >= USER_SPACE_END ||
		    !(from->directory[PDE_INDEX(src)] & PTE_PRESENT))
			return 0;
		return mapdb_map(from, src, to, dst, SIZE_4K, fpage & L4_FPAGE_WRITE,
				 fpage & L4_FPAGE_GRANT);
	}

	while (offset < size && (uint64_t)src + offset < USER_SPACE_END &&
	       (uint64_t)dst + offset < USER_SPACE_END) {
		uint32_t s = src + (uint32_t)offset, d = dst + (uint32_t)offset;
		uint32_t step = window & L4_FPAGE_SMALL_PAGES ? SIZE_4K
							     : step_size(from, s, d, size - offset);

		if (!(from->directory[PDE_INDEX(s)] & PTE_PRESENT)) {	/* 4 MB of nothing */
			offset += SUPERPAGE_SIZE - (s & (SUPERPAGE_SIZE - 1));
			continue;
		}

		error = mapdb_map(from, s, to, d, step, fpage & L4_FPAGE_WRITE,
				  fpage & L4_FPAGE_GRANT);
		if (error)
			return error;
		offset += 1ull << step;
	}
	return 0;
}

void sys_fpage_unmap(struct trap_frame *f)
{
	l4_fpage_t fpage = f->eax;
	uint32_t first, end;

	if (io_fpage_range(fpage, &first, &end)) {	/* ports: all access or none */
		io_unmap(current->task, first, end, f->ecx & L4_UNMAP_ALL_SPACES);
		return;
	}
	if (!fpage_valid(fpage))
		return;
	mapdb_unmap(current->space, L4_FPAGE_BASE(fpage),
		    (uint64_t)L4_FPAGE_BASE(fpage) + fpage_size(fpage), !(f->ecx & L4_UNMAP_FLUSH),
		    f->ecx & L4_UNMAP_ALL_SPACES);
}
