/* Address spaces: page directories, page tables and software walks. */
#include "space.h"
#include "counters.h"
#include "frame.h"
#include "panic.h"
#include "x86/io.h"
#include <libc/string.h>

#define USER_PDES (USER_SPACE_END >> 22)
#define KERNEL_FIRST_PDE (KERNEL_AREA_BASE >> 22)

uint32_t space_loaded_directory;	/* physical address in CR3; also the fast path's */

bool space_init(struct space *s)
{
	uint32_t phys = frame_alloc();

	if (!phys)
		return false;
	s->directory_phys = phys;
	s->directory = phys_to_virt(phys);
	memset(s->directory, 0, KERNEL_FIRST_PDE * sizeof(pte_t));
	memcpy(&s->directory[KERNEL_FIRST_PDE], &kernel_page_directory[KERNEL_FIRST_PDE],
	       (1024 - KERNEL_FIRST_PDE) * sizeof(pte_t));
	return true;
}

void space_destroy(struct space *s)
{
	if (space_loaded_directory == s->directory_phys)
		space_activate(NULL);
	for (uint32_t i = 0; i < USER_PDES; i++) {
		pte_t pde = s->directory[i];

		if ((pde & PTE_PRESENT) && !(pde & PTE_LARGE))
			frame_free(pde & PTE_FRAME_MASK);
	}
	frame_free(s->directory_phys);
	s->directory = NULL;
	s->directory_phys = 0;
}

/* NULL selects the kernel's own directory (used when a space goes away). */
void space_activate(struct space *s)
{
	uint32_t phys = s ? s->directory_phys : virt_to_phys(kernel_page_directory);

	if (phys == space_loaded_directory)
		return;
	space_loaded_directory = phys;
	counters.cr3_loads++;
	write_cr3(phys);
}

/* The page-table entry for va, allocating its table if `create`. */
static pte_t *space_pte(struct space *s, uint32_t va, bool create)
{
	pte_t *pde = &s->directory[PDE_INDEX(va)];

	if (!(*pde & PTE_PRESENT)) {
		uint32_t table;

		if (!create || !(table = frame_alloc()))
			return NULL;
		memset(phys_to_virt(table), 0, PAGE_SIZE);
		*pde = table | PTE_USER | PTE_WRITE | PTE_PRESENT;
	}
	if (*pde & PTE_LARGE)
		return NULL;
	return (pte_t *)phys_to_virt(*pde & PTE_FRAME_MASK) + PTE_INDEX(va);
}

bool space_map_page(struct space *s, uint32_t va, uint32_t pa, bool writable)
{
	pte_t *pte;

	ASSERT(va < USER_SPACE_END && !(va & (PAGE_SIZE - 1)) && !(pa & (PAGE_SIZE - 1)));
	pte = space_pte(s, va, true);
	if (!pte)
		return false;
	*pte = pa | PTE_USER | PTE_PRESENT | (writable ? PTE_WRITE : 0);
	if (space_loaded_directory == s->directory_phys) {
		counters.invlpgs++;
		invlpg(va);
	}
	return true;
}

void space_unmap_page(struct space *s, uint32_t va)
{
	pte_t *pte = space_pte(s, va, false);

	if (!pte || !(*pte & PTE_PRESENT))
		return;
	*pte = 0;
	if (space_loaded_directory == s->directory_phys) {
		counters.invlpgs++;
		invlpg(va);
	}
}

bool space_lookup(struct space *s, uint32_t va, uint32_t *pa, bool *writable)
{
	pte_t pde, pte;

	if (va >= USER_SPACE_END)
		return false;
	pde = s->directory[PDE_INDEX(va)];
	if (!(pde & PTE_PRESENT))
		return false;
	if (pde & PTE_LARGE) {
		pte = pde;
		*pa = (pde & 0xffc00000) | (va & 0x003ff000);
	} else {
		pte = ((pte_t *)phys_to_virt(pde & PTE_FRAME_MASK))[PTE_INDEX(va)];
		if (!(pte & PTE_PRESENT))
			return false;
		*pa = pte & PTE_FRAME_MASK;
	}
	if (!(pte & PTE_USER))
		return false;
	*writable = (pte & PTE_WRITE) && (pde & PTE_WRITE);
	return true;
}

/* Kernel pointer for one side of a copy, valid up to the end of its page;
 * NULL if the page is missing (frames beyond the physmap count as missing,
 * the kernel cannot reach them). */
static uint8_t *copy_side(struct space *s, uint32_t address, bool write, uint32_t *room)
{
	uint32_t pa;
	bool writable;

	*room = PAGE_SIZE - (address & (PAGE_SIZE - 1));
	if (!s)
		return (uint8_t *)address;
	if (!space_lookup(s, address & ~(PAGE_SIZE - 1), &pa, &writable) || (write && !writable) ||
	    pa >= PHYSMAP_SIZE)
		return NULL;
	return (uint8_t *)phys_to_virt(pa) + (address & (PAGE_SIZE - 1));
}

uint32_t space_copy(struct space *dst_space, uint32_t dst, struct space *src_space, uint32_t src,
		    uint32_t len, struct copy_fault *fault)
{
	uint32_t done = 0;

	while (done < len) {
		uint32_t dst_room, src_room, n = len - done;
		uint8_t *d = copy_side(dst_space, dst + done, true, &dst_room);
		uint8_t *s = copy_side(src_space, src + done, false, &src_room);

		if (!s || !d) {
			*fault = s ? (struct copy_fault){ dst_space, dst + done, true }
				   : (struct copy_fault){ src_space, src + done, false };
			break;
		}
		n = n < dst_room ? n : dst_room;
		n = n < src_room ? n : src_room;
		memcpy(d, s, n);
		done += n;
	}
	return done;
}
