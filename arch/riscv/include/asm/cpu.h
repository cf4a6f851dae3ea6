/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V: CPU identity, interrupt masking, idling, time and power-off. */
#ifndef _ASM_RISCV_CPU_H
#define _ASM_RISCV_CPU_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <asm/csr.h>

#define NR_CPUS 8

/*
 * Per-CPU data reached through the tp register.  Logical CPU 0 is the boot
 * hart, whatever its hart id.
 */
struct cpu_info {
	unsigned int cpu;		/* logical id, 0 = boot CPU */
	unsigned long hartid;		/* the SBI/DT hart id */
};

static inline struct cpu_info *this_cpu_info(void)
{
	struct cpu_info *ci;

	__asm__ ("mv %0, tp" : "=r"(ci));
	return ci;
}

static inline int arch_cpu_id(void)
{
	return this_cpu_info()->cpu;
}

/* Mask supervisor interrupts; returns the previous sstatus.SIE. */
static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

static inline void arch_cpu_relax(void)
{
	/* "pause" (Zihintpause) encoded as a fence hint; a nop elsewhere. */
	__asm__ __volatile__(".4byte 0x0100000f" ::: "memory");
}

/*
 * Sleep until an interrupt is pending (wfi; interrupts may stay masked),
 * then acknowledge a pending IPI so the next call sleeps again.  For
 * loops that wait for another CPU's cross-CPU call: the caller re-checks
 * its condition and runs smp_idle_poll() after each return.  A hart that
 * sleeps executes nothing, so under -icount it adds no instructions.
 */
static inline void arch_cpu_idle_wait(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
	csr_clear(sip, SIP_SSIP);
}

/* Nanoseconds since the hart started counting (the `time` CSR). */
u64 arch_clock_ns(void);

/* Power off: status 0 exits QEMU with 0, anything else non-zero. */
void arch_poweroff(int status) __noreturn;
/* Stop this hart for good (interrupts off, wfi forever). */
void arch_halt(void) __noreturn;

#endif /* _ASM_RISCV_CPU_H */
