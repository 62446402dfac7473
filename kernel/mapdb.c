/* The mapping database: node slabs, linking, and the subtree walks. */
#include "mapdb.h"
#include "frame.h"
#include "panic.h"
#include <l4/types.h>
#include <libc/string.h>

#define LARGE_MASK (SUPERPAGE_SIZE - 1)

/* ---- node slabs ------------------------------------------------------------- */

struct slab {
	struct slab *next, *prev;	/* slabs with a free node */
	struct mapnode *free;
	uint32_t used;
};

#define NODES_PER_SLAB ((PAGE_SIZE - sizeof(struct slab)) / sizeof(struct mapnode))

static struct slab *partial;
static uint32_t live_nodes;

static void slab_unlink(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static void slab_link(struct slab *s)
{
	s->prev = NULL;
	s->next = partial;
	if (partial)
		partial->prev = s;
	partial = s;
}

static struct slab *slab_new(void)
{
	uint32_t phys = frame_alloc();
	struct slab *s;
	struct mapnode *nodes;

	if (!phys)
		return NULL;
	s = phys_to_virt(phys);
	memset(s, 0, sizeof(*s));
	nodes = (struct mapnode *)(s + 1);
	for (uint32_t i = 0; i < NODES_PER_SLAB; i++) {
		nodes[i].next = s->free;
		s->free = &nodes[i];
	}
	slab_link(s);
	return s;
}

static struct mapnode *node_alloc(void)
{
	struct slab *s = partial ? partial : slab_new();
	struct mapnode *n;

	if (!s)
		return NULL;
	n = s->free;
	s->free = n->next;
	if (!s->free)
		slab_unlink(s);
	s->used++;
	live_nodes++;
	memset(n, 0, sizeof(*n));
	return n;
}

static void node_free(struct mapnode *n)
{
	struct slab *s = (struct slab *)((uint32_t)n & ~(PAGE_SIZE - 1));

	if (!s->free)
		slab_link(s);
	n->next = s->free;
	s->free = n;
	live_nodes--;
	if (--s->used == 0) {
		slab_unlink(s);
		frame_free(virt_to_phys(s));
	}
}

uint32_t mapdb_nodes(void)
{
	return live_nodes;
}

/* ---- links and entries --------------------------------------------------------- */

static void link_child(struct mapnode *parent, struct mapnode *n)
{
	n->parent = parent;
	n->prev = NULL;
	n->next = parent ? parent->children : NULL;
	if (n->next)
		n->next->prev = n;
	if (parent)
		parent->children = n;
}

static void unlink_node(struct mapnode *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->children = n->next;
	if (n->next)
		n->next->prev = n->prev;
	n->next = n->prev = n->parent = NULL;
}

static uint32_t node_base(const struct mapnode *n)
{
	return n->address & ~(uint32_t)MAPNODE_LARGE;
}

/* The entry of a node; it always exists while the node does. */
static struct mapping node_mapping(const struct mapnode *n)
{
	struct mapping m;

	if (!space_find(n->space, node_base(n), &m) || *m.node != n)
		panic("mapdb: node %p has lost its entry", (void *)n);
	return m;
}

static uint32_t entry_phys(const struct mapping *m, uint32_t va)
{
	if (m->size_log2 == SIZE_4M)
		return (*m->entry & 0xffc00000) | (va & 0x003ff000);
	return *m->entry & PTE_FRAME_MASK;
}

static void set_entry(struct space *s, const struct mapping *m, uint32_t va, uint32_t pa,
		      bool writable)
{
	*m->entry = pa | PTE_USER | PTE_PRESENT | (writable ? PTE_WRITE : 0) |
		    (m->size_log2 == SIZE_4M ? PTE_LARGE : 0);
	space_flush(s, va);
}

/* Removes a node that has no children: its entry, its link, its memory. */
static void remove_leaf(struct mapnode *n)
{
	struct mapping m = node_mapping(n);

	*m.entry = 0;
	*m.node = NULL;
	space_flush(n->space, node_base(n));
	unlink_node(n);
	node_free(n);
}

/* Post-order, iteratively: removes every mapping derived from root. */
static void revoke_subtree(struct mapnode *root)
{
	struct mapnode *n = root;

	for (;;) {
		struct mapnode *parent;

		if (n->children) {
			n = n->children;
			continue;
		}
		if (n == root)
			return;
		parent = n->parent;
		remove_leaf(n);
		n = parent;
	}
}

/* Pre-order, iteratively: takes write access from everything below root. */
static void downgrade_subtree(struct mapnode *root)
{
	struct mapnode *n = root->children;

	while (n) {
		struct mapping m = node_mapping(n);

		if (*m.entry & PTE_WRITE) {
			*m.entry &= ~(pte_t)PTE_WRITE;
			space_flush(n->space, node_base(n));
		}
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
}

static void remove_mapping(struct mapnode *n)
{
	revoke_subtree(n);
	remove_leaf(n);
}

/* ---- the operations ------------------------------------------------------------- */

uint32_t mapdb_root(struct space *s, uint32_t va, uint32_t pa, uint32_t size_log2, bool writable)
{
	struct mapping m;
	struct mapnode *n;

	if (space_find(s, va, &m) || !space_slot(s, va, size_log2, &m) || !(n = node_alloc()))
		return L4_IPC_REMAPFAILED;
	n->space = s;
	n->address = va | (size_log2 == SIZE_4M ? MAPNODE_LARGE : 0);
	*m.node = n;
	set_entry(s, &m, va, pa, writable);
	return 0;
}

/* Makes room for a mapping of 2^size_log2 at va in s. */
static void clear_destination(struct space *s, uint32_t va, uint32_t size_log2)
{
	struct mapping m;
	uint32_t i = PDE_INDEX(va);

	if (space_find(s, va, &m)) {
		remove_mapping(*m.node);
		return;
	}
	if (size_log2 != SIZE_4M || !(s->directory[i] & PTE_PRESENT))
		return;
	for (uint32_t page = 0; page < 1024; page++)	/* a page table where the 4 MB go */
		if (space_find(s, (i << 22) + page * PAGE_SIZE, &m))
			remove_mapping(*m.node);
	space_free_table(s, va);
}

uint32_t mapdb_map(struct space *from, uint32_t src, struct space *to, uint32_t dst,
		   uint32_t size_log2, bool writable, bool grant)
{
	struct mapping sm, dm;
	struct mapnode *parent, *n;
	uint32_t pa;
	bool occupied;

	if (!space_find(from, src, &sm) || sm.size_log2 < size_log2)
		return 0;
	if (from == to && (src >> size_log2) == (dst >> size_log2))
		return 0;
	if (grant && sm.size_log2 != size_log2)
		return L4_IPC_REMAPFAILED;
	parent = *sm.node;
	pa = entry_phys(&sm, src);
	writable = writable && (*sm.entry & PTE_WRITE);
	occupied = space_find(to, dst, &dm);
	if (occupied && dm.size_log2 == size_log2 && !grant && entry_phys(&dm, dst) == pa &&
	    (*dm.node)->parent == parent) {
		set_entry(to, &dm, dst, pa, writable);	/* the same mapping: new rights */
		if (!writable)
			downgrade_subtree(*dm.node);
		return 0;
	}
	if (occupied || size_log2 == SIZE_4M) {	/* (a free 4 KB slot needs nothing) */
		clear_destination(to, dst, size_log2);
		if (!space_find(from, src, &sm))	/* it may have been derived from dst */
			return 0;
	}
	if (!space_slot(to, dst, size_log2, &dm))
		return L4_IPC_REMAPFAILED;
	if (grant) {
		n = *sm.node;
		*sm.entry = 0;
		*sm.node = NULL;
		space_flush(from, src);
	} else {
		if (!(n = node_alloc()))
			return L4_IPC_REMAPFAILED;
		link_child(*sm.node, n);
	}
	n->space = to;
	n->address = dst | (size_log2 == SIZE_4M ? MAPNODE_LARGE : 0);
	*dm.node = n;
	set_entry(to, &dm, dst, pa, writable);
	if (!writable)
		downgrade_subtree(n);	/* a read-only grant: what it carries too */
	return 0;
}

/* Part of a superpage: only the mappings derived from [start, end) of it. */
static void unmap_part(struct mapnode *super, uint32_t start, uint32_t end, bool write_only)
{
	struct mapping m = node_mapping(super);
	uint32_t lo = entry_phys(&m, start), hi = lo + (end - start);
	struct mapnode *c = super->children;

	while (c) {
		struct mapnode *next = c->next;
		struct mapping cm = node_mapping(c);
		uint32_t c_lo = entry_phys(&cm, node_base(c)), c_hi = c_lo + (1u << cm.size_log2);

		if (c_lo < hi && c_hi > lo) {
			if (write_only) {
				*cm.entry &= ~(pte_t)PTE_WRITE;
				space_flush(c->space, node_base(c));
				downgrade_subtree(c);
			} else {
				remove_mapping(c);
			}
		}
		c = next;
	}
}

static void unmap_one(struct space *s, const struct mapping *m, uint32_t va, bool write_only,
		      bool include_self)
{
	struct mapnode *n = *m->node;

	if (write_only) {
		downgrade_subtree(n);
		if (include_self && (*m->entry & PTE_WRITE)) {
			*m->entry &= ~(pte_t)PTE_WRITE;
			space_flush(s, va);
		}
	} else if (include_self) {
		remove_mapping(n);
	} else {
		revoke_subtree(n);
	}
}

/* Walks the directory, and each page table present in the range by its
 * entries that are not zero (absent ones are): most of a task's tables are
 * sparse, and a deleted task's whole space is cleared this way. */
void mapdb_unmap(struct space *s, uint32_t base, uint64_t end, bool write_only,
		 bool include_self)
{
	uint32_t va = base & ~(PAGE_SIZE - 1), last;

	if (end > USER_SPACE_END)
		end = USER_SPACE_END;
	if (va >= end)
		return;
	last = (uint32_t)(end - 1);		/* inclusive: end may be 4 GB */
	for (;;) {
		uint32_t super_last = va | LARGE_MASK, stop = last < super_last ? last : super_last;
		pte_t pde = s->directory[PDE_INDEX(va)];
		struct mapping m;

		if ((pde & PTE_PRESENT) && (pde & PTE_LARGE)) {
			space_find(s, va, &m);
			if ((va & LARGE_MASK) || stop != super_last)
				unmap_part(*m.node, va, stop + 1, write_only);
			else
				unmap_one(s, &m, va, write_only, include_self);
		} else if (pde & PTE_PRESENT) {
			const pte_t *table = phys_to_virt(pde & PTE_FRAME_MASK);
			uint32_t i = PTE_INDEX(va), end_i = PTE_INDEX(stop) + 1;

			while ((i = words_next_nonzero(table, i, end_i)) < end_i) {
				va = (va & ~LARGE_MASK) | i << 12;
				if (space_find(s, va, &m))
					unmap_one(s, &m, va, write_only, include_self);
				i++;
			}
		}
		if (stop == last)
			return;
		va = super_last + 1;
	}
}

void mapdb_space_clear(struct space *s)
{
	mapdb_unmap(s, 0, USER_SPACE_END, false, true);
}
