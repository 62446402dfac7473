/* bootinfo.h: what the boot loader told us, copied into kernel memory so the
 * loader's structures can be forgotten. Module contents stay where the loader
 * put them; the frame allocator keeps its hands off them. */
#pragma once

#include <l4/kip.h>
#include <stdbool.h>
#include <stdint.h>

#define BOOT_CMDLINE_MAX	L4_KIP_KERNEL_CMDLINE_MAX	/* the KIP has it whole */
#define BOOT_MODULES_MAX	L4_KIP_MODULES_MAX
#define BOOT_MODULE_CMDLINE_MAX	L4_KIP_CMDLINE_MAX
#define BOOT_REGIONS_MAX	32

#define MEMORY_AVAILABLE	1	/* multiboot memory-map type for RAM */

struct boot_module {
	uint32_t start, end;			/* physical, end exclusive */
	char cmdline[BOOT_MODULE_CMDLINE_MAX];	/* name and arguments */
};

struct memory_region {
	uint64_t base, length;
	uint32_t type;				/* MEMORY_AVAILABLE or reserved kinds */
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];		/* options (QEMU: file name first) */
	uint32_t mem_lower_kb, mem_upper_kb;	/* BIOS figures, 0 if absent */
	uint32_t module_count;
	struct boot_module modules[BOOT_MODULES_MAX];
	uint32_t region_count;
	struct memory_region regions[BOOT_REGIONS_MAX];
};

extern struct boot_info boot_info;

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

/* Copies the loader's information; reports (never silently drops) anything
 * that does not fit. */
void multiboot_parse(uint32_t info_phys, struct boot_info *out);

/* Kernel command line: "key=value" and bare "flag" words. */
bool cmdline_value(const char *key, char *buf, uint32_t size);
bool cmdline_flag(const char *key);
