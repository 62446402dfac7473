/* User segments: the small-space window, TLS descriptors, promotion. See
 * segments.h for the invariants. */
#include "segments.h"
#include "counters.h"
#include "ioport.h"
#include "panic.h"
#include "sched.h"
#include "space.h"
#include "syscall.h"
#include "task.h"
#include "x86/gdt.h"
#include "x86/io.h"
#include "x86/trap.h"
#include "bootinfo.h"
#include <stddef.h>

#define SMALL_SPACE_END (SMALL_SPACE_BASE + SMALL_SPACE_SIZE)

struct space *installed_small;		/* whose SMALL descriptors are present */
struct space *window_owner;		/* whose window entries are copied ... */
static pte_t *window_pd;		/* ... into this directory */
struct switch_leftovers leftovers;
_Static_assert(offsetof(struct switch_leftovers, small) == LEFTOVERS_SMALL, "leftovers.h");
_Static_assert(offsetof(struct switch_leftovers, fpu) == LEFTOVERS_FPU, "leftovers.h");
struct tcb *tls_owner;			/* whose TLS descriptors are installed */
static bool borrow_directory;		/* small spaces run on the loaded directory */
static uint64_t large_code, large_data;	/* the large spaces' 3 GB segments */

/* Loads a byte-sized data segment and reads beyond it: a CPU that checks
 * limits raises #GP. */
static bool cpu_checks_segment_limits(void)
{
	struct trap_catch c;
	volatile bool checked = false;	/* survives the jump back */

	gdt_set(GDT_SMALL_DATA, gdt_user_descriptor(PHYSMAP_BASE, 0, false));
	if (trap_try(&c)) {
		__asm__ volatile("mov %0, %%fs\n\t"
				 "movl %%fs:0x100, %%eax"
				 : : "r"(SMALL_DS) : "eax", "memory");
		trap_end(&c);
	} else {
		checked = c.vector == 13;
	}
	__asm__ volatile("mov %0, %%fs" : : "r"(0));
	gdt_set(GDT_SMALL_DATA, 0);
	return checked;
}

void segments_thread_gone(const struct tcb *t)
{
	if (tls_owner != t)
		return;
	for (int i = 0; i < GDT_TLS_COUNT; i++)
		gdt_set(GDT_TLS_FIRST + i, 0);
	tls_owner = NULL;
}

bool segments_small_borrow_directory(void)
{
	return borrow_directory;
}

void segments_init(void)
{
	bool checked = cpu_checks_segment_limits();

	large_code = gdt_user_descriptor(0, USER_SPACE_END - 1, true);
	large_data = gdt_user_descriptor(0, USER_SPACE_END - 1, false);
	borrow_directory = checked || cmdline_flag("smallspace=limits");
	printk("segments: the CPU %s segment limits; small spaces %s\n",
	       checked ? "checks" : "does not check",
	       borrow_directory ? "borrow the loaded page directory (no CR3 load)"
				: "run on the kernel's directory (a CR3 load per switch)");
	if (borrow_directory && !checked)
		printk("segments: smallspace=limits: small spaces are NOT isolated on this CPU\n");
}

uint32_t user_code_selector(const struct space *s)
{
	return s->window_size ? SMALL_CS : USER_CS;
}

uint32_t user_data_selector(const struct space *s)
{
	return s->window_size ? SMALL_DS : USER_DS;
}

static pte_t *loaded_directory(void)
{
	return phys_to_virt(space_loaded_directory);
}

/* The directory entries of a small space that may be present: its window
 * is copied and cleared only that far. */
static uint32_t window_pdes(const struct space *s)
{
	uint32_t all = s->window_size >> 22;

	return s->pde_top < all ? s->pde_top : all;
}

/* Takes the window's entries out of window_pd; if that is the loaded
 * directory, their translations go too (4 MB pages one invlpg each, page
 * tables a full flush). */
