/* ksyms.h: kernel text symbols, embedded in the image at link time
 * (tools/mksyms.sh, second link pass), for backtraces and the debugger. */
#pragma once

#include <stdint.h>

struct ksym {
	uint32_t address;
	const char *name;
};

extern const struct ksym ksym_table[];	/* sorted by address */
extern const uint32_t ksym_count;

/* The symbol containing `address`, or NULL; *offset gets the distance. */
const struct ksym *ksym_lookup(uint32_t address, uint32_t *offset);
/* Prints "<name+0xoff>" or "<?>" for `address`. */
void ksym_print(uint32_t address);
/* Walks the frame-pointer chain from (eip, ebp) and prints each return address. */
void backtrace_print(uint32_t eip, uint32_t ebp);
