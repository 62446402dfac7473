/* Process memory: areas (VMAs) and the logical page tables the server
 * keeps for every process. A page exists in the server (a pool page,
 * reachable 1:1) before it is mapped to the process; page faults map it,
 * copyin and copyout reach it by walking these tables in software. */
#include "server.h"

#define PT_ENTRIES	1024
#define STACK_MAX	(8u << 20)		/* RLIMIT_STACK's usual 8 MB */
#define MMAP_BASE	0x40000000u
#define MMAP_TOP	(LINUX_STACK_TOP - STACK_MAX - (1u << 20))	/* a gap below the stack */

void mm_init(struct mm *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mmap_base = MMAP_BASE;
}

static uint32_t *pte_of(struct mm *mm, uint32_t va, bool create)
{
	uint32_t **table;

	if (!mm->tables && (!create || !(mm->tables = page_alloc())))
		return NULL;
	table = &mm->tables[va >> 22];
	if (!*table && (!create || !(*table = page_alloc())))
		return NULL;
	return &(*table)[(va >> 12) % PT_ENTRIES];
}

/* The next entry of table t from j on that is not zero (absent ones are). */
static uint32_t next_used(const uint32_t *t, uint32_t j)
{
	return words_next_nonzero(t, j, PT_ENTRIES);
}

void mm_free(struct mm *mm)
{
	while (mm->vmas) {
		struct vma *v = mm->vmas;

		mm->vmas = v->next;
		inode_put(v->file);
		heap_free(v);
	}
	if (!mm->tables)
		return;
	for (uint32_t i = 0; i < PT_ENTRIES; i++) {
		uint32_t *t = mm->tables[i];

		if (!t)
			continue;
		for (uint32_t j = 0; (j = next_used(t, j)) < PT_ENTRIES; j++)
			if (t[j] & PTE_PRESENT)
				page_put((void *)(t[j] & PAGE_MASK));
		page_free(t);
	}
	page_free(mm->tables);
	mm->tables = NULL;
}

struct vma *vma_find(struct mm *mm, uint32_t addr)
{
	for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

int vma_add(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, struct inode *file,
	    uint32_t offset, uint32_t file_end)
{
	struct vma *v = heap_alloc(sizeof(*v)), **link = &mm->vmas;

	if (!v)
		return -LX_ENOMEM;
	*v = (struct vma){ NULL, start, end, prot, inode_get(file), offset, file_end };
	while (*link && (*link)->start < start)
		link = &(*link)->next;
	v->next = *link;
	*link = v;
	return 0;
}

/* Makes addr a VMA boundary if a VMA spans it. */
static int split_at(struct mm *mm, uint32_t addr)
{
	struct vma *v = vma_find(mm, addr), *tail;

	if (!v || v->start == addr)
		return 0;
	tail = heap_alloc(sizeof(*tail));
	if (!tail)
		return -LX_ENOMEM;
	*tail = *v;
	inode_get(tail->file);
	tail->start = addr;
	tail->offset = v->offset + (addr - v->start);
	v->end = addr;
	v->next = tail;
	return 0;
}

/* Takes the page at va away from the process (and frees it if free_it). */
static void unmap_page(struct mm *mm, uint32_t va, bool free_it)
{
	uint32_t *pte = pte_of(mm, va, false);

	if (!pte || !(*pte & PTE_PRESENT))
		return;
	/* Every process that has the page loses it (a shared one faults it
	 * back from its own table: fpage_unmap cannot pick one space). */
	l4_fpage_unmap(L4_FPAGE(*pte & PAGE_MASK, 12, 0), L4_UNMAP_FLUSH);
	if (free_it) {
		page_put((void *)(*pte & PAGE_MASK));
		*pte = 0;
	}
}

int vma_remove(struct process *p, uint32_t start, uint32_t end)
{
	struct mm *mm = p->mm;
	struct vma **link = &mm->vmas;
	int err;

	if ((err = split_at(mm, start)) || (err = split_at(mm, end)))
		return err;
	while (*link) {
		struct vma *v = *link;

		if (v->start >= start && v->end <= end) {
			for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE)
				unmap_page(mm, va, true);
			*link = v->next;
			inode_put(v->file);
			heap_free(v);
		} else {
			link = &v->next;
		}
	}
	return 0;
}

/* Whether areas cover all of [start, end) (Linux's mprotect and madvise
 * say ENOMEM of a range with holes). */
static bool all_mapped(const struct mm *mm, uint32_t start, uint32_t end)
{
	uint32_t covered = start;

	for (const struct vma *v = mm->vmas; v && covered < end; v = v->next)
		if (v->start <= covered && v->end > covered)
			covered = v->end;
	return covered >= end;
}

/* Neighbours in or at the edges of [start, end) that mprotect left alike
 * become one area again, as Linux merges them: a program that protects and
 * unprotects page by page (a garbage collector's barrier) keeps a short
 * list. */
