// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Power off and halt, and what QEMU's exit status says.
 *
 * The convention (the same on both architectures for the tests and
 * `make run`: 0 means a clean power-off, anything else a failure):
 *
 *   arch_poweroff(0)   ACPI S5: write SLP_TYP | SLP_EN to PM1a_CNT (found
 *                      in the FADT; QEMU pc and q35: port 0x604, SLP_TYP
 *                      0).  QEMU exits with status 0.
 *   arch_poweroff(s)   QEMU's isa-debug-exit device (-device
 *                      isa-debug-exit,iobase=0xf4,iosize=0x04, which
 *                      tools/run-qemu always adds): writing s makes QEMU
 *                      exit with (s << 1) | 1, so panic (s = 1) exits 3.
 *
 * Fallbacks: without ACPI, status 0 also goes through isa-debug-exit and
 * exits 1; without the device, a failure halts the CPU (a real PC keeps
 * the panic on screen).  QEMU run with -no-shutdown pauses instead of
 * exiting on S5.
 */
#include <kernel/printk.h>
#include <asm/cpu.h>
#include <asm/io.h>

#include "x86.h"

#define ISA_DEBUG_EXIT_PORT	0xf4
#define ACPI_SLP_EN		(1u << 13)
#define ACPI_SLP_TYP_SHIFT	10

void arch_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" ::: "memory");
}

void arch_poweroff(int status)
{
	if (status == 0 && acpi_pm1a_cnt) {
		outw((u16)(acpi_s5_slp_typ << ACPI_SLP_TYP_SHIFT | ACPI_SLP_EN),
		     acpi_pm1a_cnt);
		/* QEMU is gone by now; real hardware may take a moment. */
		for (unsigned long spins = 0; spins < 100000000UL; spins++)
			arch_cpu_relax();
	}
	outb((u8)status, ISA_DEBUG_EXIT_PORT);
	arch_halt();
}
