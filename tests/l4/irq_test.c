/* Interrupts as IPC: the RTC's periodic interrupt (line 8, ports 0x70-0x71
 * from sigma0) reaches an attached thread as messages from L4_IRQ_ID(8);
 * attaching needs the right, which the root task holds and can give away. */
#include "support.h"
#include <l4/sigma0.h>
#include <tessera/rtc.h>

#define IPC_NOT_DONE_IRQ 0xdeadbeef

static volatile uint32_t irqs, irq_bad, irq_end;

/* Takes `count` interrupts from line 8, acknowledging each at the RTC. */
static void rtc_handler(uint32_t count)
{
	irqs = irq_bad = 0;
	while (irqs < count) {
		struct l4_words w = words(0, 0, 0);
		l4_threadid_t from = L4_NIL_ID;
		uint32_t r = l4_ipc(L4_IRQ_ID(RTC_IRQ), L4_IPC_NIL_DESCRIPTOR, L4_IPC_SHORT_MSG,
				    l4_timeouts(0, MS(500)), &w, &from);

		if (l4_ipc_error(r)) {
			irq_end = r;
			return;
		}
		if (w.w0 != RTC_IRQ || from != L4_IRQ_ID(RTC_IRQ))
			irq_bad++;
		cmos_read(RTC_C);
		irqs++;
	}
	irq_end = 0;
}

KTAP_CASE(irq, rtc_interrupts_arrive_as_ipc)
{
	l4_threadid_t handler;

	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL),
		       L4_SIGMA0_OK))
		return;
	irq_end = IPC_NOT_DONE_IRQ;
	handler = spawn_thread(rtc_handler, 10);
	l4_sleep(MS(10));
	rtc_periodic(true);
	for (int i = 0; i < 100 && irq_end == IPC_NOT_DONE_IRQ; i++)
		l4_sleep(MS(10));
	rtc_periodic(false);
	EXPECT_EQ(irq_end, 0);
	EXPECT_EQ(irqs, 10);
	EXPECT_EQ(irq_bad, 0);
	kill_thread(handler);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
}

static uint32_t attach(uint32_t line)
{
	struct l4_words w = words(0, 0, 0);

	return l4_ipc_error(l4_ipc(L4_IRQ_ID(line), L4_IPC_NIL_DESCRIPTOR, L4_IPC_SHORT_MSG,
				   l4_timeouts(0, 0), &w, NULL));
}

static volatile uint32_t child_attach;

static void try_attach(uint32_t root)
{
	child_attach = attach(RTC_IRQ);
	if (child_attach == L4_IPC_RETIMEOUT)	/* it worked: hand the right back */
		l4_irq_give(RTC_IRQ, root);
}

KTAP_CASE(irq, attaching_needs_the_right)
{
	l4_threadid_t child;

	EXPECT_EQ(attach(0), L4_IPC_ENOT_EXISTENT);	/* the kernel's timer */
	EXPECT_EQ(attach(2), L4_IPC_ENOT_EXISTENT);	/* the cascade */
	EXPECT_EQ(attach(RTC_IRQ), L4_IPC_RETIMEOUT);	/* ours: attached, nothing pending */

	child_attach = 0;
	child = spawn_task(try_attach, l4_myself());
	l4_sleep(MS(20));
	EXPECT_EQ(child_attach, L4_IPC_ENOT_EXISTENT);	/* no right */
	kill_task(child);

	child_attach = 0;
	child = spawn_task(try_attach, l4_myself());
	EXPECT_EQ(l4_irq_give(RTC_IRQ, child), 0);
	l4_sleep(MS(20));
	EXPECT_EQ(child_attach, L4_IPC_RETIMEOUT);	/* with the right */
	EXPECT_EQ(attach(RTC_IRQ), L4_IPC_RETIMEOUT);	/* and back to us */
	EXPECT_EQ(l4_irq_give(RTC_IRQ, child), 0);
	EXPECT_EQ(l4_irq_give(RTC_IRQ, child), L4_IRQ_CONTROL_FAILED);	/* not ours now */
	kill_task(child);				/* its rights come back to us */
	EXPECT_EQ(attach(RTC_IRQ), L4_IPC_RETIMEOUT);
	EXPECT_EQ(l4_irq_give(0, l4_myself()), L4_IRQ_CONTROL_FAILED);
}

/* A driver that also serves calls: it is attached to line 8 and waits
 * openly for either. An interrupt that arrives while it works on a call
 * stays pending (the line masked) until it waits again -- also when that
 * wait is the reply-and-wait the IPC fast path could take. */
static void rtc_driver(uint32_t unused)
{
	struct l4_words w = words(0, 0, 0);
	l4_threadid_t from = L4_NIL_ID;
	uint32_t r;

	(void)unused;
	irqs = 0;
	attach(RTC_IRQ);
	r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &from);
	for (;;) {
		if (l4_ipc_error(r)) {
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &from);
		} else if (from == L4_IRQ_ID(RTC_IRQ)) {
			cmos_read(RTC_C);
			irqs++;
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &from);
		} else {
			l4_sleep(MS(3));	/* working: the RTC interrupts meanwhile */
			r = l4_ipc_reply_and_wait(from, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
						  NEVER, &from);
		}
	}
}

KTAP_CASE(irq, driver_serving_calls_gets_interrupts)
{
	l4_threadid_t driver;
	uint32_t calls = 0;

	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL),
		       L4_SIGMA0_OK))
		return;
	driver = spawn_thread(rtc_driver, 0);
	l4_sleep(MS(10));
	rtc_periodic(true);
	for (int i = 0; i < 5; i++) {
		struct l4_words w = words(i, 0, 0);

		calls += !l4_ipc_error(l4_ipc_call(driver, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
						   NEVER));	/* untimed: fast-path style */
	}
	for (int i = 0; i < 50 && irqs < 20; i++)
		l4_sleep(MS(5));
	rtc_periodic(false);
	EXPECT_EQ(calls, 5);
	EXPECT(irqs >= 20);
	kill_thread(driver);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
}
