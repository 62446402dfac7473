/* The kernel clock: PIT channel 0 as a rate generator at CLOCK_HZ. Later
 * the tick also drives time slices and IPC timeouts. */
#include "clock.h"
#include "kip.h"
#include "x86/io.h"
#include "x86/pic.h"
#include "printk.h"
#include "sched.h"
#include "timeout.h"

#define PIT_CHANNEL0	0x40
#define PIT_COMMAND	0x43
#define PIT_CH0_RATE_LOHI 0x34	/* channel 0, lobyte/hibyte, mode 2 */
#define PIT_INPUT_HZ	1193182

static volatile uint64_t ticks;

void clock_init(void)
{
	uint32_t divisor = (PIT_INPUT_HZ + CLOCK_HZ / 2) / CLOCK_HZ;

	outb(PIT_COMMAND, PIT_CH0_RATE_LOHI);
	outb(PIT_CHANNEL0, divisor & 0xff);
	outb(PIT_CHANNEL0, divisor >> 8);
	pic_unmask(IRQ_TIMER);
	printk("clock: PIT at %u Hz (divisor %u)\n", CLOCK_HZ, divisor);
}

void clock_interrupt(void)
{
	ticks++;
	kip_clock(ticks);
	timeout_expire(ticks);
	sched_tick();
}

/* Read with interrupts off: a 64-bit load is two instructions. */
uint64_t clock_ticks(void)
{
	uint64_t now;
	uint32_t flags;

	__asm__ volatile("pushfl; pop %0; cli" : "=r"(flags) : : "memory");
	now = ticks;
	__asm__ volatile("push %0; popfl" : : "r"(flags) : "memory", "cc");
	return now;
}
