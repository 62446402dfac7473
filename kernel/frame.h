/* frame.h: the physical frame allocator.
 *
 * Owns every 4 KB frame of RAM in [1 MB, PHYSMAP_SIZE) that the memory map
 * calls available and that holds neither the kernel image nor a boot module.
 * Frames are returned through the physmap, so the kernel can use them at
 * once. Invariant: a frame is either free in the bitmap or owned by exactly
 * one user of frame_alloc(). */
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
