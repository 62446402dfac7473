/* Reading the Multiboot (v1) information structure. */
#include "bootinfo.h"
#include "panic.h"
#include "x86/paging.h"
#include <libc/string.h>

#define MBI_MEMORY	(1u << 0)	/* mem_lower/mem_upper valid */
#define MBI_CMDLINE	(1u << 2)
#define MBI_MODULES	(1u << 3)
#define MBI_MMAP	(1u << 6)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
	uint32_t start, end;
	uint32_t cmdline;
	uint32_t reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size;			/* of the rest of the entry */
	uint64_t base, length;
	uint32_t type;
} __attribute__((packed));

struct boot_info boot_info;

/* Loader strings lie in low memory inside the physmap. */
static void copy_string(char *dst, uint32_t size, uint32_t phys, const char *what)
{
	if (!phys) {
		dst[0] = '\0';
		return;
	}
	if (strlcpy(dst, phys_to_virt(phys), size) >= size)
		printk("multiboot: %s longer than %u bytes, truncated\n", what, size - 1);
}

static void parse_modules(const struct multiboot_info *mbi, struct boot_info *out)
{
	const struct multiboot_module *mods = phys_to_virt(mbi->mods_addr);
	uint32_t count = mbi->mods_count;

	if (count > BOOT_MODULES_MAX) {
		printk("multiboot: %u modules, only %u supported; ignoring the rest\n", count,
		       BOOT_MODULES_MAX);
		count = BOOT_MODULES_MAX;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct boot_module *m = &out->modules[i];

		m->start = mods[i].start;
		m->end = mods[i].end;
		if (m->end < m->start || m->end > PHYSMAP_SIZE)
			panic("multiboot: module %u at [%#x, %#x) outside the physmap", i,
			      m->start, m->end);
		copy_string(m->cmdline, sizeof(m->cmdline), mods[i].cmdline, "module command line");
	}
	out->module_count = count;
}

static void parse_memory_map(const struct multiboot_info *mbi, struct boot_info *out)
{
	uint32_t offset = 0;

	while (offset + sizeof(struct multiboot_mmap_entry) <= mbi->mmap_length) {
		const struct multiboot_mmap_entry *e = phys_to_virt(mbi->mmap_addr + offset);

		if (out->region_count == BOOT_REGIONS_MAX) {
			printk("multiboot: memory map has more than %u entries; the rest is unused\n",
			       BOOT_REGIONS_MAX);
			break;
		}
		out->regions[out->region_count++] =
			(struct memory_region){ e->base, e->length, e->type };
		offset += e->size + sizeof(e->size);
	}
}

void multiboot_parse(uint32_t info_phys, struct boot_info *out)
{
	const struct multiboot_info *mbi = phys_to_virt(info_phys);

	memset(out, 0, sizeof(*out));
	if (mbi->flags & MBI_CMDLINE)
		copy_string(out->cmdline, sizeof(out->cmdline), mbi->cmdline, "kernel command line");
	if (mbi->flags & MBI_MEMORY) {
		out->mem_lower_kb = mbi->mem_lower;
		out->mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MBI_MODULES)
		parse_modules(mbi, out);
	if (!(mbi->flags & MBI_MMAP))
		panic("multiboot: the boot loader gave no memory map");
	parse_memory_map(mbi, out);
}
