/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V MMIO accessors.  The fences order device accesses against normal
 * memory the way Linux's readl()/writel() do.
 */
#ifndef _ASM_RISCV_IO_H
#define _ASM_RISCV_IO_H

#include <kernel/types.h>

static inline u8 readb(const volatile void *a)
{
	u8 v = *(const volatile u8 *)a;

	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline u32 readl(const volatile void *a)
{
	u32 v = *(const volatile u32 *)a;

	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u8 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u32 *)a = v;
}

static inline void writew(u16 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u16 *)a = v;
}

/*
 * No port I/O on RISC-V: every device is memory-mapped.  The stubs exist
 * because generic drivers (the 8250 UART's UPIO_PORT) name inb/outb; they
 * are never chosen here, and read all-ones / drop writes like an empty
 * bus if they were.
 */
static inline u8 inb(u16 port)
{
	(void)port;
	return 0xff;
}

static inline void outb(u8 v, u16 port)
{
	(void)v;
	(void)port;
}

#endif /* _ASM_RISCV_IO_H */
