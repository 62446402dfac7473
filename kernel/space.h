/* space.h: address spaces.
 *
 * A space is a page directory whose entries from KERNEL_AREA_BASE up are
 * copied from kernel_page_directory at creation and never change (the
 * kernel's page tables are allocated once at boot). User mappings live
 * below USER_SPACE_END, in page tables the space owns.
 *
 * The kernel reads and writes user memory only by walking a space's tables
 * in software and going through the physmap (space_copy), so it never
 * depends on which CR3 is loaded and never takes a fault on user memory. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "x86/paging.h"

struct space {
	pte_t *directory;		/* through the physmap */
	uint32_t directory_phys;	/* what CR3 gets */
};

/* Empty user half, kernel half shared. False if memory is exhausted. */
bool space_init(struct space *s);
/* Frees the page tables and directory; mapped frames are not the space's. */
void space_destroy(struct space *s);
/* Loads CR3 if the space is not the loaded one (counted). */
void space_activate(struct space *s);

/* Maps one 4 KB page (va, pa page-aligned; va below USER_SPACE_END).
 * False if a page table could not be allocated. */
bool space_map_page(struct space *s, uint32_t va, uint32_t pa, bool writable);
void space_unmap_page(struct space *s, uint32_t va);
/* Physical address behind va if a user page maps it (writable if asked);
 * false otherwise. */
bool space_lookup(struct space *s, uint32_t va, uint32_t *pa, bool *writable);

/* Where a copy stopped: the first address that is not mapped as needed. */
struct copy_fault {
	struct space *space;		/* which side faulted */
	uint32_t address;
	bool write;
};

/* Copies len bytes between two places, each a user address in a space or,
 * with space NULL, a kernel address. Returns the bytes copied; if fewer
 * than len, *fault tells which page is missing. */
uint32_t space_copy(struct space *dst_space, uint32_t dst, struct space *src_space, uint32_t src,
		    uint32_t len, struct copy_fault *fault);

/* True if [address, address + len) lies in user space without wrapping. */
static inline bool user_range_ok(uint32_t address, uint32_t len)
{
	return address < USER_SPACE_END && len <= USER_SPACE_END - address;
}
