/* The kernel debugger: dumps, and a small command loop on COM1. */
#include "kdb.h"
#include "bootinfo.h"
#include "ksyms.h"
#include "printk.h"
#include "space.h"
#include "task.h"
#include "tcb.h"
#include "x86/io.h"
#include "x86/serial.h"
#include "x86/trap.h"

static const char *const state_names[] = {
	[THREAD_FREE] = "free",		  [THREAD_READY] = "ready",
	[THREAD_SEND_WAIT] = "sending",	  [THREAD_RECV_WAIT] = "receiving",
	[THREAD_RECV_LOCKED] = "locked-recv", [THREAD_SEND_LOCKED] = "locked-send",
	[THREAD_HALTED] = "stopped",
};

static void thread_list(void)
{
	printk("kdb: threads (id, task, state, priority, partner, user eip)\n");
	for (uint32_t n = 0; n < L4_TASKS; n++) {
		struct task *task = &tasks[n];

		if (!task->active)
			continue;
		for (uint32_t l = 0; l < L4_LTHREADS; l++) {
			struct tcb *t;

			if (!(task->lthread_mask & (1u << l)))
				continue;
			t = tcb_of(task_thread_id(task, l));
			printk("kdb:   %#08x task %u %-11s prio %3u partner %#08x eip %#08x%s%s\n",
			       t->id, n, state_names[t->state], t->priority, t->ipc.partner,
			       tcb_user_frame(t)->eip, t == fpu_owner ? "  fpu" : "",
			       t == current ? "  <- current" : "");
		}
	}
}

static void print_run(uint32_t va, uint32_t pa, uint32_t len, uint32_t flags)
{
	if (len && flags)
		printk("kdb:   %#010x -> %#010x %6u KB %s%s\n", va, pa, len / 1024,
		       flags & PTE_WRITE ? "rw" : "r-", flags & PTE_LARGE ? " 4M" : "");
}

/* Runs of consecutive pages with the same rights, one line each. */
static void mappings(uint32_t n)
{
	struct task *task = n < L4_TASKS ? &tasks[n] : NULL;
	uint32_t run_va = 0, run_pa = 0, run_len = 0, run_flags = 0;

	if (!task || !task->active) {
		printk("kdb: no task %u\n", n);
		return;
	}
	printk("kdb: mappings of task %u (virtual, physical, size, rights)\n", n);
	for (uint32_t va = 0; va < USER_SPACE_END; va += PAGE_SIZE) {
		struct mapping m;
		uint32_t pa = 0, flags = 0;

		if (!(task->space.directory[PDE_INDEX(va)] & PTE_PRESENT)) {
			va = (va | (SUPERPAGE_SIZE - 1)) + 1 - PAGE_SIZE;	/* skip 4 MB */
		} else if (space_find(&task->space, va, &m)) {
			pa = m.size_log2 == SIZE_4M ? (*m.entry & 0xffc00000) | (va & 0x3ff000)
						    : *m.entry & PTE_FRAME_MASK;
			flags = (*m.entry & PTE_WRITE) | (m.size_log2 == SIZE_4M ? PTE_LARGE : 0) |
				PTE_PRESENT;
		}
		if (run_len && flags == run_flags && va == run_va + run_len &&
		    pa == run_pa + run_len) {
			run_len += PAGE_SIZE;
			continue;
		}
		print_run(run_va, run_pa, run_len, run_flags);
		run_va = va;
		run_pa = pa;
		run_len = PAGE_SIZE;
		run_flags = flags;
	}
	print_run(run_va, run_pa, run_len, run_flags);
}

/* One line typed on COM1, echoed; longer lines are cut at the buffer. */
static void read_line(char *buf, uint32_t size)
{
	uint32_t n = 0;

	for (;;) {
		int c = serial_getc();

		if (c == '\r' || c == '\n')
			break;
		if (n + 1 < size) {
			buf[n++] = (char)c;
			printk("%c", c);
		}
	}
	buf[n] = '\0';
	printk("\n");
}

static uint32_t parse_number(const char *s)
{
	uint32_t v = 0;

	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint32_t)(*s - '0');
	return v;
}

static void command_loop(const struct trap_frame *f)
{
	for (;;) {
		char line[32];

		printk("kdb> ");
		read_line(line, sizeof(line));
		switch (line[0]) {
		case 't':
			thread_list();
			break;
		case 'm':
			mappings(parse_number(line + 1));
			break;
		case 'r':
			if (f)
				trap_report(f, "kdb");
			break;
		case 'c':
			return;
		case '\0':
			break;
		default:
			printk("kdb: commands: t threads, m N mappings of task N, r registers, "
			       "c continue\n");
		}
	}
}

void kdb_enter(const char *reason, const struct trap_frame *f)
{
	printk("kdb: entered: %s\n", reason);
	if (f)
		trap_report(f, "kdb");
	thread_list();
	if (current && current->task && current->task->active)
		mappings(task_number(current->task));
	if (cmdline_flag("kdb=serial"))
		command_loop(f);
}
