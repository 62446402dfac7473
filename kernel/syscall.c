/* The system-call table, built from L4_SYSCALLS so it cannot drift from
 * the ABI header, and the gates opened for user mode. */
#include <stdbool.h>
#include "syscall.h"
#include "x86/idt.h"

typedef void (*syscall_handler)(struct trap_frame *f);

#define L4_TABLE_ENTRY(NAME, vector, name) [vector] = sys_##name,
static const syscall_handler handlers[256] = { L4_SYSCALLS(L4_TABLE_ENTRY) };
#undef L4_TABLE_ENTRY

extern void ipc_fast_entry(void);
extern void reflect_int80_entry(void);

#define VECTOR_LINUX_INT80 0x80

/* IPC enters through its fast path, which falls back to this table.
 * `int $0x80` is not a system call: it is reflected as #GP like any other
 * `int N`, but through its own entry (x86/reflect_fast.asm), because every
 * Linux system call of a static program arrives that way. */
void syscall_init(void)
{
	for (int v = 0; v < 256; v++)
		if (handlers[v])
			idt_allow_user(v);
	idt_set_entry(L4_VECTOR_IPC, ipc_fast_entry);
	idt_set_entry(VECTOR_LINUX_INT80, reflect_int80_entry);
	idt_allow_user(VECTOR_LINUX_INT80);
}

bool syscall_dispatch(struct trap_frame *f)
{
	if (f->vector >= 256 || !handlers[f->vector])
		return false;
	handlers[f->vector](f);
	return true;
}
