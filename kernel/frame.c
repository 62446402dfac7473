/* A bitmap with one bit per frame (1 = free) and a next-fit cursor, plus a
 * second bitmap of the frames managed at all, so freeing a frame that was
 * never handed out (kernel image, module, hole) is caught. Each bitmap
 * covers the physmap: 8 KB for 256 MB. */
#include "frame.h"
#include "panic.h"
#include "x86/paging.h"

#define FRAME_COUNT (PHYSMAP_SIZE / PAGE_SIZE)
#define WORD_BITS 32

static uint32_t free_bitmap[FRAME_COUNT / WORD_BITS];
static uint32_t managed_bitmap[FRAME_COUNT / WORD_BITS];
static uint32_t free_frames, total_frames, cursor, pool_end;

#define POOL_MIN_MB 8
#define POOL_RAM_SHARE 8	/* the pool is at least 1/8 of the RAM */

extern const char _kernel_phys_start[], _kernel_end[];

static int frame_is_free(uint32_t n)
{
	return (free_bitmap[n / WORD_BITS] >> (n % WORD_BITS)) & 1;
}

static void frame_set_free(uint32_t n, int free)
{
	if (free)
		free_bitmap[n / WORD_BITS] |= 1u << (n % WORD_BITS);
	else
		free_bitmap[n / WORD_BITS] &= ~(1u << (n % WORD_BITS));
}

/* Marks the frames wholly inside [base, end) free, or every frame touching
 * it used; clipped to what the allocator manages. */
static void mark_range(uint64_t base, uint64_t end, int free)
{
	uint64_t first, last;

	if (base < FRAME_LOW_LIMIT)
		base = FRAME_LOW_LIMIT;
	if (end > PHYSMAP_SIZE)
		end = PHYSMAP_SIZE;
	if (base >= end)
		return;
	first = free ? (base + PAGE_SIZE - 1) / PAGE_SIZE : base / PAGE_SIZE;
	last = free ? end / PAGE_SIZE : (end + PAGE_SIZE - 1) / PAGE_SIZE;
	for (uint64_t n = first; n < last; n++)
		frame_set_free((uint32_t)n, free);
}

static int frame_is_managed(uint32_t n)
{
	return (managed_bitmap[n / WORD_BITS] >> (n % WORD_BITS)) & 1;
}

static uint32_t pool_frames_wanted(uint32_t free)
{
	char value[12];
	uint32_t mb = 0;

	if (cmdline_value("kmem", value, sizeof(value)))
		for (const char *p = value; *p >= '0' && *p <= '9'; p++)
			mb = mb * 10 + (uint32_t)(*p - '0');
	if (!mb) {
		mb = free / POOL_RAM_SHARE / (0x100000 / PAGE_SIZE);
		mb = mb < POOL_MIN_MB ? POOL_MIN_MB : mb;
	}
	return mb * (0x100000 / PAGE_SIZE);
}

/* Keeps the lowest frames up to the pool size, rounded up to a 4 MB
 * boundary; the free frames above are sigma0's, not ours. */
static void split_pool(void)
{
	uint32_t wanted = pool_frames_wanted(free_frames), counted = 0, n;

	for (n = 0; n < FRAME_COUNT && counted < wanted; n++)
		counted += frame_is_free(n);
	pool_end = ((n * PAGE_SIZE) + SUPERPAGE_SIZE - 1) & ~(SUPERPAGE_SIZE - 1);
	if (pool_end > PHYSMAP_SIZE || pool_end == 0)
		pool_end = PHYSMAP_SIZE;
	for (n = pool_end / PAGE_SIZE; n < FRAME_COUNT; n++)
		frame_set_free(n, 0);
}

/* What is free after boot is what the allocator manages from now on. */
static void take_inventory(void)
{
	free_frames = 0;
	for (uint32_t n = 0; n < FRAME_COUNT; n++)
		free_frames += frame_is_free(n);
	split_pool();
	free_frames = 0;
	for (uint32_t n = 0; n < FRAME_COUNT; n++)
		free_frames += frame_is_free(n);
	total_frames = free_frames;
	for (uint32_t w = 0; w < FRAME_COUNT / WORD_BITS; w++)
		managed_bitmap[w] = free_bitmap[w];
}

void frame_init(const struct boot_info *info)
{
	uint64_t ram_above_physmap = 0;

	for (uint32_t i = 0; i < info->region_count; i++) {
		const struct memory_region *r = &info->regions[i];

		if (r->type == MEMORY_AVAILABLE) {
			mark_range(r->base, r->base + r->length, 1);
			if (r->base + r->length > PHYSMAP_SIZE)
				ram_above_physmap += r->base + r->length -
					(r->base > PHYSMAP_SIZE ? r->base : PHYSMAP_SIZE);
		}
	}
	for (uint32_t i = 0; i < info->region_count; i++) {	/* reserved wins overlaps */
		const struct memory_region *r = &info->regions[i];

		if (r->type != MEMORY_AVAILABLE)
			mark_range(r->base, r->base + r->length, 0);
	}
	mark_range((uint32_t)_kernel_phys_start, virt_to_phys(_kernel_end), 0);
	for (uint32_t i = 0; i < info->module_count; i++)
		mark_range(info->modules[i].start, info->modules[i].end, 0);
	take_inventory();
	printk("frames: kernel pool %u frames (%u KB) below %#x; kernel image [%#x, %#x), "
	       "%u module(s) kept\n", free_frames, free_frames * (PAGE_SIZE / 1024), pool_end,
	       (uint32_t)_kernel_phys_start, virt_to_phys(_kernel_end), info->module_count);
	if (ram_above_physmap)
		printk("frames: %llu KB of RAM above the %u MB physmap not used by the kernel\n",
		       ram_above_physmap / 1024, PHYSMAP_SIZE >> 20);
}

uint32_t frame_alloc(void)
{
	if (!free_frames)
		return 0;
	for (uint32_t i = 0; i < FRAME_COUNT; i++) {
		uint32_t n = (cursor + i) % FRAME_COUNT;

		if (!free_bitmap[n / WORD_BITS]) {	/* skip a full word at once */
			i += WORD_BITS - 1 - n % WORD_BITS;
			continue;
		}
		if (frame_is_free(n)) {
			frame_set_free(n, 0);
			free_frames--;
			cursor = n + 1;
			return n * PAGE_SIZE;
		}
	}
	panic("frame: %u frames counted free but none found", free_frames);
}

void frame_free(uint32_t phys)
{
	uint32_t n = phys / PAGE_SIZE;

	if ((phys & (PAGE_SIZE - 1)) || n >= FRAME_COUNT || !frame_is_managed(n))
		panic("frame_free(%#x): not a managed frame", phys);
	if (frame_is_free(n))
		panic("frame_free(%#x): already free", phys);
	frame_set_free(n, 1);
	free_frames++;
}

uint32_t frame_free_count(void)
{
	return free_frames;
}

uint32_t frame_total_count(void)
{
	return total_frames;
}

uint32_t frame_pool_end(void)
{
	return pool_end;
}
