/* tessera/linux_call.h: Linux system calls for L4-aware programs, the
 * third way in (lib/LINUX.md): the request of tessera/linux_server.h made
 * directly with l4_ipc_call, without the emulation library. A Linux process
 * finds the server's thread id in its info page. Results are Linux's (a
 * negative errno on failure). set_thread_area's descriptor is not installed
 * here: call l4_segment_set with it. */
#pragma once

#include <l4/syscalls.h>
#include <tessera/linux_server.h>

static inline const struct linux_info *linux_info(void)
{
	return (const struct linux_info *)LINUX_INFO_PAGE;
}

static inline long linux_call6(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			       uint32_t a5, uint32_t a6)
{
	uint32_t block[5] = { a2, a3, a4, a5, a6 };
	struct l4_words w = { LINUX_REQ_SYSCALL | nr, a1, (uint32_t)block };
	l4_msgdope_t r;

	if (nr >= LINUX_REQ_ARG_MASK)	/* too large for the request: the server logs it */
		w = (struct l4_words){ LINUX_REQ_SYSCALL | LINUX_REQ_ARG_MASK, nr, (uint32_t)block };
	r = l4_ipc_call(linux_info()->server, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
			L4_TIMEOUT_NEVER);
	__asm__ volatile("" : : "m"(block));	/* the server read it */
	return l4_ipc_error(r) ? -4 /* EINTR */ : (long)w.w0;
}

#define linux_call(nr, ...) linux_call_pick_(nr, ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define linux_call_pick_(nr, a, b, c, d, e, f, ...) \
	linux_call6((nr), (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), (uint32_t)(d), (uint32_t)(e), \
		    (uint32_t)(f))
