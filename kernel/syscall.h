/* syscall.h: system-call entry. Handlers take the caller's trap frame and
 * write their results into it. */
#pragma once

#include <l4/syscalls.h>
#include "x86/frame.h"

#define L4_DECLARE_HANDLER(NAME, vector, name) void sys_##name(struct trap_frame *f);
L4_SYSCALLS(L4_DECLARE_HANDLER)
#undef L4_DECLARE_HANDLER

void syscall_init(void);
/* True if `vector` is a system call (and it was handled). */
bool syscall_dispatch(struct trap_frame *f);
