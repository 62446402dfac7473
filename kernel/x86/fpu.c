/* The x87 registers switched lazily between threads (fpu.h). */
#include "x86/fpu.h"
#include "x86/io.h"
#include "counters.h"
#include "segments.h"
#include "printk.h"
#include "tcb.h"

struct tcb *fpu_owner;
static bool fpu_present;

static void write_cr0(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

/* An FPU answers fninit with a clear status word; without one the store
 * writes nothing and the marker stays. */
static bool fpu_probe(void)
{
	uint16_t status = 0x5a5a;

	write_cr0(read_cr0() & ~(CR0_EM | CR0_TS));
	__asm__ volatile("fninit; fnstsw %0" : "+m"(status));
	return status == 0;
}

void fpu_init(void)
{
	uint32_t cr0;

	fpu_present = fpu_probe();
	cr0 = read_cr0() | CR0_MP | CR0_NE | CR0_TS;
	if (!fpu_present)
		cr0 |= CR0_EM;	/* FPU instructions raise #NM, reflected to the thread */
	write_cr0(cr0);
	leftovers.fpu = false;
	printk("fpu: %s\n", fpu_present ? "x87, switched lazily (fnsave/frstor)"
					: "none: FPU instructions are exceptions");
}

void fpu_set_enabled(bool enabled)
{
	if (enabled)
		__asm__ volatile("clts" : : : "memory");
	else
		write_cr0(read_cr0() | CR0_TS);
	leftovers.fpu = enabled;
}

/* #NM from user mode: gives the current thread the registers. False when
 * there is no FPU; the exception then goes to the thread's handler. */
bool fpu_trap(void)
{
	struct tcb *previous = fpu_owner;

	if (!fpu_present)
		return false;
	fpu_set_enabled(true);
	if (previous == current)
		return true;
	if (previous)
		__asm__ volatile("fnsave %0" : "=m"(previous->fpu));
	if (current->fpu_used) {
		__asm__ volatile("frstor %0" : : "m"(current->fpu));
	} else {
		__asm__ volatile("fninit");
		current->fpu_used = true;
	}
	fpu_owner = current;
	if (previous)
		thread_update_plain(previous);
	thread_update_plain(current);	/* the owner is never plain */
	counters.fpu_loads++;
	return true;
}

/* t is deleted (never the current thread): its registers are nobody's. */
void fpu_thread_gone(struct tcb *t)
{
	if (fpu_owner == t)
		fpu_owner = NULL;
}
