/* paging.h: the kernel's part of every address space and the physmap.
 *
 * The physmap shows physical [0, PHYSMAP_SIZE) at PHYSMAP_BASE, with 4 MB
 * pages where the CPU has PSE and 4 KB pages otherwise. */
#pragma once

#include <stdint.h>
#include "x86/layout.h"

#define PTE_PRESENT	0x001
#define PTE_WRITE	0x002
#define PTE_USER	0x004
#define PTE_LARGE	0x080	/* PDE maps a 4 MB page (needs CR4.PSE) */
#define PTE_FRAME_MASK	0xfffff000u

#define PDE_INDEX(va)	((uint32_t)(va) >> 22)
#define PTE_INDEX(va)	(((uint32_t)(va) >> 12) & 0x3ff)

typedef uint32_t pte_t;

/* The kernel page directory: boot's, and the template for the kernel half
 * of every address space. */
extern pte_t kernel_page_directory[1024];

void paging_init(void);

static inline void *phys_to_virt(uint32_t phys)
{
	return (void *)(phys + PHYSMAP_BASE);
}

static inline uint32_t virt_to_phys(const void *virt)
{
	return (uint32_t)virt - PHYSMAP_BASE;
}
