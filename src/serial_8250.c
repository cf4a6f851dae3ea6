// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * 8250/16550-compatible UART console, found through the device tree or
 * named by the arch (the PC's COM1 at I/O port 0x3f8).
 *
 * Register i lives at base + (i << reg-shift) and is accessed one of three
 * ways (Linux's iotypes): UPIO_MEM, MMIO one byte wide (QEMU's ns16550a);
 * UPIO_MEM32, MMIO four bytes wide (reg-io-width 4 with reg-shift 2: the
 * DesignWare UARTs of the StarFive JH7100/JH7110); UPIO_PORT, a PC's I/O
 * port space (inb/outb from asm/io.h; architectures without port I/O
 * provide stubs and never choose it).  The firmware or the arch's early
 * console has already set the line speed (115200 8N1), so the driver only
 * masks the UART's interrupts and polls.
 */
#include <kernel/serial.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/io.h>
#include <mm/vmalloc.h>
#include <asm/early_console.h>
#include <libfdt.h>

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

enum uart_iotype {
	UPIO_NONE,		/* no UART set up yet */
	UPIO_PORT,		/* I/O ports: inb/outb */
	UPIO_MEM,		/* MMIO, 8-bit accesses */
	UPIO_MEM32,		/* MMIO, 32-bit accesses */
};

struct uart_8250 {
	enum uart_iotype iotype;
	void *base;		/* UPIO_MEM, UPIO_MEM32 */
	phys_addr_t mapbase;	/* physical address of the registers */
	unsigned long mapsize;
	unsigned long iobase;	/* UPIO_PORT */
	unsigned int reg_shift;
};

static struct uart_8250 uart;

static u32 uart_read(unsigned int reg)
{
	unsigned long off = (unsigned long)reg << uart.reg_shift;

	switch (uart.iotype) {
	case UPIO_PORT:
		return inb((u16)(uart.iobase + off));
	case UPIO_MEM32:
		return readl((char *)uart.base + off);
	case UPIO_MEM:
		return readb((char *)uart.base + off);
	default:
		return 0;
	}
}

static void uart_write(unsigned int reg, u32 v)
{
	unsigned long off = (unsigned long)reg << uart.reg_shift;

	switch (uart.iotype) {
	case UPIO_PORT:
		outb((u8)v, (u16)(uart.iobase + off));
		break;
	case UPIO_MEM32:
		writel(v, (char *)uart.base + off);
		break;
	case UPIO_MEM:
		writeb((u8)v, (char *)uart.base + off);
		break;
	default:
		break;
	}
}

static void uart_putc(char c)
{
	unsigned int spins = 1000000;

	/* Bounded wait: a wedged UART must not hang the kernel. */
	while (!(uart_read(UART_LSR) & UART_LSR_THRE) && --spins)
		;
	uart_write(UART_THR, (u8)c);
}

int serial_getc(void)
{
	if (uart.iotype == UPIO_NONE || !(uart_read(UART_LSR) & UART_LSR_DR))
		return -1;
	return (int)(uart_read(UART_RBR) & 0xff);
}

static void uart_console_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	while (len--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static struct console uart_console = {
	.name = "ttyS0",
	.write = uart_console_write,
};

static u32 prop_u32(const void *fdt, int node, const char *name, u32 def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? fdt32_to_cpu(*p) : def;
}

/* The node /chosen/stdout-path names, with any ":options" removed. */
static int stdout_node(const void *fdt)
{
	char path[128];
	const char *p;
	int chosen, len, n;

	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		return -ENOENT;
	p = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!p)
		p = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!p || len <= 0)
		return -ENOENT;
	for (n = 0; n < len && n < (int)sizeof(path) - 1 && p[n] && p[n] != ':'; n++)
		path[n] = p[n];
	path[n] = '\0';
	/* libfdt resolves an alias ("serial0") as well as a full path. */
	return fdt_path_offset(fdt, path);
}

int serial_setup_from_fdt(const void *fdt)
{
	static const char *const compatible[] = {
		"ns16550a", "ns16550", "ns8250", "snps,dw-apb-uart",
	};
	int node = stdout_node(fdt), parent, ac, len;
	const fdt32_t *reg;
	phys_addr_t base = 0;
	bool known = false;
	unsigned int reg_shift, io_width;
	void *mmio;

	if (node < 0) {
		pr_info("serial: no /chosen/stdout-path; staying on the boot console\n");
		return -ENOENT;
	}
	for (unsigned int i = 0; i < sizeof(compatible) / sizeof(compatible[0]); i++)
		if (fdt_node_check_compatible(fdt, node, compatible[i]) == 0)
			known = true;
	if (!known) {
		pr_info("serial: %s is not an 8250-compatible UART; staying on the boot console\n",
			fdt_get_name(fdt, node, NULL));
		return -ENODEV;
	}

	parent = fdt_parent_offset(fdt, node);
	ac = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || len < ac * 4) {
		pr_warn("serial: %s has no usable reg\n", fdt_get_name(fdt, node, NULL));
		return -ENODEV;
	}
	for (int i = 0; i < ac; i++)
		base = base << 32 | fdt32_to_cpu(reg[i]);

	reg_shift = prop_u32(fdt, node, "reg-shift", 0);
	io_width = prop_u32(fdt, node, "reg-io-width", 1);
	if (io_width != 1 && io_width != 4) {
		pr_warn("serial: reg-io-width %u unsupported, using 1\n", io_width);
		io_width = 1;
	}
	mmio = arch_early_ioremap(base, 8u << reg_shift);
	if (!mmio)
		return -ENOMEM;
	uart.base = mmio;
	uart.mapbase = base;
	uart.mapsize = 8ul << reg_shift;
	uart.reg_shift = reg_shift;
	uart.iotype = io_width == 4 ? UPIO_MEM32 : UPIO_MEM;
	uart_write(UART_IER, 0);

	pr_info("%s: ttyS0 at MMIO 0x%llx (reg-shift %u, reg-io-width %u) is a 16550A\n",
		fdt_get_name(fdt, node, NULL), (unsigned long long)base,
		reg_shift, io_width);
	register_console(&uart_console);
	return 0;
}

/*
 * Move an MMIO console from its early fixmap slot to an ioremap() mapping
 * once vmalloc runs (as Linux's 8250 driver ends up ioremapped after
 * earlycon).  Port-I/O and absent UARTs need nothing.
 */
int serial_remap(void)
{
	void *mmio;

	if (uart.iotype != UPIO_MEM && uart.iotype != UPIO_MEM32)
		return 0;
	mmio = ioremap(uart.mapbase, uart.mapsize);
	if (!mmio)
		return -ENOMEM;
	uart.base = mmio;
	pr_info("serial: ttyS0 registers 0x%llx remapped at 0x%lx\n",
		(unsigned long long)uart.mapbase, (unsigned long)mmio);
	return 0;
}

int serial_setup_port(unsigned long iobase)
{
	uart.iobase = iobase;
	uart.reg_shift = 0;
	uart.iotype = UPIO_PORT;
	uart_write(UART_IER, 0);

	/* Linux's line; irq 0 means polled, as there. */
	pr_info("serial8250: ttyS0 at I/O 0x%lx (irq = 0, base_baud = 115200) is a 16550A\n",
		iobase);
	register_console(&uart_console);
	return 0;
}
