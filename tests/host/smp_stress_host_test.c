// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The machine the generic smp_stress and smp_bench suites
 * (tests/unit/smp_stress_test.c, smp_bench_test.c) run on in the host
 * harness: 512 MiB of fake RAM through the real boot
 * steps (zones, buddy, slab), page tables from the buddy allocator, a
 * fresh kernel_pgd and vmalloc space (the host MMU of host_vmap.c), and
 * SMP_STRESS_HOST_CPUS threads playing CPUs (host_smp.c).  Teardown stops
 * the threads and puts the table allocator and kernel_pgd back, as the
 * vmalloc machine does.
 *
 * $ARBOR_SMP_STRESS_OPS overrides the operations per CPU (default 20000,
 * as in the kernel), $ARBOR_SMP_STRESS_CPUS the number of CPUs (2..8,
 * default 4) and $ARBOR_SMP_STRESS_SEED the seed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/smp.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <asm/page.h>
#include <asm/cpu.h>
#include "host.h"

/* tests/host/host_vmap.c and tests/unit/smp_stress_test.c */
extern void (*smp_stress_machine_setup)(void);
extern void (*smp_stress_machine_teardown)(void);
/* tests/unit/smp_bench_test.c runs on the same machine. */
extern void (*smp_bench_machine_setup)(void);
extern void (*smp_bench_machine_teardown)(void);
extern unsigned long smp_bench_ops;
extern unsigned long smp_stress_ops;
extern u64 smp_stress_seed;

#define SS_RAM_BASE	0x80000000ULL
#define SS_RAM_SIZE	(512ULL << 20)
#define SMP_STRESS_HOST_CPUS	4
/* The kernel's default; the ThreadSanitizer run (mk/tsan.mk) asks for fewer. */
#define SMP_STRESS_HOST_OPS	20000

static struct host_machine ss_machine;

static unsigned long env_ulong(const char *name, unsigned long dflt,
			       unsigned long lo, unsigned long hi)
{
	const char *s = getenv(name);
	unsigned long v;

	if (!s || !*s)
		return dflt;
	v = strtoul(s, NULL, 0);
	return v < lo ? lo : v > hi ? hi : v;
}

static void ss_machine_setup(void)
{
	host_machine_boot(&ss_machine, SS_RAM_BASE, SS_RAM_SIZE);
	smp_stress_ops = env_ulong("ARBOR_SMP_STRESS_OPS", SMP_STRESS_HOST_OPS,
				   1, 1000000);
	smp_stress_seed = env_ulong("ARBOR_SMP_STRESS_SEED", smp_stress_seed,
				    1, ~0UL);
	host_smp_start(env_ulong("ARBOR_SMP_STRESS_CPUS", SMP_STRESS_HOST_CPUS,
				 2, NR_CPUS));
}

static void ss_machine_teardown(void)
{
	host_smp_stop();
	host_cpu_id = 0;
	host_machine_shutdown(&ss_machine);
}

__attribute__((constructor)) static void smp_stress_host_hooks(void)
{
	smp_stress_machine_setup = ss_machine_setup;
	smp_stress_machine_teardown = ss_machine_teardown;
	smp_bench_machine_setup = ss_machine_setup;
	smp_bench_machine_teardown = ss_machine_teardown;
	smp_bench_ops = 2000;	/* no guest clock here: mechanics only */
}
