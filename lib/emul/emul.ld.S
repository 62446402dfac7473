/* Link map of the emulation library: one read-only image at
 * LINUX_EMUL_BASE, the assembly entries first (their offsets are fixed),
 * then the C code and its constants. Nothing writable: every process maps
 * the same pages. */
#include <tessera/linux_server.h>

OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)

/* No entry: the server starts processes at LINUX_EMUL_START. */

SECTIONS
{
	. = LINUX_EMUL_BASE;
	.text : {
		KEEP(*(.text.entry))
		*(.text .text.*)
		*(.rodata .rodata.*)
	}
	.writable : { *(.data .data.* .bss .bss.* COMMON) }
	ASSERT(SIZEOF(.writable) == 0, "the emulation library must not have writable data")
	ASSERT(SIZEOF(.text) <= LINUX_EMUL_CODE_MAX, "the emulation library is too large")
	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
