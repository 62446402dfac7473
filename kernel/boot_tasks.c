/* Loading boot modules as tasks. All checks on the ELF image happen before
 * the task exists, so a bad module is reported and skipped. */
#include "boot_tasks.h"
#include "frame.h"
#include "ioport.h"
#include "irq_ipc.h"
#include "kip.h"
#include "x86/cpu.h"
#include "mapdb.h"
#include "panic.h"
#include "thread.h"
#include "space.h"
#include "task.h"
#include "tcb.h"
#include <libc/string.h>
#include <tessera/elf.h>

#define ARGV_MAX 32

static const char *elf_check(const uint8_t *image, uint32_t size)
{
	const struct elf32_header *h = (const void *)image;

	if (size < sizeof(*h) || h->magic != ELF_MAGIC)
		return "not ELF";
	if (h->class != ELFCLASS32 || h->data != ELFDATA2LSB || h->machine != EM_386 ||
	    h->type != ET_EXEC)
		return "not an i386 ELF32 executable";
	if (h->phentsize != sizeof(struct elf32_phdr) || h->phoff > size ||
	    (uint32_t)h->phnum * sizeof(struct elf32_phdr) > size - h->phoff)
		return "bad program headers";
	for (uint32_t i = 0; i < h->phnum; i++) {
		const struct elf32_phdr *p = (const struct elf32_phdr *)(image + h->phoff) + i;

		if (p->type != PT_LOAD)
			continue;
		if (p->filesz > p->memsz || p->offset > size || p->filesz > size - p->offset ||
		    !user_range_ok(p->vaddr, p->memsz) || p->vaddr + p->memsz > BOOT_STACK_TOP -
		    BOOT_STACK_PAGES * PAGE_SIZE)
			return "segment outside the file or user space";
	}
	return NULL;
}

/* The frame behind va, allocated, zeroed and mapped (a root mapping: the
 * image of a boot task lives as long as the system) if not yet there. */
static uint8_t *page_for(struct space *s, uint32_t va, bool writable)
{
	struct mapping m;
	uint32_t pa;

	if (space_find(s, va, &m)) {
		if (writable)
			*m.entry |= PTE_WRITE;
		return phys_to_virt(*m.entry & PTE_FRAME_MASK);
	}
	pa = frame_alloc();
	if (!pa)
		return NULL;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	if (mapdb_root(s, va, pa, SIZE_4K, writable)) {
		frame_free(pa);
		return NULL;
	}
	return phys_to_virt(pa);
}

static bool load_segment(struct space *s, const uint8_t *image, const struct elf32_phdr *p)
{
	uint32_t start = p->vaddr & ~(PAGE_SIZE - 1), end = p->vaddr + p->memsz;

	for (uint32_t va = start; va < end; va += PAGE_SIZE) {
		uint8_t *page = page_for(s, va, p->flags & PF_W);
		uint32_t from = va > p->vaddr ? va : p->vaddr;
		uint32_t to = va + PAGE_SIZE < p->vaddr + p->filesz ? va + PAGE_SIZE
								    : p->vaddr + p->filesz;

		if (!page)
			return false;
		if (from < to)
			memcpy(page + (from - va), image + p->offset + (from - p->vaddr), to - from);
	}
	return true;
}

/* argc, argv[] and the strings, at the top of the stack; returns esp. */
static uint32_t build_stack(struct space *s, const char *cmdline)
{
	uint8_t *top = page_for(s, BOOT_STACK_TOP - PAGE_SIZE, true);
	uint32_t len = strlen(cmdline) + 1, argc = 0, argv[ARGV_MAX + 1];
	uint32_t strings = BOOT_STACK_TOP - ((len + 3) & ~3u), sp;
	char *text = (char *)top + (strings - (BOOT_STACK_TOP - PAGE_SIZE));

	memcpy(text, cmdline, len);
	for (uint32_t i = 0; i < len && argc < ARGV_MAX; i++) {
		if (text[i] == ' ')
			text[i] = '\0';
		else if (i == 0 || text[i - 1] == '\0')
			argv[argc++] = strings + i;
	}
	argv[argc] = 0;
	sp = strings - (argc + 2) * 4;
	*(uint32_t *)(top + (sp - (BOOT_STACK_TOP - PAGE_SIZE))) = argc;
	memcpy(top + (sp + 4 - (BOOT_STACK_TOP - PAGE_SIZE)), argv, (argc + 1) * 4);
	return sp;
}