static void window_remove(void)
{
	uint32_t first;
	bool loaded, full_flush = false;

	if (!window_owner)	/* every switch to a large space asks */
		return;
	first = PDE_INDEX(window_owner->window);
	loaded = window_pd == loaded_directory();
	for (uint32_t i = 0; i < window_pdes(window_owner); i++) {
		pte_t pde = window_pd[first + i];

		window_pd[first + i] = 0;
		if (!loaded || !(pde & PTE_PRESENT))
			continue;
		if (pde & PTE_LARGE) {
			counters.invlpgs++;
			invlpg(window_owner->window + (i << 22));
		} else {
			full_flush = true;
		}
	}
	if (full_flush) {
		counters.tlb_flushes++;
		write_cr3(space_loaded_directory);
	}
	window_owner = NULL;
	window_pd = NULL;
	leftovers.small = installed_small != NULL;
}

static void window_insert(struct space *s)
{
	uint32_t first = PDE_INDEX(s->window);

	window_pd = loaded_directory();
	for (uint32_t i = 0; i < window_pdes(s); i++)
		window_pd[first + i] = s->directory[i];
	window_owner = s;
	leftovers.small = true;
}

/* While a small space runs, every user selector it could load (SMALL_*
 * and USER_*) describes its window, so none reaches the directory it
 * borrows; otherwise USER_* are the large spaces' 3 GB segments and SMALL_*
 * are not present. */
static void set_small_descriptors(struct space *s)
{
	if (installed_small == s)	/* the common case: every switch passes here */
		return;
	gdt_set(GDT_SMALL_CODE, s ? s->window_code : 0);
	gdt_set(GDT_SMALL_DATA, s ? s->window_data : 0);
	gdt_set(GDT_USER_CODE, s ? s->window_code : large_code);
	gdt_set(GDT_USER_DATA, s ? s->window_data : large_data);
	installed_small = s;
	leftovers.small = s || window_owner;
}

/* A thread's own TLS descriptors are installed while it runs. A thread of
 * a large space without any keeps those of the last TLS thread: with its
 * own directory loaded they reach only its own user pages (above 3 GB
 * nothing is user-accessible while a large space runs), so they grant
 * nothing, and a Linux process calling its server costs no descriptor
 * writes. A small space may borrow the loaded directory: for it they go. */
static void set_tls(struct tcb *t, bool small)
{
	if (tls_owner == t || (!t->has_tls && (!tls_owner || !small)))
		return;
	for (int i = 0; i < GDT_TLS_COUNT; i++)
		gdt_set(GDT_TLS_FIRST + i, t->has_tls ? t->tls[i] : 0);
	tls_owner = t->has_tls ? t : NULL;
}

void thread_update_plain(struct tcb *t)
{
	t->plain = !t->space->window_size && !t->has_tls && !t->task->io && t != fpu_owner;
	t->large = !t->space->window_size;
	t->io = t->task->io;
}

void segments_switch(struct tcb *next)
{
	struct space *s = next->space;

	fpu_switch(next);
	set_tls(next, s->window_size);
	io_switch(next->task->io);
	if (s->window_size) {
		if (!borrow_directory) {
			if (window_owner != s)
				window_remove();
			space_activate(NULL);	/* the kernel's: nothing below 3 GB */
		}
		set_small_descriptors(s);
		if (window_owner != s || window_pd != loaded_directory()) {
			window_remove();
			window_insert(s);
		}
		return;
	}
	set_small_descriptors(NULL);
	/* A borrowed directory loses the window. The kernel's keeps it: no
	 * large space sees that directory, and the small space finds its
	 * window in place when it runs again (a change to the space removes
	 * it: small_space_changed). */
	if (window_pd != kernel_page_directory)
		window_remove();
	space_activate(s);
}

void segments_return_small(struct tcb *t)
{
	if (window_owner != t->space || window_pd != loaded_directory())
		segments_switch(t);
}

void small_space_changed(struct space *s)
{
	if (window_owner == s)
		window_remove();
}

void small_space_directory_gone(const struct space *s)
{
	if (window_pd == s->directory)
		window_remove();
}

void small_space_forget(struct space *s)
{
	small_space_changed(s);
	if (installed_small == s)
		set_small_descriptors(NULL);
}

uint32_t user_fault_address(const struct tcb *t, uint32_t linear)
{
	return t->space->window_size ? linear - t->space->window : linear;
}

