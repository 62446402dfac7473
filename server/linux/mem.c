/* The server's memory: every page sigma0 will give, mapped 1:1 (asked for 4
 * MB at a time, then single pages; received as 4 KB mappings, so that
 * taking one page back from the processes it was mapped to, as copy-on-
 * write and mprotect do, looks at that page's mappings only, not at
 * everything mapped from its 4 MB), kept on a free list; and a small heap of
 * power-of-two blocks carved from pages for everything smaller. */
#include "server.h"
#include <l4/sigma0.h>

struct free_page {
	struct free_page *next;
};

/* Pages for what processes ask (their memory, file data) leave this many
 * for the server's own needs, so a process using up memory gets ENOMEM and
 * the server goes on. */
#define PAGES_RESERVED	512

static struct free_page *free_pages;
static uint32_t free_count, total_count;

static void add_range(uint32_t base, uint32_t size)
{
	for (uint32_t a = base; a < base + size; a += PAGE_SIZE) {
		page_free((void *)a);
		total_count++;
	}
}

/* linux.mem=MB on the command line: take at most that much, and leave the
 * rest to other programs sigma0 serves (L4-native ones beside the server). */
void mem_init(void)
{
	static const uint32_t sizes[] = { 22, 12 };
	uint32_t limit = cmdline_number("linux.mem=", 0) * 256;	/* pages; 0: all */
	l4_fpage_t got;

	for (uint32_t i = 0; i < ARRAY_SIZE(sizes); i++)
		while ((!limit || total_count + (1u << (sizes[i] - 12)) <= limit) &&
		       l4_sigma0_request(L4_SIGMA0_ANY, sizes[i],
					 L4_WHOLE_SPACE | L4_FPAGE_SMALL_PAGES, &got) == L4_SIGMA0_OK) {
			uint32_t base = L4_FPAGE_BASE(got), size = 1u << L4_FPAGE_SIZE_LOG2(got);

			if (base + size <= SERVER_BASE)	/* above: not used (server.h) */
				add_range(base, size);
		}
	log("%u KB of memory from sigma0\n", total_count * 4);
}

void *page_alloc(void)
{
	struct free_page *p = free_pages;

	if (!p)
		return NULL;
	free_pages = p->next;
	free_count--;
	memset(p, 0, PAGE_SIZE);
	return p;
}

/* Users of each pool page that processes share after fork (index: the
 * page's address / PAGE_SIZE; every pool page lies below SERVER_BASE). */
static uint16_t page_refs[SERVER_BASE / PAGE_SIZE];

void *page_alloc_user(void)
{
	void *page = free_count > PAGES_RESERVED ? page_alloc() : NULL;

	if (page)
		page_refs[(uint32_t)page / PAGE_SIZE] = 1;
	return page;
}

void page_get(void *page)
{
	page_refs[(uint32_t)page / PAGE_SIZE]++;
}

void page_put(void *page)
{
	if (--page_refs[(uint32_t)page / PAGE_SIZE] == 0)
		page_free(page);
}

uint32_t page_users(const void *page)
{
	return page_refs[(uint32_t)page / PAGE_SIZE];
}

void page_free(void *page)
{
	struct free_page *p = page;

	p->next = free_pages;
	free_pages = p;
	free_count++;
}

uint32_t mem_free_pages(void)
{
	return free_count;
}

uint32_t mem_total_pages(void)
{
	return total_count;
}

/* Heap blocks of 16 << class bytes; a page holds blocks of one class and
 * starts with its header, so heap_free finds the class from the address.
 * Requests above HEAP_BLOCK_MAX take a whole page of their own. */
#define HEAP_CLASSES	8		/* 16 .. 2048 */
#define HEAP_BLOCK_MAX	2048u

struct heap_page {
	uint32_t class;			/* HEAP_CLASSES: a whole-page block */
	uint32_t used;
	uint32_t pad[2];
};

struct heap_block {
	struct heap_block *next;
};

static struct heap_block *heap_free_list[HEAP_CLASSES];

static uint32_t class_of(size_t size)
{
	uint32_t c = 0;

	while ((16u << c) < size)
		c++;
	return c;
}

static bool heap_grow(uint32_t c)
{
	struct heap_page *page = page_alloc();
	uint32_t block = 16u << c;
	uint32_t first = block < sizeof(*page) ? sizeof(*page) : block;

	if (!page)
		return false;
	page->class = c;
	for (uint32_t off = first; off + block <= PAGE_SIZE; off += block) {
		struct heap_block *b = (struct heap_block *)((uint8_t *)page + off);

		b->next = heap_free_list[c];
		heap_free_list[c] = b;
	}
	return true;
}

void *heap_alloc(size_t size)
{
	struct heap_block *b;
	uint32_t c;

	if (size > HEAP_BLOCK_MAX) {
		struct heap_page *page;

		if (size > PAGE_SIZE - sizeof(struct heap_page) || !(page = page_alloc()))
			return NULL;
		page->class = HEAP_CLASSES;
		return page + 1;
	}
	c = class_of(size ? size : 1);
	if (!heap_free_list[c] && !heap_grow(c))
		return NULL;
	b = heap_free_list[c];
	heap_free_list[c] = b->next;
	memset(b, 0, 16u << c);
	return b;
}

void heap_free(void *p)
{
	struct heap_page *page = (struct heap_page *)((uint32_t)p & PAGE_MASK);
	struct heap_block *b = p;

	if (!p)
		return;
	if (page->class == HEAP_CLASSES) {
		page_free(page);
		return;
	}
	b->next = heap_free_list[page->class];
	heap_free_list[page->class] = b;
}

char *heap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = heap_alloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}
