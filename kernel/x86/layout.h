/* layout.h: the virtual and physical memory map, shared by C, nasm (through
 * the generated build/gen/layout.inc) and the linker script (through cpp).
 * Only plain #define lines belong here.
 *
 *   0x00000000 .. 0xBFFFFFFF   user large space (3 GB), private per task
 *   0xC0000000 .. 0xDFFFFFFF   small-space region (512 MB), shared windows
 *   0xE0000000 .. 0xE7FFFFFF   TCB array (virtual; a TCB frame appears on use)
 *   0xE8000000 .. 0xEFFFFFFF   further kernel virtual memory
 *   0xF0000000 .. 0xFFFFFFFF   physmap: physical 0..256 MB, kernel image inside
 *
 * Every page-directory entry at or above KERNEL_AREA_BASE is the same in all
 * address spaces and is set up once at boot. */

#define KERNEL_PHYS_LOAD	0x00100000	/* boot loader puts the image here */
#define USER_SPACE_END		0xC0000000	/* first address above a large space */
#define SMALL_SPACE_BASE	0xC0000000
#define SMALL_SPACE_SIZE	0x20000000
#define KERNEL_AREA_BASE	0xE0000000
#define TCB_AREA_BASE		0xE0000000
#define TCB_AREA_SIZE		0x08000000
#define PHYSMAP_BASE		0xF0000000
#define PHYSMAP_SIZE		0x10000000	/* most physical memory the kernel reaches */
#define BOOT_MAP_SIZE		0x01000000	/* mapped by boot/multiboot.asm before C runs */
#define BOOT_STACK_SIZE		0x4000
#define PAGE_SIZE		0x1000
#define SUPERPAGE_SIZE		0x400000
