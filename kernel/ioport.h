/* ioport.h: I/O ports as flexpages.
 *
 * A task's ports are an I/O permission bitmap (one bit per port, 1 = no
 * access) copied into the TSS at its first port access and in force while
 * its threads run; a task without any
 * port has no bitmap and the TSS allows nothing. sigma0 starts with every
 * port the kernel does not drive; ports travel in map items (grant moves
 * them), and fpage_unmap of an I/O fpage takes them back from every task
 * that got them from the caller, directly or indirectly: each task records
 * from whom it got which range (at most IO_GRANTS_MAX records), and the
 * revocation follows those records. An access without the port is a #GP,
 * reflected to the thread's handler like any exception. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <l4/types.h>

#define IO_GRANTS_MAX 16

struct task;

struct io_grant {
	uint16_t from;		/* task number the ports came from */
	uint32_t first, end;	/* port range, end exclusive */
};

struct io_rights {
	uint8_t *pages[2];	/* the bitmap, two frames through the physmap */
	struct io_grant grants[IO_GRANTS_MAX];
	uint32_t grant_count;
};

/* sigma0's ports: all but the kernel's (PIC, PIT, 0x80, the exit port). */
bool io_give_all(struct task *t);
/* A map item with an I/O fpage from `from` to `to`. 0 or REMAPFAILED. */
uint32_t io_map(struct task *from, l4_fpage_t fpage, struct task *to, l4_fpage_t window,
		bool grant);
/* fpage_unmap of ports [first, end) by t. */
void io_unmap(struct task *t, uint32_t first, uint32_t end, bool include_self);
/* t goes away: what others got from it is revoked, its bitmap freed. */
void io_task_gone(struct task *t);
extern const struct io_rights *io_loaded;
extern bool io_enabled;
void io_set_enabled(bool enable);

/* Before a thread with these rights runs (NULL: no ports): the bitmap in
 * the TSS enabled if it is theirs. Inline: every switch that is not
 * between two plain threads pays it. */
static inline void io_switch(const struct io_rights *io)
{
	bool want = io && io == io_loaded;

	if (want != io_enabled)
		io_set_enabled(want);
}
/* A #GP in user mode: true if t has ports but the TSS held another task's
 * bitmap, which is now replaced by t's (the instruction is retried). */
bool io_fault_reload(struct task *t);
/* The range of an I/O fpage; false if malformed. */
bool io_fpage_range(l4_fpage_t f, uint32_t *first, uint32_t *end);
