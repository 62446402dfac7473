/* I/O ports as flexpages: sigma0 gives them out once, they travel in map
 * items, and an unmap takes them back along the chain. An access without
 * the port is a #GP for the thread's handler. The CMOS/RTC ports 0x70-0x71
 * serve as the device. */
#include "support.h"
#include <l4/sigma0.h>
#include <tessera/rtc.h>


static volatile uint32_t io_faults, io_value, io_rounds;

__asm__(".text\n"
	"io_fault_handler:\n\t"
	"incl io_faults\n\t"
	"call l4_sleep_forever");
void io_fault_handler(void);

/* Receives ports (window: the whole space) and reads the RTC seconds each
 * time it is asked; passes what it gets on to `next` if there is one. */
static void port_user(uint32_t next)
{
	for (;;) {
		struct l4_words w;
		l4_threadid_t from;
		uint32_t r = l4_ipc_wait(L4_WHOLE_SPACE | L4_IPC_DESC_MAP, &w, NEVER, &from);

		if (l4_ipc_error(r))
			continue;
		if ((r & L4_DOPE_FPAGE_RECEIVED) && next) {
			struct l4_words fwd = words(0, RTC_PORTS, 0);

			l4_ipc_send(next, L4_IPC_DESC_MAP, &fwd, NEVER);
			continue;
		}
		io_value = cmos_read(RTC_SECONDS);
		io_rounds++;
	}
}

static l4_threadid_t start_port_user(uint32_t next)
{
	l4_threadid_t t = spawn_task(port_user, next);

	l4_sleep(MS(20));
	return t;
}

static void poke(l4_threadid_t t)
{
	struct l4_words w = words(0, 0, 0);

	l4_ipc_send(t, L4_IPC_SHORT_MSG, &w, l4_timeouts(MS(100), 0));
	l4_sleep(MS(20));
}

KTAP_CASE(io, ports_from_sigma0_and_along_a_chain)
{
	l4_fpage_t got = 0;
	l4_threadid_t grandchild, child;
	uint32_t rounds;

	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, &got),
		       L4_SIGMA0_OK))
		return;
	EXPECT_EQ(got, RTC_PORTS);
	EXPECT(cmos_read(RTC_SECONDS) < 0x60);		/* BCD seconds */
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL),
		  L4_SIGMA0_OK);				/* ours already: again */

	grandchild = start_port_user(0);
	child = start_port_user(grandchild);
	{
		struct l4_words w = words(0, RTC_PORTS, 0);

		EXPECT_EQ(l4_ipc_error(l4_ipc_send(child, L4_IPC_DESC_MAP, &w,
						   l4_timeouts(MS(100), 0))), 0);
	}
	l4_sleep(MS(20));
	io_value = 0xff;
	rounds = io_rounds;
	poke(grandchild);
	EXPECT_EQ(io_rounds, rounds + 1);
	EXPECT(io_value < 0x60);

	/* taken back from the child and, through it, the grandchild */
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH);
	rounds = io_rounds;
	poke(grandchild);
	EXPECT_EQ(io_rounds, rounds);		/* its inb faulted: no round */
	EXPECT(cmos_read(RTC_SECONDS) < 0x60);	/* ours stay */
	kill_task(child);
	kill_task(grandchild);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);	/* and go */
}

/* Takes the ports it is sent, then revokes what it gave on (nothing). */
static volatile uint32_t revoker_done;

static void receive_then_revoke(uint32_t unused)
{
	struct l4_words w;

	(void)unused;
	l4_ipc_wait(L4_WHOLE_SPACE | L4_IPC_DESC_MAP, &w, NEVER, NULL);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH);
	revoker_done = 1;
	l4_sleep_forever();
}

static void send_ports(l4_threadid_t to, l4_fpage_t ports)
{
	struct l4_words w = words(0, ports, 0);

	l4_ipc_send(to, L4_IPC_DESC_MAP, &w, l4_timeouts(MS(100), 0));
	l4_sleep(MS(20));
}

/* A dead task's grant records go with it: a later task with its number
 * cannot revoke ports that the dead one once gave. (The grandchild keeps
 * another port throughout, so its rights and records stay.) */
#define OTHER_PORT L4_IO_FPAGE(0x378, 0)

KTAP_CASE(io, dead_grantors_records_go)
{
	l4_threadid_t grandchild, child, successor;
	uint32_t number, rounds;

	l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, OTHER_PORT, L4_WHOLE_SPACE, NULL),
		  L4_SIGMA0_OK);
	grandchild = start_port_user(0);	/* each message it gets: a read */
	child = start_port_user(grandchild);
	send_ports(child, RTC_PORTS);		/* child -> grandchild */
	send_ports(grandchild, OTHER_PORT);
	number = l4_task_of(child);
	kill_task(child);			/* what it gave goes (ports_from_sigma0...) */
	send_ports(grandchild, RTC_PORTS);	/* now from us */
	rounds = io_rounds;
	poke(grandchild);
	EXPECT_EQ(io_rounds, rounds + 1);

	spawn_next_as(number);
	revoker_done = 0;
	successor = spawn_task(receive_then_revoke, 0);
	EXPECT_EQ(l4_task_of(successor), number);
	l4_sleep(MS(20));
	send_ports(successor, RTC_PORTS);
	EXPECT_EQ(revoker_done, 1);
	rounds = io_rounds;
	poke(grandchild);
	EXPECT_EQ(io_rounds, rounds + 1);	/* still ours to use */
	kill_task(successor);
	kill_task(grandchild);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	l4_fpage_unmap(OTHER_PORT, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
}

/* Another task may not have ports sigma0 gave away, nor the kernel's. */
static volatile uint32_t other_answer;

static void ask_for_ports(uint32_t fpage)
{
	other_answer = l4_sigma0_request(L4_SIGMA0_PAGE, fpage, L4_WHOLE_SPACE, NULL);
}

KTAP_CASE(io, ports_are_exclusive_and_never_the_kernels)
{
	l4_threadid_t other;

	l4_sigma0_request(L4_SIGMA0_PAGE, RTC_PORTS, L4_WHOLE_SPACE, NULL);
	other_answer = 99;
	other = spawn_task(ask_for_ports, RTC_PORTS);
	l4_sleep(MS(20));
	EXPECT_EQ(other_answer, L4_SIGMA0_ETAKEN);
	kill_task(other);
	l4_fpage_unmap(RTC_PORTS, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
}

/* The PIC's ports are the kernel's: asked for, they do not arrive, and the
 * access faults. */
static void touch_pic(uint32_t unused)
{
	(void)unused;
	l4_sigma0_request(L4_SIGMA0_PAGE, L4_IO_FPAGE(0x20, 1), L4_WHOLE_SPACE, NULL);
	__asm__ volatile("inb $0x21, %%al" : : : "eax");
	io_value = 0x1234;		/* not reached */
}

KTAP_CASE(io, kernel_ports_never_given)
{
	l4_threadid_t th;

	io_faults = 0;
	io_value = 0;
	th = spawn_thread_handled(touch_pic, 0, (uint32_t)io_fault_handler, pager_id());
	l4_sleep(MS(20));
	EXPECT_EQ(io_faults, 1);
	EXPECT(io_value != 0x1234);
	kill_thread(th);
}
