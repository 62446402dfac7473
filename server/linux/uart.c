/* The 16550 UART (COM1) as user-level driver threads: the top half takes
 * interrupt 4 as IPC and empties the receive FIFO into its ring, which the
 * shared bottom half (input.c) hands to the line discipline. Output is
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

static struct input_ring ring;
static bool have_port;
static uint8_t top_stack[4096] __attribute__((aligned(16)));

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
	input_register(&ring);
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
		bool stored = false;

		l4_ipc_receive(L4_IRQ_ID(COM1_IRQ), L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		while (inb(COM1 + UART_LSR) & LSR_DATA)
			stored |= input_ring_put(&ring, inb(COM1 + UART_DATA));
		inb(COM1 + UART_IIR_FCR);
		if (stored)
			input_wake();
	}
}

void uart_start_thread(void)
{
	if (have_port)
		driver_start_thread(LTHREAD_UART, top_half, top_stack, sizeof(top_stack),
				    TOP_HALF_PRIORITY);
}
