// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The x86-64 boot console: COM1, the 16550 UART at I/O port 0x3f8, driven
 * by polling (Linux's earlyprintk=serial, named "earlyser" as there).
 *
 * Unlike the device-tree boards, nobody sets the line up for us (SeaBIOS
 * leaves COM1 alone, GRUB only touches it when told to), so this programs
 * 115200 baud 8N1 with the FIFOs on and interrupts off.  QEMU ignores the
 * speed; real hardware does not.
 */
#include <kernel/printk.h>
#include <asm/io.h>
#include <asm/early_console.h>

#define UART_THR	0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_LSR_THRE	0x20

/* 1.8432 MHz / 16 / 115200 = 1 */
#define BAUD_DIVISOR	1

static void early_serial_putc(char c)
{
	unsigned int spins = 100000;

	while (!(inb(X86_COM1_PORT + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb((u8)c, X86_COM1_PORT + UART_THR);
}

static void early_serial_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	while (len--) {
		if (*s == '\n')
			early_serial_putc('\r');
		early_serial_putc(*s++);
	}
}

static struct console early_serial_console = {
	.name = "earlyser0",
	.write = early_serial_write,
	.flags = CON_BOOT,
};

void early_console_init(void)
{
	u16 p = X86_COM1_PORT;

	outb(0, p + UART_IER);
	outb(UART_LCR_DLAB, p + UART_LCR);
	outb(BAUD_DIVISOR & 0xff, p + UART_DLL);
	outb(BAUD_DIVISOR >> 8, p + UART_DLM);
	outb(UART_LCR_8N1, p + UART_LCR);
	outb(0xc7, p + UART_FCR);	/* FIFOs on, cleared, 14-byte trigger */
	outb(0x03, p + UART_MCR);	/* DTR, RTS; OUT2 off: no interrupts */
	register_console(&early_serial_console);
}
