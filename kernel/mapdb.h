/* mapdb.h: the mapping database.
 *
 * Every user mapping of a page (4 KB) or superpage (4 MB) has a node that
 * remembers where it came from: its parent is the mapping it was mapped
 * from, its children the mappings made from it. Mappings the kernel makes
 * itself (sigma0's memory, the images of boot tasks, the kernel info page)
 * are roots. So the nodes of one physical page form a tree, and revoking a
 * mapping revokes the whole subtree below it, in whatever spaces it lies.
 * A 4 KB mapping may derive from part of a 4 MB one.
 *
 * Node memory: 24 bytes per mapping, in page-sized slabs that go back to
 * the frame pool when their last node is freed. Each node is reached from
 * its entry through the space's shadow tables (space.h), and finds its
 * entry again through (space, address).
 *
 * Walks over subtrees are iterative (parent pointers), never recursive:
 * the kernel stack is small and derivation chains may be long. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "space.h"

#define MAPNODE_LARGE 0x1	/* in mapnode.address: a 4 MB mapping */

struct mapnode {
	struct space *space;		/* where this mapping is */
	uint32_t address;		/* its virtual address | MAPNODE_LARGE */
	struct mapnode *parent;		/* mapped from; NULL for the kernel's own */
	struct mapnode *children;	/* first mapping made from this one */
	struct mapnode *next, *prev;	/* siblings under the same parent */
};

/* A mapping made by the kernel: va -> pa in s, 2^size_log2 bytes. Returns 0
 * or L4_IPC_REMAPFAILED (out of memory, or something is mapped there). */
uint32_t mapdb_root(struct space *s, uint32_t va, uint32_t pa, uint32_t size_log2,
		    bool writable);
/* Maps (or with grant moves) the page or superpage of `from` at src to dst
 * in `to`, at most with the rights `from` has. Whatever `to` had there goes
 * first, with everything derived from it. Nothing happens if `from` has
 * nothing at src. Returns 0 or L4_IPC_REMAPFAILED (out of kernel memory, or
 * a grant of part of a superpage). */
uint32_t mapdb_map(struct space *from, uint32_t src, struct space *to, uint32_t dst,
		   uint32_t size_log2, bool writable, bool grant);
/* fpage_unmap: for each mapping of s in [base, end), revokes every mapping
 * derived from it (write_only: takes away write access instead), and with
 * include_self the mapping itself. For a superpage only partly inside the
 * range, only what was derived from that part is affected. */
void mapdb_unmap(struct space *s, uint32_t base, uint64_t end, bool write_only,
		 bool include_self);
/* Removes every mapping of s and everything derived from them. */
void mapdb_space_clear(struct space *s);
uint32_t mapdb_nodes(void);