static void merge_around(struct mm *mm, uint32_t start, uint32_t end)
{
	struct vma *v = mm->vmas;

	while (v && v->next) {
		struct vma *n = v->next;

		if (v->end == n->start && n->start >= start && n->start <= end &&
		    v->prot == n->prot && v->file == n->file &&
		    (!v->file || (n->offset == v->offset + (v->end - v->start) &&
				  v->file_end == n->file_end))) {
			v->end = n->end;
			v->next = n->next;
			inode_put(n->file);
			heap_free(n);
			continue;
		}
		v = n;
	}
}

int vma_discard(struct process *p, uint32_t start, uint32_t end)
{
	if (!all_mapped(p->mm, start, end))
		return -LX_ENOMEM;
	for (uint32_t va = start; va < end; va += PAGE_SIZE)
		unmap_page(p->mm, va, true);
	return 0;
}

int vma_protect(struct process *p, uint32_t start, uint32_t end, uint32_t prot)
{
	struct mm *mm = p->mm;
	int err;

	if (!all_mapped(mm, start, end))
		return -LX_ENOMEM;
	if ((err = split_at(mm, start)) || (err = split_at(mm, end)))
		return err;
	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->start < start || v->end > end)
			continue;
		for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
			uint32_t *pte = pte_of(mm, va, false);

			if (!pte || !(*pte & PTE_PRESENT))
				continue;
			if (!(prot & (LX_PROT_READ | LX_PROT_WRITE | LX_PROT_EXEC)))
				unmap_page(mm, va, false);	/* (write access with it) */
			else if (!(prot & LX_PROT_WRITE) && (*pte & PTE_WRITE))
				l4_fpage_unmap(L4_FPAGE(*pte & PAGE_MASK, 12, 0), 0);
			*pte = (*pte & ~PTE_WRITE) |
			       (prot & LX_PROT_WRITE && !(*pte & PTE_COW) ? PTE_WRITE : 0);
		}
		v->prot = prot;
	}
	merge_around(mm, start, end);
	return 0;
}

uint32_t vma_free_range(struct mm *mm, uint32_t size)
{
	uint32_t candidate = mm->mmap_base;

	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->end <= candidate)
			continue;
		if (v->start >= candidate && v->start - candidate >= size)
			break;
		candidate = v->end;
	}
	if (candidate > MMAP_TOP || MMAP_TOP - candidate < size)
		return 0;
	return candidate;
}

/* A write to a page shared since fork: the writer gets its own copy, or
 * the page itself if nobody else uses it any more. */
/* The first write to a page shared since fork: the writer gets a copy.
 * Answering its page fault maps the copy over its mapping of the shared
 * page (the kernel replaces that one mapping); otherwise (the server writes
 * for it: copy_to_user) its mapping must go, and fpage_unmap can only take
 * the page from every process that has it (they fault it back in from
 * their tables). */
static uint8_t *cow_break(uint32_t *pte, bool answering_fault)
{
	uint8_t *old = (uint8_t *)(*pte & PAGE_MASK), *copy;

	if (page_users(old) == 1) {
		*pte = (*pte & ~PTE_COW) | PTE_WRITE;
		return old;
	}
	if (!(copy = page_alloc_user()))
		return NULL;
	memcpy(copy, old, PAGE_SIZE);
	if (!answering_fault)
		l4_fpage_unmap(L4_FPAGE((uint32_t)old, 12, 0), L4_UNMAP_FLUSH);
	page_put(old);
	*pte = (uint32_t)copy | PTE_PRESENT | PTE_WRITE;
	return copy;
}

/* The page of v at va, made present (from the file or zeroed); for a
 * write, a page shared since fork is copied first. */
static uint8_t *vma_page(struct mm *mm, struct vma *v, uint32_t va, bool write,
			 bool answering_fault)
{
	uint32_t *pte = pte_of(mm, va, true);
	uint8_t *page;

	if (!pte)
		return NULL;
	if (*pte & PTE_PRESENT)
		return write && (*pte & PTE_COW) ? cow_break(pte, answering_fault)
						 : (uint8_t *)(*pte & PAGE_MASK);
	page = page_alloc_user();
	if (!page)
		return NULL;
	if (v->file && va < v->file_end) {
		uint32_t n = v->file_end - va < PAGE_SIZE ? v->file_end - va : PAGE_SIZE;

		ramfs_read(v->file, v->offset + (va - v->start), page, n);
	}
	*pte = (uint32_t)page | PTE_PRESENT | (v->prot & LX_PROT_WRITE ? PTE_WRITE : 0);
	return page;
}

/* user_page, for a page fault's answer (answering_fault) or the server's
 * own access. */
static uint8_t *page_for(struct process *p, uint32_t va, bool write, bool answering_fault)
{
	struct vma *v = vma_find(p->mm, va);

	if (!v || (write && !(v->prot & LX_PROT_WRITE)) ||
	    !(v->prot & (LX_PROT_READ | LX_PROT_WRITE | LX_PROT_EXEC)))
		return NULL;
	return vma_page(p->mm, v, va & PAGE_MASK, write, answering_fault);
}

uint8_t *user_page(struct process *p, uint32_t va, bool write)
{
	return page_for(p, va, write, false);
}

