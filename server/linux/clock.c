/* Time and randomness. Monotonic time is the kernel's millisecond clock in
 * the KIP; the wall clock is the CMOS real-time clock read once at start
 * plus that. Random bytes come from a xorshift generator seeded from the
 * wall clock and the time-stamp counter (if the CPU has one): good enough
 * for AT_RANDOM and getrandom in a test system, not for cryptography. */
#include "server.h"
#include <l4/kip.h>
#include <l4/sigma0.h>
#include <tessera/rtc.h>

#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_UPDATING	0x80	/* register A: an update is in progress */
#define RTC_BINARY	0x04	/* register B: values are binary, not BCD */
#define RTC_24HOUR	0x02

static uint64_t boot_realtime_ns;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

uint64_t clock_ms(void)
{
	return l4_kip_clock(kip);
}

uint64_t clock_ns(void)
{
	return clock_ms() * 1000000ull;
}

uint64_t clock_realtime_ns(void)
{
	return boot_realtime_ns + clock_ns();
}

static uint32_t bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian). */
static uint32_t days_since_epoch(uint32_t year, uint32_t month, uint32_t day)
{
	static const uint16_t before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273,
						 304, 334 };
	uint32_t days = (year - 1970) * 365 + before_month[(month - 1) % 12] + day - 1;

	for (uint32_t y = 1970; y < year; y++)
		days += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (month > 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		days++;
	return days;
}

static uint64_t read_rtc(void)
{
	uint8_t b, s, m, h, d, mo, y;
	bool binary;
	uint32_t hours;

	for (uint32_t tries = 0; tries < 100000 && (cmos_read(RTC_A) & RTC_UPDATING); tries++)
		;
	s = cmos_read(RTC_SECONDS);
	m = cmos_read(RTC_MINUTES);
	h = cmos_read(RTC_HOURS);
	d = cmos_read(RTC_DAY);
	mo = cmos_read(RTC_MONTH);
	y = cmos_read(RTC_YEAR);
	b = cmos_read(RTC_B);
	binary = b & RTC_BINARY;
	hours = bcd(h & 0x7f, binary);
	if (!(b & RTC_24HOUR))
		hours = hours % 12 + (h & 0x80 ? 12 : 0);
	return ((uint64_t)days_since_epoch(2000 + bcd(y, binary), bcd(mo, binary),
					  bcd(d, binary)) * 86400 + hours * 3600 +
		bcd(m, binary) * 60 + bcd(s, binary)) * 1000000000ull;
}

static bool has_tsc(void)
{
	uint32_t r[4];

	cpuid(1, r);
	return r[3] & (1u << 4);
}

void clock_init(void)
{
	uint64_t tsc = 0;

	if (l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL) == L4_SIGMA0_OK)
		boot_realtime_ns = read_rtc() - clock_ns();
	else
		log("no CMOS clock ports; the wall clock starts at 1970\n");
	if (has_tsc())
		__asm__ volatile("rdtsc" : "=A"(tsc));
	rng_state ^= boot_realtime_ns ^ (tsc << 17) ^ tsc;
}

static uint64_t rng_next(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

void random_bytes(void *buf, size_t n)
{
	uint8_t *b = buf;

	rng_state ^= clock_ms();
	while (n) {
		uint64_t r = rng_next();
		size_t k = n < 8 ? n : 8;

		memcpy(b, &r, k);
		b += k;
		n -= k;
	}
}