/* sigma0's memory, 1:1: superpages where a whole aligned 4 MB is its own
 * (and its image is not in the way), modules read-only, device memory in
 * 4 KB pages (the PC's firmware sets the VGA window uncached in its fixed
 * MTRRs, so the page tables need not). Pages its image already covers are
 * left out and reported. */
static void map_sigma0_memory(struct space *s)
{
	for (uint32_t i = 0; i < kip->memory_count; i++) {
		const struct l4_kip_memory *r = &kip->memory[i];
		bool module = r->type == L4_MEMORY_MODULE, device = r->type == L4_MEMORY_DEVICE;
		uint32_t a = r->base, end = r->base + r->size;

		if (r->type != L4_MEMORY_SIGMA0 && !module && !device)
			continue;
		while (a < end) {
			bool super = r->type == L4_MEMORY_SIGMA0 && cpu_has(CPUID_PSE) && !(a & (SUPERPAGE_SIZE - 1)) &&
				     end - a >= SUPERPAGE_SIZE;

			if (super && !mapdb_root(s, a, a, SIZE_4M, true)) {
				a += SUPERPAGE_SIZE;
				continue;
			}
			if (mapdb_root(s, a, a, SIZE_4K, !module))
				printk("boot: sigma0 cannot map its page %#x 1:1\n", a);
			a += PAGE_SIZE;
		}
	}
}

static bool load_task(uint32_t n, const struct boot_module *m, l4_threadid_t pager,
		      uint32_t kip_phys)
{
	const uint8_t *image = phys_to_virt(m->start);
	const struct elf32_header *h = (const void *)image;
	struct task *task = &tasks[n];
	struct tcb *t;

	t = task_create(n, h->entry, 0, pager, BOOT_PRIORITY, BOOT_MCP);
	if (!t)
		return false;
	task->privileged = true;
	task_set_chief(task, n);
	for (uint32_t i = 0; i < h->phnum; i++) {
		const struct elf32_phdr *p = (const struct elf32_phdr *)(image + h->phoff) + i;

		if (p->type == PT_LOAD && !load_segment(&task->space, image, p))
			return false;
	}
	for (uint32_t i = 1; i < BOOT_STACK_PAGES; i++)
		if (!page_for(&task->space, BOOT_STACK_TOP - (i + 1) * PAGE_SIZE, true))
			return false;
	if (mapdb_root(&task->space, L4_KIP_ADDRESS, kip_phys, SIZE_4K, false))
		return false;
	if (pager == L4_NIL_ID) {
		map_sigma0_memory(&task->space);
		if (!io_give_all(task))
			return false;
	}
	thread_set_user_entry(t, h->entry, build_stack(&task->space, m->cmdline));
	return true;
}

uint32_t boot_tasks_start(const struct boot_info *info)
{
	uint32_t started = 0, kip_phys = kip_build(info);
	l4_threadid_t pager = L4_NIL_ID;

	for (uint32_t i = 0; i < info->module_count; i++) {
		const struct boot_module *m = &info->modules[i];
		const char *problem = elf_check(phys_to_virt(m->start), m->end - m->start);
		uint32_t n = BOOT_TASK_FIRST + i;

		if (problem) {
			printk("boot: module %u (%s): %s; left as data\n", i, m->cmdline, problem);
			continue;
		}
		if (!load_task(n, m, pager, kip_phys))
			panic("boot: out of memory loading module %u as task %u", i, n);
		printk("boot: module %u is task %u%s: %s\n", i, n, pager ? "" : " (sigma0)",
		       m->cmdline);
		if (pager == L4_NIL_ID)
			pager = task_thread_id(&tasks[n], 0);
		if (started++ <= 1) {	/* the root task (or sigma0 alone) owns the rest */
			task_table_give_inactive(n);
			tasks[n].irq_rights = IRQ_ASSIGNABLE;
			if (started == 2)
				tasks[BOOT_TASK_FIRST].irq_rights = 0;
		} else if (started == 3) {	/* a program beside the root task */
			for (uint32_t k = BESIDE_TASK_FIRST; k < BESIDE_TASK_END; k++)
				if (!tasks[k].active)
					task_set_chief(&tasks[k], n);
		}
	}
	return started;
}
