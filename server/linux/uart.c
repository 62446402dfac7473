/* The 16550 UART (COM1) as user-level driver threads: the top half, at
 * the highest of the server's priorities, takes interrupt 4 as IPC and
 * empties the receive FIFO into a ring; the bottom half hands the bytes to
 * the main thread (tty.c's line discipline) a message at a time. Output is
 * written by the main thread, polling the transmitter. The kernel shares
 * the port for its log: it only ever polls and writes the transmitter. */
#include "server.h"
#include <l4/sigma0.h>
#include <l4/timeout.h>
#include <tessera/portio.h>

#define COM1		0x3f8
#define COM1_IRQ	4
#define COM1_PORTS	L4_IO_FPAGE(COM1, 3)
#define UART_DATA	0
#define UART_IER	1
#define UART_IIR_FCR	2
#define UART_MCR	4
#define UART_LSR	5
#define IER_RX		0x01
#define FCR_ENABLE	0x07		/* FIFO on and cleared, interrupt at 1 byte */
#define MCR_DTR_RTS_OUT2 0x0b		/* OUT2 gates the interrupt on a PC */
#define LSR_DATA	0x01
#define LSR_THR_EMPTY	0x20

#define TOP_HALF	1		/* lthreads of the server */
#define BOTTOM_HALF	2
#define TOP_PRIORITY	200		/* DESIGN.md: IRQ > bottom half > server > processes */
#define BOTTOM_PRIORITY	150
#define RING		1024		/* power of two */

static uint8_t ring[RING];
static volatile uint32_t ring_head, ring_tail;	/* top half writes head, bottom half tail */
static volatile bool bottom_idle;
static bool have_port;
static l4_threadid_t bottom_id;
static uint8_t top_stack[4096] __attribute__((aligned(16)));
static uint8_t bottom_stack[4096] __attribute__((aligned(16)));

void uart_init(void)
{
	if (l4_sigma0_request(L4_SIGMA0_PAGE, COM1_PORTS, L4_WHOLE_SPACE, NULL) != L4_SIGMA0_OK) {
		log("no COM1 ports: the console has no input and writes to the kernel log\n");
		return;
	}
	have_port = true;
	outb(COM1 + UART_IIR_FCR, FCR_ENABLE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
	while (inb(COM1 + UART_LSR) & LSR_DATA)
		inb(COM1 + UART_DATA);
	outb(COM1 + UART_IER, IER_RX);
}

void uart_write(const char *s, uint32_t n)
{
	if (!have_port) {
		l4_kdebug_puts(s, n);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
			;
		outb(COM1 + UART_DATA, (uint8_t)s[i]);
	}
}

static void __attribute__((noreturn)) top_half(void)
{
	struct l4_words w;

	for (;;) {
		l4_ipc_receive(L4_IRQ_ID(COM1_IRQ), L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		while (inb(COM1 + UART_LSR) & LSR_DATA) {
			uint8_t c = inb(COM1 + UART_DATA);

			if (ring_head - ring_tail < RING) {	/* else the byte is lost */
				ring[ring_head % RING] = c;
				ring_head++;
			}
		}
		inb(COM1 + UART_IIR_FCR);
		/* The bottom half sets idle just before it receives, so this
		 * send waits a few instructions at most. */
		if (bottom_idle && ring_head != ring_tail)
			l4_ipc_send(bottom_id, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
	}
}

static void __attribute__((noreturn)) bottom_half(void)
{
	l4_threadid_t top = l4_make_id(l4_task_of(server_id), TOP_HALF, l4_version_of(server_id));
	struct l4_words w;

	for (;;) {
		while (ring_head != ring_tail) {
			uint8_t chars[8];
			uint32_t n = 0;

			while (n < sizeof(chars) && ring_head != ring_tail) {
				chars[n++] = ring[ring_tail % RING];
				ring_tail++;
			}
			memset(&w, 0, sizeof(w));
			w.w0 = n;
			memcpy(&w.w1, chars, n < 4 ? n : 4);
			if (n > 4)
				memcpy(&w.w2, chars + 4, n - 4);
			l4_ipc_call(server_id, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		}
		bottom_idle = true;
		if (ring_head == ring_tail)
			l4_ipc_receive(top, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		bottom_idle = false;
	}
}

static void start_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack, uint32_t size,
			 uint32_t priority)
{
	struct l4_exregs r = l4_lthread_ex_regs(lthread, (uint32_t)fn, (uint32_t)(stack + size),
						L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);

	l4_thread_schedule(r.id, L4_SCHED_PRIORITY(priority));
}

void uart_start_threads(void)
{
	if (!have_port)
		return;
	/* The top half first: the bottom half waits for it. */
	bottom_id = l4_make_id(l4_task_of(server_id), BOTTOM_HALF, l4_version_of(server_id));
	start_thread(TOP_HALF, top_half, top_stack, sizeof(top_stack), TOP_PRIORITY);
	start_thread(BOTTOM_HALF, bottom_half, bottom_stack, sizeof(bottom_stack), BOTTOM_PRIORITY);
}

/* A message from the bottom half: up to 8 bytes in words 1 and 2. */
bool uart_is_bottom_half(l4_threadid_t id)
{
	return have_port && id == bottom_id;
}
