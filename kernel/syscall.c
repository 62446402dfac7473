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

/* IPC enters through its fast path, which falls back to this table. */
void syscall_init(void)
{
	for (int v = 0; v < 256; v++)
		if (handlers[v])
			idt_allow_user(v);
	idt_set_entry(L4_VECTOR_IPC, ipc_fast_entry);
}

bool syscall_dispatch(struct trap_frame *f)
{
	if (f->vector >= 256 || !handlers[f->vector])
		return false;
	handlers[f->vector](f);
	return true;
}
