/* serial.h: the 16550 UART on COM1, polled; the kernel log's only sink. */
#pragma once

void serial_init(void);
void serial_putc(char c);
/* Waits for a byte from the line (the debugger's input). */
int serial_getc(void);
