/* tessera/rtc.h: the CMOS real-time clock, the device the L4 tests and
 * benchmarks drive from user level (ports 0x70-0x71 from sigma0, interrupt
 * line 8). The caller must hold the ports. */
#pragma once

#include <l4/types.h>
#include <stdbool.h>
#include <stdint.h>
#include <tessera/portio.h>

#define RTC_IRQ		8
#define RTC_PORTS	L4_IO_FPAGE(0x70, 1)	/* index 0x70, data 0x71 */
#define RTC_SECONDS	0x00
#define RTC_A		0x0a	/* rate in bits 3..0 */
#define RTC_B		0x0b	/* bit 6: periodic interrupt enable */
#define RTC_C		0x0c	/* reading acknowledges the interrupt */
#define RTC_PIE		0x40
#define RTC_RATE_1024HZ	6

static inline uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static inline void cmos_write(uint8_t reg, uint8_t value)
{
	outb(0x70, reg);
	outb(0x71, value);
}

/* Periodic interrupts at 1024 Hz on (anything pending acknowledged) or off. */
static inline void rtc_periodic(bool on)
{
	if (on) {
		cmos_write(RTC_A, (cmos_read(RTC_A) & 0xf0) | RTC_RATE_1024HZ);
		cmos_read(RTC_C);
		cmos_write(RTC_B, cmos_read(RTC_B) | RTC_PIE);
	} else {
		cmos_write(RTC_B, cmos_read(RTC_B) & ~RTC_PIE);
	}
}
