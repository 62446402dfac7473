/* The ELF loader: static i386 executables, ET_EXEC or static-pie ET_DYN
 * (no PT_INTERP), System V or GNU/Linux OS ABI. Each PT_LOAD becomes one
 * private file-backed VMA; the bytes past p_filesz (bss) read as zeros,
 * also in the segment's last file page. Pages are filled at first touch. */
#include "server.h"
#include <tessera/elf.h>

#define PHDRS_MAX	32
#define PIE_BASE	0x56555000u	/* where Linux puts a static-pie without ASLR */
#define OSABI_SYSV	0
#define OSABI_LINUX	3

static uint32_t prot_of(uint32_t flags)
{
	return (flags & PF_R ? LX_PROT_READ : 0) | (flags & PF_W ? LX_PROT_WRITE : 0) |
	       (flags & PF_X ? LX_PROT_EXEC : 0);
}

int elf_load(struct process *p, struct inode *file, struct elf_image *img)
{
	struct elf32_header h;
	struct elf32_phdr ph[PHDRS_MAX];
	uint32_t bias = 0, lowest = ~0u, end = 0, phdr = 0;

	if (ramfs_read(file, 0, &h, sizeof(h)) != sizeof(h) || h.magic != ELF_MAGIC)
		return -LX_ENOEXEC;
	if (h.class != ELFCLASS32 || h.data != ELFDATA2LSB || h.machine != EM_386 ||
	    (h.type != ET_EXEC && h.type != ET_DYN) ||
	    (h.osabi != OSABI_SYSV && h.osabi != OSABI_LINUX) ||
	    h.phentsize != sizeof(struct elf32_phdr) || h.phnum == 0 || h.phnum > PHDRS_MAX)
		return -LX_ENOEXEC;
	if (ramfs_read(file, h.phoff, ph, h.phnum * sizeof(ph[0])) !=
	    (int)(h.phnum * sizeof(ph[0])))
		return -LX_ENOEXEC;
	for (uint32_t i = 0; i < h.phnum; i++) {
		if (ph[i].type == PT_INTERP) {
			log("%s: dynamically linked executables are not supported\n", p->exe);
			return -LX_ENOEXEC;
		}
		if (ph[i].type == PT_LOAD && ph[i].vaddr < lowest)
			lowest = ph[i].vaddr;
	}
	if (lowest == ~0u)
		return -LX_ENOEXEC;
	if (h.type == ET_DYN)
		bias = PIE_BASE - (lowest & PAGE_MASK);
	for (uint32_t i = 0; i < h.phnum; i++) {
		const struct elf32_phdr *s = &ph[i];
		uint32_t va, start, mem_end;
		int err;

		if (s->type == PT_PHDR)
			phdr = s->vaddr + bias;
		if (s->type != PT_LOAD || s->memsz == 0)
			continue;
		va = s->vaddr + bias;
		if (s->filesz > s->memsz || (s->vaddr - s->offset) % PAGE_SIZE ||
		    va < PAGE_SIZE || va >= LINUX_STACK_TOP || s->memsz > LINUX_STACK_TOP - va ||
		    s->offset > file->size || s->filesz > file->size - s->offset)
			return -LX_ENOEXEC;
		start = va & PAGE_MASK;
		mem_end = PAGE_ROUND_UP(va + s->memsz);
		if (vma_find(p->mm, start) || vma_find(p->mm, mem_end - 1))
			return -LX_ENOEXEC;	/* overlapping segments */
		err = vma_add(p->mm, start, mem_end, prot_of(s->flags), file,
			      s->offset - (va - start), va + s->filesz);
		if (err)
			return err;
		if (!phdr && h.phoff >= s->offset && h.phoff - s->offset < s->filesz)
			phdr = va + (h.phoff - s->offset);
		if (mem_end > end)
			end = mem_end;
	}
	img->entry = h.entry + bias;
	img->phdr = phdr;
	img->phnum = h.phnum;
	img->brk = end;
	return 0;
}
