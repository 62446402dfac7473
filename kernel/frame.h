/* frame.h: the physical frame allocator: the kernel's own memory.
 *
 * At boot, RAM in [1 MB, PHYSMAP_SIZE) that the memory map calls available
 * and that holds neither the kernel image nor a boot module is split: the
 * lowest frames, up to a 4 MB boundary (frame_pool_end), are the kernel's
 * pool, handed out here for page tables, TCBs, mapping nodes and boot-task
 * images; everything above belongs to sigma0 (see kip.c). The pool is
 * max(8 MB, RAM / 8) unless kmem=MB says otherwise. Frames are returned
 * through the physmap, so the kernel can use them at once. Invariant: a
 * frame is either free in the bitmap or owned by exactly one user of
 * frame_alloc(). */
#pragma once

#include <stdint.h>
#include "bootinfo.h"

#define FRAME_LOW_LIMIT 0x100000	/* below 1 MB: BIOS data, never used */

void frame_init(const struct boot_info *info);
/* Physical address of a free frame, or 0 when none is left. */
uint32_t frame_alloc(void);
void frame_free(uint32_t phys);
uint32_t frame_free_count(void);
/* Frames managed at all (free or handed out). */
uint32_t frame_total_count(void);
/* First physical address above the kernel's pool (4 MB aligned). */
uint32_t frame_pool_end(void);
