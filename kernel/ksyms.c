/* Symbol lookup and backtraces. The kernel is built with frame pointers, so
 * each frame starts with (saved ebp, return address). */
#include "ksyms.h"
#include "printk.h"
#include "x86/layout.h"
#include <stddef.h>

#define BACKTRACE_DEPTH 24

extern const char _text_start[], _text_end[], _kernel_end[];

const struct ksym *ksym_lookup(uint32_t address, uint32_t *offset)
{
	uint32_t low = 0, high = ksym_count;

	if (address < (uint32_t)_text_start || address >= (uint32_t)_text_end || !ksym_count)
		return NULL;
	while (high - low > 1) {		/* last symbol at or below address */
		uint32_t mid = (low + high) / 2;

		if (ksym_table[mid].address <= address)
			low = mid;
		else
			high = mid;
	}
	if (ksym_table[low].address > address)
		return NULL;
	*offset = address - ksym_table[low].address;
	return &ksym_table[low];
}

void ksym_print(uint32_t address)
{
	uint32_t offset;
	const struct ksym *s = ksym_lookup(address, &offset);

	if (s)
		printk("<%s+%#x>", s->name, offset);
	else
		printk("<?>");
}

/* Frames live in kernel memory that is always mapped: the image (boot and
 * double-fault stacks) and the physmap. */
static int frame_readable(uint32_t ebp)
{
	return ebp >= PHYSMAP_BASE && ebp <= (uint32_t)_kernel_end - 8 && !(ebp & 3);
}

void backtrace_print(uint32_t eip, uint32_t ebp)
{
	printk("backtrace:\n  #0  %08x ", eip);
	ksym_print(eip);
	printk("\n");
	for (int depth = 1; depth < BACKTRACE_DEPTH && frame_readable(ebp); depth++) {
		const uint32_t *frame = (const uint32_t *)ebp;
		uint32_t next = frame[0], ret = frame[1];

		if (!ret)
			break;
		printk("  #%-2d %08x ", depth, ret);
		ksym_print(ret);
		printk("\n");
		if (next <= ebp)		/* stacks grow down: frames go up */
			break;
		ebp = next;
	}
}