int mm_copy(struct mm *child, struct mm *parent)
{
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	child->mmap_base = parent->mmap_base;
	for (struct vma *v = parent->vmas; v; v = v->next)
		if (vma_add(child, v->start, v->end, v->prot, v->file, v->offset, v->file_end))
			return -LX_ENOMEM;
	if (!parent->tables)
		return 0;
	for (uint32_t i = 0; i < PT_ENTRIES; i++) {
		uint32_t *t = parent->tables[i];

		for (uint32_t j = 0; t && (j = next_used(t, j)) < PT_ENTRIES; j++) {
			uint32_t e = t[j], *c;

			if (!(e & PTE_PRESENT))
				continue;
			if (!(c = pte_of(child, i << 22 | j << 12, true)))
				return -LX_ENOMEM;
			if (e & PTE_WRITE)	/* the parent keeps reading it, writes fault */
				l4_fpage_unmap(L4_FPAGE(e & PAGE_MASK, 12, 0), 0);
			t[j] = *c = (e & ~PTE_WRITE) | PTE_COW;
			page_get((void *)(e & PAGE_MASK));
		}
	}
	return 0;
}

void mm_give(struct mm *to, struct mm *from)
{
	for (uint32_t i = 0; to->tables && i < PT_ENTRIES; i++) {
		uint32_t *t = to->tables[i];

		for (uint32_t j = 0; t && (j = next_used(t, j)) < PT_ENTRIES; j++) {
			uint32_t *f = pte_of(from, i << 22 | j << 12, false);

			if ((t[j] & PTE_PRESENT) &&
			    (!f || !(*f & PTE_PRESENT) || (*f & PAGE_MASK) != (t[j] & PAGE_MASK)))
				l4_fpage_unmap(L4_FPAGE(t[j] & PAGE_MASK, 12, 0), L4_UNMAP_FLUSH);
		}
	}
	mm_free(to);
	*to = *from;
	mm_init(from);
}

bool vm_fault(struct process *p, uint32_t addr, bool write, struct l4_words *w)
{
	uint32_t va = addr & PAGE_MASK;
	uint32_t emul_size = (uint32_t)(emul_image_end - emul_image);
	uint8_t *page;
	bool writable;

	if (va - LINUX_EMUL_BASE < emul_size && !write) {
		page = (uint8_t *)emul_image + (va - LINUX_EMUL_BASE);
		writable = false;
	} else if (va == LINUX_INFO_PAGE && !write) {
		page = (uint8_t *)p->info;
		writable = false;
	} else if (va == LINUX_SIGNAL_PAGE) {	/* the process's: its leader's */
		if (!p->leader->sigpage && !(p->leader->sigpage = page_alloc()))
			return false;
		page = p->leader->sigpage;
		writable = true;
	} else {
		if (!(page = page_for(p, va, write, true)))
			return false;
		writable = *pte_of(p->mm, va, false) & PTE_WRITE;
	}
	w->w0 = va;
	w->w1 = L4_FPAGE((uint32_t)page, 12, writable);
	w->w2 = 0;
	return true;
}

static bool user_range(uint32_t addr, uint32_t n)
{
	return addr < USER_TOP && n <= USER_TOP - addr;
}

int copy_from_user(struct process *p, void *dst, uint32_t src, uint32_t n)
{
	if (!user_range(src, n)) {
		if (!p->sendfile_buf || src < SENDFILE_WINDOW || n > PAGE_SIZE ||
		    src - SENDFILE_WINDOW > PAGE_SIZE - n)
			return -LX_EFAULT;
		memcpy(dst, p->sendfile_buf + (src - SENDFILE_WINDOW), n);
		return 0;
	}
	while (n) {
		uint32_t in_page = src % PAGE_SIZE, k = PAGE_SIZE - in_page < n ? PAGE_SIZE - in_page : n;
		uint8_t *page = user_page(p, src, false);

		if (!page)
			return -LX_EFAULT;
		memcpy(dst, page + in_page, k);
		dst = (uint8_t *)dst + k;
		src += k;
		n -= k;
	}
	return 0;
}

int copy_to_user(struct process *p, uint32_t dst, const void *src, uint32_t n)
{
	if (!user_range(dst, n))
		return -LX_EFAULT;
	while (n) {
		uint32_t in_page = dst % PAGE_SIZE, k = PAGE_SIZE - in_page < n ? PAGE_SIZE - in_page : n;
		uint8_t *page = user_page(p, dst, true);

		if (!page)
			return -LX_EFAULT;
		memcpy(page + in_page, src, k);
		src = (const uint8_t *)src + k;
		dst += k;
		n -= k;
	}
	return 0;
}

int strncpy_from_user(struct process *p, char *dst, uint32_t src, uint32_t max)
{
	uint32_t n = 0;

	while (n < max) {
		uint32_t in_page = src % PAGE_SIZE;
		uint8_t *page;

		if (src >= USER_TOP || !(page = user_page(p, src, false)))
			return -LX_EFAULT;
		for (; in_page < PAGE_SIZE && n < max; in_page++, src++) {
			dst[n] = (char)page[in_page];
			if (!dst[n])
				return (int)n;
			n++;
		}
	}
	return -LX_ENAMETOOLONG;
}
