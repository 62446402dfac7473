/* Builds the kernel page directory: the physmap (4 MB pages with PSE, else
 * page tables from a static pool) and nothing below KERNEL_AREA_BASE, then
 * leaves boot/multiboot.asm's temporary tables behind. */
#include "x86/paging.h"
#include "x86/cpu.h"
#include "x86/io.h"
#include "printk.h"

#define CR4_PSE (1u << 4)
#define PHYSMAP_TABLES (PHYSMAP_SIZE / SUPERPAGE_SIZE)

pte_t kernel_page_directory[1024] __attribute__((aligned(PAGE_SIZE)));

/* Used only without PSE; 256 KB of bss that a PSE machine never touches. */
static pte_t physmap_tables[PHYSMAP_TABLES][1024] __attribute__((aligned(PAGE_SIZE)));

static void map_physmap_large(void)
{
	write_cr4(read_cr4() | CR4_PSE);
	for (uint32_t i = 0; i < PHYSMAP_TABLES; i++)
		kernel_page_directory[PDE_INDEX(PHYSMAP_BASE) + i] =
			i * SUPERPAGE_SIZE | PTE_LARGE | PTE_WRITE | PTE_PRESENT;
}

static void map_physmap_small(void)
{
	for (uint32_t i = 0; i < PHYSMAP_TABLES; i++) {
		for (uint32_t j = 0; j < 1024; j++)
			physmap_tables[i][j] = (i * SUPERPAGE_SIZE + j * PAGE_SIZE)
					       | PTE_WRITE | PTE_PRESENT;
		kernel_page_directory[PDE_INDEX(PHYSMAP_BASE) + i] =
			virt_to_phys(physmap_tables[i]) | PTE_WRITE | PTE_PRESENT;
	}
}

void paging_init(void)
{
	int large = cpu_has(CPUID_PSE);

	if (large)
		map_physmap_large();
	else
		map_physmap_small();
	write_cr3(virt_to_phys(kernel_page_directory));
	printk("paging: physmap %u MB at %#x with %s pages\n", PHYSMAP_SIZE >> 20, PHYSMAP_BASE,
	       large ? "4 MB" : "4 KB");
}