/* Every thread of the task gets the selectors of its space's kind. */
static void retarget_threads(struct task *task)
{
	struct space *s = &task->space;

	for (uint32_t l = 0; l < L4_LTHREADS; l++) {
		struct tcb *t;
		struct trap_frame *f;

		if (!(task->lthread_mask & (1u << l)))
			continue;
		t = tcb_of(task_thread_id(task, l));
		f = tcb_user_frame(t);
		f->cs = user_code_selector(s);
		f->user_ss = f->ds = f->es = user_data_selector(s);
		if (f->fs == USER_DS || f->fs == SMALL_DS)
			f->fs = user_data_selector(s);
		if (f->gs == USER_DS || f->gs == SMALL_DS)
			f->gs = user_data_selector(s);
		thread_update_plain(t);
	}
	if (current->task == task)
		segments_switch(current);
}

static void make_large(struct task *task)
{
	small_space_forget(&task->space);
	task->space.window = task->space.window_size = 0;
	retarget_threads(task);
}

static bool window_free(const struct task *task, uint32_t window, uint32_t size)
{
	for (uint32_t n = 0; n < L4_TASKS; n++) {
		const struct space *o = &tasks[n].space;

		if (&tasks[n] != task && tasks[n].active && o->window_size &&
		    o->window < window + size && window < o->window + o->window_size)
			return false;
	}
	return true;
}

/* Whether any thread of the task has TLS descriptors: a small space has
 * none (they would reach outside its window). */
static bool task_has_tls(const struct task *task)
{
	for (uint32_t l = 0; l < L4_LTHREADS; l++)
		if ((task->lthread_mask & (1u << l)) &&
		    tcb_of(task_thread_id(task, l))->has_tls)
			return true;
	return false;
}

bool small_space_set(struct task *task, uint32_t value)
{
	uint32_t size_class = value >> 5, slot = value & 0x1f, size, window;

	if (value == 0)
		return true;
	if (value == SMALL_MAKE_LARGE) {
		make_large(task);
		return true;
	}
	if (size_class >= SMALL_SIZE_CLASSES)
		return false;
	size = SMALL_SPACE_MIN << size_class;
	if (slot >= SMALL_SPACE_SIZE / size)	/* the window must lie in the region */
		return false;
	window = SMALL_SPACE_BASE + slot * size;
	if (!window_free(task, window, size) || task_has_tls(task))
		return false;
	small_space_forget(&task->space);
	task->space.window = window;
	task->space.window_size = size;
	task->space.window_code = gdt_user_descriptor(window, size - 1, true);
	task->space.window_data = gdt_user_descriptor(window, size - 1, false);
	retarget_threads(task);
	return true;
}

uint32_t small_space_get(const struct task *task)
{
	const struct space *s = &task->space;
	uint32_t size_class = 0;

	if (!s->window_size)
		return 0;
	while (((uint32_t)SMALL_SPACE_MIN << size_class) < s->window_size)
		size_class++;
	return size_class << 5 | (s->window - SMALL_SPACE_BASE) / s->window_size;
}

bool small_space_fault(uint32_t linear, bool page_fault)
{
	struct space *s = current->space;

	if (!s->window_size)
		return false;
	if (page_fault && linear - s->window < s->window_size)
		return false;		/* inside the window: its pager's business */
	make_large(current->task);
	return true;
}

/* int 0x37 (Tessera's addition to L4): sets TLS descriptor eax (0..2) of
 * the calling thread to [ebx, ebx + ecx], or clears it if edx bit 0 is 0.
 * A small space becomes large first. eax returns the selector or ~0. */
void sys_segment_set(struct trap_frame *f)
{
	struct tcb *t = current;
	uint32_t slot = f->eax, base = f->ebx, limit = f->ecx;
	bool present = f->edx & 1;

	if (slot >= GDT_TLS_COUNT || (f->edx & ~1u)) {
		f->eax = 0xffffffff;
		return;
	}
	if (t->space->window_size)
		make_large(t->task);
	t->tls[slot] = present ? gdt_user_descriptor(base, limit, false) : 0;
	t->has_tls = t->tls[0] || t->tls[1] || t->tls[2];
	thread_update_plain(t);
	tls_owner = NULL;
	for (int i = 0; i < GDT_TLS_COUNT; i++)
		gdt_set(GDT_TLS_FIRST + i, 0);
	segments_switch(t);
	f->eax = SELECTOR(GDT_TLS_FIRST + slot, 3);
}
