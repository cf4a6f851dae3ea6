// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arch_clock_ns(): the time-stamp counter, scaled to nanoseconds since
 * x86_start() (the printk timestamps).
 *
 * The TSC counts at a constant rate on every CPU since ~2008, but the CPU
 * does not always say which: its frequency comes from, in order,
 *   1. CPUID leaf 0x15 (TSC/crystal ratio and crystal Hz) when the CPU
 *      fills it in (recent Intel parts; QEMU's TCG CPUs do not),
 *   2. a 10 ms calibration against the ACPI PM timer, a 3.579545 MHz
 *      counter at a fixed I/O port (FADT PM_TMR_BLK; QEMU: 0x608), the
 *      PIT-free way to get a reference clock on a PC,
 *   3. an assumed 1 GHz, with a warning, when neither exists.
 * Under QEMU's TCG the guest TSC runs at the host's TSC rate, which no
 * CPUID leaf reports, so (2) is what QEMU boots use; with -icount
 * shift=0 the TSC counts one tick per virtual nanosecond and (2) measures
 * exactly 1000 MHz.
 */
#include <kernel/printk.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <asm/processor.h>

#include "x86.h"

#define PM_TIMER_HZ		3579545ULL
#define CALIBRATE_PM_TICKS	(PM_TIMER_HZ / 100)	/* 10 ms */

static u64 tsc_hz;
static u64 tsc_at_boot;

u64 arch_clock_ns(void)
{
	u64 t;

	if (!tsc_hz)
		return 0;
	t = rdtsc() - tsc_at_boot;
	return t / tsc_hz * 1000000000ULL + t % tsc_hz * 1000000000ULL / tsc_hz;
}

static u64 tsc_from_cpuid(void)
{
	u32 max, denom, numer, crystal, d;

	cpuid(0, &max, &denom, &numer, &d);
	if (max < 0x15)
		return 0;
	cpuid(0x15, &denom, &numer, &crystal, &d);
	if (!denom || !numer || !crystal)
		return 0;
	return (u64)crystal * numer / denom;
}

static u32 pm_timer_read(void)
{
	return inl(acpi_pm_tmr) & (acpi_pm_tmr_32bit ? 0xffffffffu : 0xffffffu);
}

/*
 * A bound on PM timer reads, so a timer that does not tick cannot hang
 * the boot: a read costs well under 10 us even as a VM exit, and 10 ms
 * needs a few thousand.
 */
#define CALIBRATE_MAX_READS	5000000UL

/* TSC ticks over CALIBRATE_PM_TICKS of the PM timer, scaled to Hz; 0 if none. */
static u64 tsc_from_pm_timer(void)
{
	u32 mask = acpi_pm_tmr_32bit ? 0xffffffffu : 0xffffffu;
	u32 start, now, elapsed = 0;
	unsigned long reads = 0;
	u64 t0, t1;

	if (!acpi_pm_tmr)
		return 0;
	/* Start on a tick edge so the reference is not off by one tick. */
	start = pm_timer_read();
	while ((now = pm_timer_read()) == start)
		if (++reads > CALIBRATE_MAX_READS)
			return 0;
	start = now;
	t0 = rdtsc();
	while (elapsed < CALIBRATE_PM_TICKS) {
		if (++reads > CALIBRATE_MAX_READS)
			return 0;
		now = pm_timer_read();
		elapsed = (now - start) & mask;
	}
	t1 = rdtsc();
	return (t1 - t0) * PM_TIMER_HZ / elapsed;
}

/* Pick the TSC frequency (see the top of the file) and say which. */
void x86_tsc_init(void)
{
	const char *how = "CPUID leaf 0x15";
	u64 hz = tsc_from_cpuid();

	if (!hz) {
		how = "calibrated against the ACPI PM timer";
		hz = tsc_from_pm_timer();
		if (!hz && acpi_pm_tmr)
			pr_warn("tsc: the ACPI PM timer at port 0x%x does not tick\n",
				acpi_pm_tmr);
	}
	if (!hz) {
		hz = 1000000000ULL;
		pr_warn("tsc: no CPUID frequency and no ACPI PM timer: assuming 1 GHz, timestamps may be off\n");
		how = "assumed";
	}
	tsc_hz = hz;
	pr_info("tsc: Detected %llu.%03llu MHz TSC (%s)\n",
		(unsigned long long)(hz / 1000000),
		(unsigned long long)(hz / 1000 % 1000), how);
}

/* Called first thing in x86_start(): timestamps count from here. */
void x86_tsc_mark_boot(void)
{
	tsc_at_boot = rdtsc();
}
