/* Boot information: the memory map, the command line and the modules the
 * harness loads (tests/data/alpha.txt and `seq 1 3000`, see the Makefile). */
#include <tessera/ktap.h>
#include <libc/string.h>
#include "bootinfo.h"
#include "x86/paging.h"

#define ALPHA_TEXT "alpha: Tessera boot module test data\n"

/* The region at 1 MB is what the BIOS also reports as upper memory. */
KTAP_CASE(boot, memory_map_matches_bios)
{
	const struct memory_region *upper = NULL;

	EXPECT(boot_info.region_count >= 2);
	for (uint32_t i = 0; i < boot_info.region_count; i++)
		if (boot_info.regions[i].base == 0x100000 &&
		    boot_info.regions[i].type == MEMORY_AVAILABLE)
			upper = &boot_info.regions[i];
	if (EXPECT(upper != NULL))
		EXPECT_EQ(upper->length, (uint64_t)boot_info.mem_upper_kb * 1024);
	EXPECT(boot_info.mem_lower_kb >= 512 && boot_info.mem_lower_kb <= 640);
}

/* ram_mb=N on the command line: the harness's -m; usable RAM must end in
 * the last megabyte below it (the BIOS keeps a little at the top). */
KTAP_CASE(boot, memory_size_from_harness)
{
	char value[16];
	uint64_t top = 0, ram;

	if (!cmdline_value("ram_mb", value, sizeof(value))) {
		ktap_skip(t, "no ram_mb= on the command line");
		return;
	}
	ram = 0;
	for (const char *p = value; *p >= '0' && *p <= '9'; p++)
		ram = ram * 10 + (uint64_t)(*p - '0');
	ram <<= 20;
	for (uint32_t i = 0; i < boot_info.region_count; i++) {
		const struct memory_region *r = &boot_info.regions[i];

		if (r->type == MEMORY_AVAILABLE && r->base + r->length > top)
			top = r->base + r->length;
	}
	EXPECT(top <= ram);
	EXPECT(top > ram - 0x100000);
}

static const struct boot_module *module_named(const char *word)
{
	for (uint32_t i = 0; i < boot_info.module_count; i++)
		if (strstr(boot_info.modules[i].cmdline, word))
			return &boot_info.modules[i];
	return NULL;
}

KTAP_CASE(boot, modules_passed_through)
{
	const struct boot_module *alpha = module_named("alpha.txt");
	const struct boot_module *numbers = module_named("numbers.txt");
	const char *text;
	uint32_t size;

	EXPECT_EQ(boot_info.module_count, 2);
	if (!EXPECT(alpha && numbers))
		return;
	EXPECT(strstr(alpha->cmdline, "arg=alpha"));
	EXPECT_EQ(alpha->start % PAGE_SIZE, 0);
	EXPECT_EQ(numbers->start % PAGE_SIZE, 0);
	EXPECT_EQ(alpha->end - alpha->start, sizeof(ALPHA_TEXT) - 1);
	EXPECT(!memcmp(phys_to_virt(alpha->start), ALPHA_TEXT, sizeof(ALPHA_TEXT) - 1));

	/* "1\n".."3000\n": 9 one-digit, 90 two-digit, 900 three-digit, 2001 four-digit. */
	size = numbers->end - numbers->start;
	text = phys_to_virt(numbers->start);
	EXPECT_EQ(size, 9 * 2 + 90 * 3 + 900 * 4 + 2001 * 5);
	EXPECT(!memcmp(text, "1\n2\n3\n", 6));
	EXPECT(size > 6 && !memcmp(text + size - 6, "\n3000\n", 6));
	EXPECT(numbers->end <= alpha->start || alpha->end <= numbers->start);
}
