/* The kernel info page: the memory map as sigma0 must see it, the boot
 * modules, the command line.
 *
 * Each available region of the memory map is cut at the pool boundary
 * (below: kernel, above: sigma0) and around the kernel image and modules;
 * what lies below 1 MB, above the physmap, or is not RAM is reserved. The
 * VGA window is added as device memory, unless the firmware's map claims
 * any of it (then the two descriptions would overlap). */
#include "kip.h"
#include "frame.h"
#include "panic.h"
#include "segments.h"
#include "x86/paging.h"
#include <libc/string.h>

extern const char _kernel_phys_start[], _kernel_end[];

const struct l4_kip *kip;
static struct l4_kip *kip_writable;

static void add(struct l4_kip *k, uint64_t base, uint64_t end, uint32_t type)
{
	if (base >= end)
		return;
	if (k->memory_count == L4_KIP_MEMORY_MAX) {
		printk("kip: more than %u memory ranges; the rest is not described\n",
		       L4_KIP_MEMORY_MAX);
		return;
	}
	k->memory[k->memory_count++] = (struct l4_kip_memory){ (uint32_t)base,
							       (uint32_t)(end - base), type };
}

/* The type of the page at `a` in an available region. */
static uint32_t available_type(const struct boot_info *info, uint64_t a)
{
	if (a < FRAME_LOW_LIMIT || a >= PHYSMAP_SIZE)
		return L4_MEMORY_RESERVED;
	for (uint32_t i = 0; i < info->module_count; i++)
		if (a >= (info->modules[i].start & ~(PAGE_SIZE - 1)) && a < info->modules[i].end)
			return L4_MEMORY_MODULE;
	if (a >= (uint32_t)_kernel_phys_start && a < virt_to_phys(_kernel_end))
		return L4_MEMORY_KERNEL;
	return a < frame_pool_end() ? L4_MEMORY_KERNEL : L4_MEMORY_SIGMA0;
}

/* Walks one available region page by page, emitting maximal runs. */
static void describe_region(struct l4_kip *k, const struct boot_info *info, uint64_t base,
			    uint64_t end)
{
	uint64_t run = base & ~(uint64_t)(PAGE_SIZE - 1);
	uint32_t type = available_type(info, run);

	end = (end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	for (uint64_t a = run; a < end; a += PAGE_SIZE) {
		uint32_t t = available_type(info, a);

		if (t != type) {
			add(k, run, a, type);
			run = a;
			type = t;
		}
	}
	add(k, run, end, type);
}

static void describe_vga_window(struct l4_kip *k)
{
	for (uint32_t i = 0; i < k->memory_count; i++)
		if (k->memory[i].base < L4_VGA_WINDOW_END &&
		    k->memory[i].base + k->memory[i].size > L4_VGA_WINDOW_BASE)
			return;
	add(k, L4_VGA_WINDOW_BASE, L4_VGA_WINDOW_END, L4_MEMORY_DEVICE);
}

uint32_t kip_build(const struct boot_info *info)
{
	uint32_t phys = frame_alloc();
	struct l4_kip *k;

	if (!phys)
		panic("kip: no memory");
	k = memset(phys_to_virt(phys), 0, PAGE_SIZE);
	k->magic = L4_KIP_MAGIC;
	k->version = L4_KIP_VERSION;
	k->flags = segments_small_borrow_directory() ? L4_KIP_SMALL_NO_CR3 : 0;
	for (uint32_t i = 0; i < info->region_count; i++) {
		const struct memory_region *r = &info->regions[i];

		if (r->type == MEMORY_AVAILABLE)
			describe_region(k, info, r->base, r->base + r->length);
	}
	describe_vga_window(k);
	k->module_count = info->module_count;
	for (uint32_t i = 0; i < info->module_count; i++) {
		k->modules[i].start = info->modules[i].start;
		k->modules[i].end = info->modules[i].end;
		strlcpy(k->modules[i].cmdline, info->modules[i].cmdline, L4_KIP_CMDLINE_MAX);
	}
	strlcpy(k->cmdline, info->cmdline, sizeof(k->cmdline));
	kip = kip_writable = k;
	return phys;
}

void kip_clock(uint64_t ticks)
{
	if (!kip_writable)
		return;
	kip_writable->clock_low = (uint32_t)ticks;	/* a reader retries if high moves */
	kip_writable->clock_high = (uint32_t)(ticks >> 32);
}
