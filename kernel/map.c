/* Flexpage mapping. Both flexpages are clipped to user space; the part that
 * moves has the size of the smaller one:
 *
 *   k   = min(size(fpage), size(window))
 *   src = base(fpage)  + (send_base mod size(fpage))  rounded down to 2^k
 *   dst = base(window) + (send_base mod size(window)) rounded down to 2^k
 *
 * which is L4's rule both ways: a small fpage lands in a large window at the
 * send base's offset; a large fpage gives the window-sized part holding it. */
#include "map.h"
#include "syscall.h"
#include "tcb.h"
#include "x86/layout.h"

static uint64_t fpage_size(l4_fpage_t f)
{
	return 1ull << L4_FPAGE_SIZE_LOG2(f);
}

static bool fpage_valid(l4_fpage_t f)
{
	uint32_t log2 = L4_FPAGE_SIZE_LOG2(f);

	return log2 >= L4_PAGE_SIZE_LOG2 && log2 <= 32 &&
	       (L4_FPAGE_BASE(f) & (uint32_t)(fpage_size(f) - 1)) == 0;
}

uint32_t map_fpage(struct space *from, uint32_t send_base, l4_fpage_t fpage, struct space *to,
		   l4_fpage_t window)
{
	uint32_t k, src, dst;
	uint64_t size, offset;
	bool grant = fpage & L4_FPAGE_GRANT;

	if (!fpage_valid(fpage) || !fpage_valid(window))
		return 0;
	k = L4_FPAGE_SIZE_LOG2(fpage) < L4_FPAGE_SIZE_LOG2(window) ? L4_FPAGE_SIZE_LOG2(fpage)
								  : L4_FPAGE_SIZE_LOG2(window);
	size = 1ull << k;
	src = L4_FPAGE_BASE(fpage) + (uint32_t)((send_base & (fpage_size(fpage) - 1)) & ~(size - 1));
	dst = L4_FPAGE_BASE(window) + (uint32_t)((send_base & (fpage_size(window) - 1)) & ~(size - 1));

	for (offset = 0; offset < size; offset += PAGE_SIZE) {
		uint32_t pa;
		bool writable;

		if ((uint64_t)src + offset >= USER_SPACE_END || (uint64_t)dst + offset >= USER_SPACE_END)
			break;
		if (!space_lookup(from, src + (uint32_t)offset, &pa, &writable))
			continue;
		if (from == to && src == dst)
			continue;
		writable = writable && (fpage & L4_FPAGE_WRITE);
		if (!space_map_page(to, dst + (uint32_t)offset, pa, writable))
			return L4_IPC_REMAPFAILED;
		if (grant)
			space_unmap_page(from, src + (uint32_t)offset);
	}
	return 0;
}

/* Without the mapping database only the caller's own pages can be removed
 * (L4_UNMAP_ALL_SPACES); revocation from other spaces needs it. */
void sys_fpage_unmap(struct trap_frame *f)
{
	l4_fpage_t fpage = f->eax;
	uint32_t base = L4_FPAGE_BASE(fpage);
	uint64_t end;

	if (!fpage_valid(fpage) || !(f->ecx & L4_UNMAP_ALL_SPACES))
		return;
	end = (uint64_t)base + fpage_size(fpage);
	for (uint64_t va = base; va < end && va < USER_SPACE_END; va += PAGE_SIZE) {
		uint32_t pa;
		bool writable;

		if (!space_lookup(current->space, (uint32_t)va, &pa, &writable))
			continue;
		if (f->ecx & L4_UNMAP_FLUSH)
			space_unmap_page(current->space, (uint32_t)va);
		else if (writable)
			space_map_page(current->space, (uint32_t)va, pa, false);
	}
}
