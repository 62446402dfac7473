/* System calls on memory: brk, mmap, munmap, mprotect, madvise. Areas are VMAs
 * (vm.c); pages appear at first touch. The emulation region at the top of
 * user space is not the process's to map, unmap or protect. */
#include "server.h"

#define PROT_ALL	(LX_PROT_READ | LX_PROT_WRITE | LX_PROT_EXEC)

/* [start, start + len) is page aligned user memory below the emulation
 * region. */
static bool range_ok(uint32_t start, uint32_t len)
{
	return !(start % PAGE_SIZE) && len && start >= PAGE_SIZE && start < LINUX_EMUL_BASE &&
	       len <= LINUX_EMUL_BASE - start;
}

static bool range_free(struct mm *mm, uint32_t start, uint32_t end)
{
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start < end && start < v->end)
			return false;
	return true;
}

SYSCALL(brk)
{
	struct mm *mm = p->mm;
	uint32_t want = a[0], old_end = PAGE_ROUND_UP(mm->brk), new_end;
	struct vma *v;

	if (want < mm->brk_start || want >= LINUX_EMUL_BASE)
		return (int32_t)mm->brk;
	new_end = PAGE_ROUND_UP(want);
	if (new_end > old_end) {
		if (!range_free(mm, old_end, new_end))
			return (int32_t)mm->brk;
		v = vma_find(mm, old_end - 1);
		if (v && v->end == old_end && old_end > mm->brk_start && !v->file)
			v->end = new_end;
		else if (vma_add(mm, old_end, new_end, LX_PROT_READ | LX_PROT_WRITE, NULL, 0, 0))
			return (int32_t)mm->brk;
	} else if (new_end < old_end) {
		vma_remove(p, new_end, old_end);
	}
	mm->brk = want;
	return (int32_t)want;
}

static int32_t do_mmap(struct process *p, uint32_t addr, uint32_t len, uint32_t prot,
		       uint32_t flags, int32_t fd, uint32_t offset)
{
	struct mm *mm = p->mm;
	struct inode *file = NULL;
	uint32_t type = flags & LX_MAP_TYPE, file_end = 0;
	int err;

	if (!len || (type != LX_MAP_PRIVATE && type != LX_MAP_SHARED) || (prot & ~PROT_ALL))
		return -LX_EINVAL;
	if (len > LINUX_EMUL_BASE)
		return -LX_ENOMEM;
	len = PAGE_ROUND_UP(len);
	if (!(flags & LX_MAP_ANONYMOUS)) {
		struct file *f = file_get(p, fd);

		if (!f)
			return -LX_EBADF;
		if (!LX_S_ISREG(f->inode->mode))
			return -LX_ENODEV;
		if ((f->flags & LX_O_ACCMODE) == LX_O_WRONLY)
			return -LX_EACCES;
		if (type == LX_MAP_SHARED && (prot & LX_PROT_WRITE)) {
			log("pid %d (%s): shared writable file mappings are not supported\n", p->pid,
			    p->comm);
			return -LX_ENODEV;
		}
		file = f->inode;
	}
	if (flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE)) {
		if (!range_ok(addr, len))
			return -LX_EINVAL;
		if ((flags & LX_MAP_FIXED_NOREPLACE) && !(flags & LX_MAP_FIXED) &&
		    !range_free(mm, addr, addr + len))
			return -LX_EEXIST;
		if ((err = vma_remove(p, addr, addr + len)))
			return err;
	} else {
		uint32_t hint = addr & PAGE_MASK;	/* taken if that much is free there */

		if (hint && range_ok(hint, len) && range_free(mm, hint, hint + len))
			addr = hint;
		else if (!(addr = vma_free_range(mm, len)))
			return -LX_ENOMEM;
	}
	if (file)
		file_end = addr + (offset < file->size ? (file->size - offset < len ?
							   file->size - offset : len) : 0);
	if ((err = vma_add(mm, addr, addr + len, prot, file, offset, file_end)))
		return err;
	return (int32_t)addr;
}

SYSCALL(mmap2)
{
	if (a[5] > 0xfffff)
		return -LX_EINVAL;		/* the offset would not fit 32 bits */
	return do_mmap(p, a[0], a[1], a[2], a[3], (int32_t)a[4], a[5] * PAGE_SIZE);
}

/* The old mmap: one pointer to the six arguments, the offset in bytes. */
SYSCALL(mmap)
{
	uint32_t v[6];

	if (copy_from_user(p, v, a[0], sizeof(v)))
		return -LX_EFAULT;
	if (v[5] % PAGE_SIZE)
		return -LX_EINVAL;
	return do_mmap(p, v[0], v[1], v[2], v[3], (int32_t)v[4], v[5]);
}

SYSCALL(munmap)
{
	if (a[0] % PAGE_SIZE || !a[1] || a[0] >= LINUX_EMUL_BASE ||
	    PAGE_ROUND_UP(a[1]) > LINUX_EMUL_BASE - a[0])
		return -LX_EINVAL;
	return vma_remove(p, a[0], a[0] + PAGE_ROUND_UP(a[1]));
}

SYSCALL(mprotect)
{
	uint32_t len = PAGE_ROUND_UP(a[1]);

	if (a[0] % PAGE_SIZE || (a[2] & ~PROT_ALL))
		return -LX_EINVAL;
	if (!len)
		return 0;
	if (a[0] >= LINUX_EMUL_BASE || len > LINUX_EMUL_BASE - a[0])
		return -LX_ENOMEM;
	return vma_protect(p, a[0], a[0] + len, a[2]);
}

#define MADV_DONTNEED	4

/* madvise(addr, len, advice): MADV_DONTNEED discards the pages (glibc does
 * it to a finished thread's stack); the other advice is only advice. */
SYSCALL(madvise)
{
	uint32_t len = PAGE_ROUND_UP(a[1]);

	if (a[0] % PAGE_SIZE || len < a[1])
		return -LX_EINVAL;
	if (!len)
		return 0;
	if (a[0] >= LINUX_EMUL_BASE || len > LINUX_EMUL_BASE - a[0])
		return -LX_ENOMEM;
	return a[2] == MADV_DONTNEED ? vma_discard(p, a[0], a[0] + len) : 0;
}
