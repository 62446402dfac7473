/* Address spaces: page directories, page tables, their shadows, and
 * software walks. Mapping policy lives in mapdb.c. */
#include "space.h"
#include "counters.h"
#include "frame.h"
#include "panic.h"
#include "segments.h"
#include "x86/io.h"
#include <libc/string.h>

#define USER_PDES (USER_SPACE_END >> 22)
#define KERNEL_FIRST_PDE (KERNEL_AREA_BASE >> 22)

uint32_t space_loaded_directory;	/* physical address in CR3; also the fast path's */

static void *zeroed_frame(uint32_t *phys)
{
	*phys = frame_alloc();
	if (!*phys)
		return NULL;
	return memset(phys_to_virt(*phys), 0, PAGE_SIZE);
}

bool space_init(struct space *s)
{
	uint32_t shadow_phys;

	s->window = s->window_size = s->pde_top = 0;
	s->shadow = zeroed_frame(&shadow_phys);
	if (!s->shadow)
		return false;
	s->directory = zeroed_frame(&s->directory_phys);
	if (!s->directory) {
		frame_free(shadow_phys);
		return false;
	}
	memcpy(&s->directory[KERNEL_FIRST_PDE], &kernel_page_directory[KERNEL_FIRST_PDE],
	       (1024 - KERNEL_FIRST_PDE) * sizeof(pte_t));
	return true;
}

void space_free_table(struct space *s, uint32_t va)
{
	uint32_t i = PDE_INDEX(va);

	frame_free(s->directory[i] & PTE_FRAME_MASK);
	frame_free(virt_to_phys(s->shadow[i].table));
	s->directory[i] = 0;
	s->shadow[i].table = NULL;
	space_flush(s, va);
}

void space_destroy(struct space *s)
{
	small_space_directory_gone(s);
	if (space_loaded_directory == s->directory_phys)
		space_activate(NULL);
	for (uint32_t i = 0; i < USER_PDES; i++) {
		ASSERT(!(s->directory[i] & PTE_LARGE));
		if (s->directory[i] & PTE_PRESENT)
			space_free_table(s, i << 22);
	}
	frame_free(s->directory_phys);
	frame_free(virt_to_phys(s->shadow));
	s->directory = NULL;
	s->shadow = NULL;
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

void space_flush(struct space *s, uint32_t va)
{
	if (s->window_size)
		small_space_changed(s);
	if (space_loaded_directory == s->directory_phys) {
		counters.invlpgs++;
		invlpg(va);
	}
}

bool space_find(struct space *s, uint32_t va, struct mapping *m)
{
	uint32_t i = PDE_INDEX(va);
	pte_t pde;

	if (va >= USER_SPACE_END)
		return false;
	pde = s->directory[i];
	if (!(pde & PTE_PRESENT))
		return false;
	if (pde & PTE_LARGE) {
		*m = (struct mapping){ &s->directory[i], &s->shadow[i].node, SIZE_4M };
		return true;
	}
	m->entry = (pte_t *)phys_to_virt(pde & PTE_FRAME_MASK) + PTE_INDEX(va);
	m->node = &s->shadow[i].table[PTE_INDEX(va)];
	m->size_log2 = SIZE_4K;
	return (*m->entry & PTE_PRESENT) != 0;
}

bool space_slot(struct space *s, uint32_t va, uint32_t size_log2, struct mapping *m)
{
	uint32_t i = PDE_INDEX(va), table_phys;
	pte_t *table;

	ASSERT(va < USER_SPACE_END);
	if (i >= s->pde_top)
		s->pde_top = i + 1;
	if (size_log2 == SIZE_4M) {
		if (s->directory[i] & PTE_PRESENT)
			return false;
		*m = (struct mapping){ &s->directory[i], &s->shadow[i].node, SIZE_4M };
		return true;
	}
	if (!(s->directory[i] & PTE_PRESENT)) {
		uint32_t shadow_phys;
		struct mapnode **shadow = zeroed_frame(&shadow_phys);

		if (!shadow)
			return false;
		if (!zeroed_frame(&table_phys)) {
			frame_free(shadow_phys);
			return false;
		}
		s->shadow[i].table = shadow;
		s->directory[i] = table_phys | PTE_USER | PTE_WRITE | PTE_PRESENT;
		space_flush(s, va);
	}
	if (s->directory[i] & PTE_LARGE)
		return false;
	table = phys_to_virt(s->directory[i] & PTE_FRAME_MASK);
	*m = (struct mapping){ &table[PTE_INDEX(va)], &s->shadow[i].table[PTE_INDEX(va)], SIZE_4K };
	return true;
}

bool space_lookup(struct space *s, uint32_t va, uint32_t *pa, bool *writable)
{
	struct mapping m;

	if (!space_find(s, va, &m) || !(*m.entry & PTE_USER))
		return false;
	if (m.size_log2 == SIZE_4M)
		*pa = (*m.entry & 0xffc00000) | (va & 0x003ff000);
	else
		*pa = *m.entry & PTE_FRAME_MASK;
	*writable = (*m.entry & PTE_WRITE) != 0;
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
