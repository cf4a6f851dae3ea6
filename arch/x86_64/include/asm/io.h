/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 device access: port I/O (in/out, the PC's 64 KiB I/O space: the
 * 16550 UART at 0x3f8, QEMU's isa-debug-exit at 0xf4, the ACPI PM block)
 * and MMIO.  x86 keeps device accesses in program order with respect to
 * each other and to normal memory (UC mappings are strongly ordered), so
 * the MMIO accessors only need to stop the compiler from reordering.
 */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <kernel/types.h>

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline void outb(u8 v, u16 port)
{
	__asm__ __volatile__("outb %0, %1" :: "a"(v), "Nd"(port) : "memory");
}

static inline void outw(u16 v, u16 port)
{
	__asm__ __volatile__("outw %0, %1" :: "a"(v), "Nd"(port) : "memory");
}

static inline void outl(u32 v, u16 port)
{
	__asm__ __volatile__("outl %0, %1" :: "a"(v), "Nd"(port) : "memory");
}

static inline u8 readb(const volatile void *a)
{
	return *(const volatile u8 *)a;
}

static inline u32 readl(const volatile void *a)
{
	return *(const volatile u32 *)a;
}

static inline void writeb(u8 v, volatile void *a)
{
	*(volatile u8 *)a = v;
}

static inline void writew(u16 v, volatile void *a)
{
	*(volatile u16 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	*(volatile u32 *)a = v;
}

#endif /* _ASM_X86_IO_H */
