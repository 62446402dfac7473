/* space.h: address spaces.
 *
 * A space is a page directory whose entries from KERNEL_AREA_BASE up are
 * copied from kernel_page_directory at creation and never change (the
 * kernel's page tables are allocated once at boot). User mappings live
 * below USER_SPACE_END: 4 KB pages in page tables the space owns, or 4 MB
 * pages directly in the directory.
 *
 * Beside each table the space keeps a shadow: one pointer per entry to the
 * entry's node in the mapping database (mapdb.h). The shadow of the
 * directory points, per entry, at the shadow table of a page table or at
 * the node of a 4 MB page. Shadows are allocated with the tables they
 * shadow, so their memory grows with the mappings.
 *
 * The kernel reads and writes user memory only by walking a space's tables
 * in software and going through the physmap (space_copy), so it never
 * depends on which CR3 is loaded and never takes a fault on user memory. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "x86/paging.h"

struct mapnode;

union shadow_entry {
	struct mapnode *node;		/* of a 4 MB page */
	struct mapnode **table;		/* shadow of a page table */
};

struct space {
	pte_t *directory;		/* through the physmap */
	uint32_t directory_phys;	/* what CR3 gets */
	union shadow_entry *shadow;	/* shadow of the directory */
	uint32_t window;		/* small space: linear base of its window */
	uint32_t window_size;		/* small space: its size; 0 for a large space */
	uint64_t window_code, window_data;	/* small space: its segment descriptors */
	uint32_t pde_top;		/* no user PDE at or above this index was ever present */
};

/* One present or prospective mapping of a space. */
struct mapping {
	pte_t *entry;			/* the PTE, or the PDE of a 4 MB page */
	struct mapnode **node;		/* its shadow slot */
	uint32_t size_log2;		/* 12 or 22 */
};

#define SIZE_4K 12
#define SIZE_4M 22

/* Empty user half, kernel half shared. False if memory is exhausted. */
bool space_init(struct space *s);
/* Frees tables, shadows and directory; every mapping must be gone
 * (mapdb_space_clear). */
void space_destroy(struct space *s);
/* Loads CR3 if the space is not the loaded one (counted). */
void space_activate(struct space *s);

/* The mapping that covers va, if one is present. */
bool space_find(struct space *s, uint32_t va, struct mapping *m);
/* A slot for a new mapping of 2^size_log2 bytes at va (aligned), whose entry
 * must be empty: for 4 KB the page table and its shadow are allocated as
 * needed (false if memory runs out, or if a 4 MB page covers va); for 4 MB
 * the directory entry must hold no page table. */
bool space_slot(struct space *s, uint32_t va, uint32_t size_log2, struct mapping *m);
/* The page table at va's directory entry, empty now, goes back to the pool. */
void space_free_table(struct space *s, uint32_t va);
/* An entry of s changed: drop its stale translation if s is loaded. */
void space_flush(struct space *s, uint32_t va);

/* Physical address behind va if a user page maps it; false otherwise. */
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

extern uint32_t space_loaded_directory;
