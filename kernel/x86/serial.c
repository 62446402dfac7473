/* Polled output on COM1 at 115200 8N1. The kernel never takes UART
 * interrupts: input belongs to the user-level driver. */
#include "x86/serial.h"
#include "x86/io.h"

#define COM1		0x3f8
#define UART_DATA	0	/* transmit holding / receive buffer; divisor low with DLAB */
#define UART_IER	1	/* interrupt enable; divisor high with DLAB */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR 0x07	/* enable FIFOs, clear both */
#define MCR_DTR_RTS	0x03
#define LSR_THR_EMPTY	0x20
#define BAUD_DIVISOR	1	/* 115200 / 115200 */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, BAUD_DIVISOR & 0xff);
	outb(COM1 + UART_IER, BAUD_DIVISOR >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

static void serial_write(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

#define LSR_DATA_READY 0x01

int serial_getc(void)
{
	while (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		;
	return inb(COM1 + UART_DATA);
}

void serial_putc(char c)
{
	if (c == '\n')
		serial_write('\r');
	serial_write(c);
}
