// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V SMP: starting the secondary harts, inter-processor interrupts,
 * and the lookup that names a hart whose stack overflowed.
 *
 * Bring-up (arch_smp_boot, on the boot hart after vmalloc is up)
 *   /cpus in the device tree lists the harts.  Each one that is `okay`,
 *   has an MMU (`mmu-type`, not "riscv,none") and is not the boot hart
 *   becomes the next logical CPU (the boot hart is CPU 0, whatever its
 *   hart id), up to NR_CPUS.  For it:
 *
 *     stack      16 KiB of vmalloc space.  Every vmalloc area ends in an
 *                unmapped guard page, and free or lazily freed space is
 *                unmapped too, so the page below the stack never maps
 *                anything: an overflow faults (Linux's VMAP_STACK
 *                reasoning).  arch_stack_guard_hart() names the hart.
 *     cpu_info   its per-CPU area (logical id, hart id), reached through tp
 *     boot block satp of kernel_pgd, stack top, cpu_info, and the image's
 *                va - pa offset (head.S reads it with the MMU off)
 *
 *   SBI HSM hart_start(hartid, pa of riscv_secondary_entry, pa of the boot
 *   block) starts it; head.S switches it to the kernel's page tables and
 *   calls riscv_secondary_start(), which arms the trap entry's stack
 *   overflow check (traps.c), enables the software interrupt, marks the
 *   CPU online, wakes the boot hart with an IPI and idles (wfi, interrupts
 *   on), serving smp_call_function() requests.  The boot hart waits up to
 *   a second for each, asleep in wfi between looks (woken by that IPI or
 *   a 10 ms SBI timer: spinning would starve the new hart under QEMU's
 *   round-robin -icount mode); one that does not come is logged and left
 *   out (a state word decides, atomically, whether it came in time).
 *
 * IPIs
 *   SBI IPI send_ipi raises the supervisor software interrupt (sip.SSIP)
 *   on the harts of a mask; riscv_handle_ipi() clears it and runs the
 *   call queue (src/smp.c).  RFENCE (arch/riscv/mm/tlbflush.c) uses the
 *   same hart masks.
 *
 * Locking: bring-up runs on the boot hart alone; the tables below are
 * written before a hart starts and only read afterwards.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <kernel/setup.h>
#include <kernel/smp.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/cmdline.h>
#include <mm/mmzone.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/page.h>
#include <asm/tlbflush.h>
#include <libfdt.h>

#include "riscv.h"

#define SECONDARY_STACK_SIZE	(16 * 1024)
/* How long (boot hart's clock) a started hart has to come online. */
#define SECONDARY_TIMEOUT_NS	1000000000ULL
/* How often a hart that stopped itself (head.S's lottery) is restarted. */
#define SECONDARY_RESTARTS	3

/* Read by head.S with the MMU off: keep the offsets in step with it. */
struct riscv_boot_block {
	unsigned long satp;
	unsigned long sp;
	unsigned long tp;
	unsigned long va_pa_offset;
};
_Static_assert(__builtin_offsetof(struct riscv_boot_block, satp) == 0x00, "head.S");
_Static_assert(__builtin_offsetof(struct riscv_boot_block, sp) == 0x08, "head.S");
_Static_assert(__builtin_offsetof(struct riscv_boot_block, tp) == 0x10, "head.S");
_Static_assert(__builtin_offsetof(struct riscv_boot_block, va_pa_offset) == 0x18, "head.S");

/* A secondary's progress: the boot hart and the secondary race on it. */
enum { HART_OFF, HART_STARTING, HART_ONLINE, HART_ABANDONED };

struct secondary {
	struct cpu_info info;		/* the hart's tp */
	struct riscv_boot_block boot;
	unsigned long stack;		/* lowest address of its stack, 0: none */
	int state;
} __aligned(SMP_CACHE_BYTES);

static struct secondary secondaries[NR_CPUS];

/* /cpus timebase-frequency (the time CSR's rate), 0 if none. */
static u64 smp_timebase_hz;

/* Logical CPU -> hart id, for every CPU that was started. */
unsigned long riscv_cpu_hartid[NR_CPUS];

extern char riscv_secondary_entry[], _start[];

/*
 * smp.stray_entry (test aid): start CPU 1's hart at the image entry, as
 * OpenSBI 1.1's HSM race can (see head.S's boot lottery), to prove that
 * the stray hart stops itself and bring-up starts it again.
 */
static bool stray_entry_test;

static int early_smp_stray_entry(char *arg)
{
	(void)arg;
	stray_entry_test = true;
	return 0;
}
early_param("smp.stray_entry", early_smp_stray_entry);

/* ---- hart masks ---- */

/**
 * riscv_for_each_hart_group - call @fn once for each group of the harts
 * of the CPUs in @cpumask that fits one SBI hart mask (hart ids base ..
 * base + 63): @fn(hart_mask, hart_mask_base, @arg).  Harts within 64 ids
 * of each other (every board Arbor knows) make a single call.
 */
void riscv_for_each_hart_group(unsigned long cpumask,
			       void (*fn)(unsigned long hmask, unsigned long hbase,
					  void *arg),
			       void *arg)
{
	while (cpumask) {
		unsigned long base = ULONG_MAX, hmask = 0;
		unsigned int cpu;

		for_each_cpu_in(cpu, cpumask)
			base = min(base, riscv_cpu_hartid[cpu]);
		for_each_cpu_in(cpu, cpumask) {
			unsigned long h = riscv_cpu_hartid[cpu] - base;

			if (h < 8 * sizeof(unsigned long)) {
				hmask |= 1UL << h;
				cpumask &= ~(1UL << cpu);
			}
		}
		fn(hmask, base, arg);
	}
}

static void send_ipi_group(unsigned long hmask, unsigned long hbase, void *arg)
{
	long err = sbi_send_ipi(hmask, hbase);

	(void)arg;
	if (err)
		pr_warn_ratelimited("SBI send_ipi(0x%lx, %lu) failed: %ld\n",
				    hmask, hbase, err);
}

/* arch_send_call_function_ipi_mask - see kernel/smp.h. */
void arch_send_call_function_ipi_mask(unsigned long mask)
{
	riscv_for_each_hart_group(mask, send_ipi_group, NULL);
}

/**
 * riscv_handle_ipi - the supervisor software interrupt: acknowledge it,
 * then run this CPU's call queue (a request queued after the
 * acknowledgement raises the interrupt again).
 */
void riscv_handle_ipi(void)
{
	csr_clear(sip, SIP_SSIP);
	generic_smp_call_function_interrupt();
}

/* ---- stacks ---- */

/**
 * arch_stack_guard_hart - if @addr is in the guard page below a secondary
 * hart's stack, that hart's id; otherwise -1.  For trap handlers that
 * want to say "stack overflow on hart N".  The boot hart's stack (in the
 * image) is not covered here.
 */
int arch_stack_guard_hart(unsigned long addr)
{
	unsigned int cpu;

	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		unsigned long base = READ_ONCE(secondaries[cpu].stack);

		if (base && addr >= base - PAGE_SIZE && addr < base)
			return (int)secondaries[cpu].info.hartid;
	}
	return -1;
}

/* ---- bring-up ---- */

/*
 * Sleep (wfi) until an IPI arrives or about @ns of the time CSR pass
 * (the SBI timer wakes us; interrupts stay masked, nothing is taken).
 * A sleeping hart executes nothing, so under QEMU's round-robin -icount
 * mode the other harts run instead of watching this one spin.
 */
static void wait_ipi_or_timeout(u64 ns)
{
	u64 now, ticks = smp_timebase_hz ? ns * smp_timebase_hz / 1000000000ULL
					   : 100000;

	__asm__ __volatile__("rdtime %0" : "=r"(now));
	csr_set(sie, SIE_STIE);
	sbi_set_timer(now + ticks);
	__asm__ __volatile__("wfi" ::: "memory");
	sbi_set_timer(~0ULL);			/* also clears the pending tick */
	csr_clear(sie, SIE_STIE);
	csr_clear(sip, SIP_SSIP);
}

/* Called by head.S on the new hart: MMU on, own stack and tp. */
void riscv_secondary_start(unsigned long hartid)
{
	struct cpu_info *ci = this_cpu_info();
	struct secondary *sec = container_of(ci, struct secondary, info);
	int expected = HART_STARTING;

	(void)hartid;
	/* Arm the trap entry's stack-overflow check (traps.c) first. */
	riscv_stack_guard_init(ci->cpu, READ_ONCE(sec->stack));
	local_flush_tlb_all();
	if (!__atomic_compare_exchange_n(&sec->state, &expected, HART_ONLINE,
					 false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		arch_halt();		/* too late: the boot hart gave up on us */
	csr_set(sie, SIE_SSIE);
	set_cpu_online(ci->cpu, true);
	sbi_send_ipi(1, riscv_cpu_hartid[0]);	/* wake the boot hart */

	/* Idle: sleep until an interrupt, serve it, sleep again. */
	csr_set(sstatus, SSTATUS_SIE);
	for (;;)
		__asm__ __volatile__("wfi");
}

/* Start hart @hartid as logical CPU @cpu; 0 once it is online. */
static int boot_secondary(unsigned int cpu, unsigned long hartid)
{
	struct secondary *sec = &secondaries[cpu];
	int expected = HART_STARTING;
	u64 start;
	void *stack;
	long err;

	stack = vmalloc(SECONDARY_STACK_SIZE);
	if (!stack) {
		pr_err("CPU%u (hart %lu): no memory for its %lu KiB stack; skipped\n",
		       cpu, hartid, (unsigned long)SECONDARY_STACK_SIZE >> 10);
		return -ENOMEM;
	}
	mod_kernel_stack_kb(SECONDARY_STACK_SIZE >> 10);

	sec->info.cpu = cpu;
	sec->info.hartid = hartid;
	sec->boot.satp = csr_read(satp);
	sec->boot.sp = (unsigned long)stack + SECONDARY_STACK_SIZE;
	sec->boot.tp = (unsigned long)&sec->info;
	sec->boot.va_pa_offset = kernel_va_pa_offset;
	riscv_cpu_hartid[cpu] = hartid;
	WRITE_ONCE(sec->stack, (unsigned long)stack);
	__atomic_store_n(&sec->state, HART_STARTING, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* before the hart reads it */

	err = sbi_hart_start(hartid, stray_entry_test && cpu == 1 ?
			     __pa_symbol(_start) : __pa_symbol(riscv_secondary_entry),
			     __pa_symbol(&sec->boot));
	if (err) {
		pr_err("CPU%u: SBI hart_start of hart %lu failed (error %ld); skipped\n",
		       cpu, hartid, err);
		goto fail;
	}

	start = arch_clock_ns();
	for (unsigned int naps = 0, restarts = 0;; naps++) {
		if (__atomic_load_n(&sec->state, __ATOMIC_ACQUIRE) == HART_ONLINE)
			return 0;
		/* No timebase: count 10 ms naps instead. */
		if (arch_clock_ns() - start > SECONDARY_TIMEOUT_NS ||
		    (!smp_timebase_hz && naps > 100))
			break;
		wait_ipi_or_timeout(10000000);
		/*
		 * Stopped again: it came in at the image entry, lost head.S's
		 * boot lottery and stopped itself.  The firmware has our
		 * start address by now, so a second start goes where asked.
		 */
		if (restarts < SECONDARY_RESTARTS &&
		    sbi_hart_get_status(hartid) == SBI_HSM_STATE_STOPPED) {
			restarts++;
			pr_warn("CPU%u: hart %lu came in at the image entry, not at its start address (firmware HSM race); starting it again\n",
				cpu, hartid);
			err = sbi_hart_start(hartid, __pa_symbol(riscv_secondary_entry),
					     __pa_symbol(&sec->boot));
			if (err)
				pr_err("CPU%u: SBI hart_start of hart %lu failed again (error %ld)\n",
				       cpu, hartid, err);
		}
	}
	if (!__atomic_compare_exchange_n(&sec->state, &expected, HART_ABANDONED,
					 false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;		/* it made it after all */
	pr_err("CPU%u: hart %lu did not come online within 1 s; left out\n",
	       cpu, hartid);
	/* Its stack stays: the hart may still be running on it. */
	return -ETIMEDOUT;
fail:
	WRITE_ONCE(sec->stack, 0);
	__atomic_store_n(&sec->state, HART_OFF, __ATOMIC_RELEASE);
	vfree(stack);
	mod_kernel_stack_kb(-(long)(SECONDARY_STACK_SIZE >> 10));
	return -EIO;
}

/* The hart id in @node's reg, or -1 if it has none. */
static long cpu_node_hartid(const void *fdt, int node, int addr_cells)
{
	const fdt32_t *reg;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || addr_cells < 1 || addr_cells > 2 ||
	    len < addr_cells * (int)sizeof(*reg))
		return -1;
	if (addr_cells == 2)
		return (long)((u64)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]));
	return (long)fdt32_to_cpu(reg[0]);
}

/* Should the hart of @node be started?  Logs why not. */
static bool cpu_node_usable(const void *fdt, int node, unsigned long hartid)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);
	const char *mmu = fdt_getprop(fdt, node, "mmu-type", NULL);

	/* The MMU first: OpenSBI also marks MMU-less harts "disabled"
	 * (fdt_cpu_fixup), and "no MMU" is the reason worth reading, as for
	 * the S7 monitor core that is hart 0 of a JH7110. */
	if (!mmu) {
		pr_info("hart %lu has no MMU (no mmu-type); skipped\n", hartid);
		return false;
	}
	if (!strcmp(mmu, "riscv,none")) {
		pr_info("hart %lu has no MMU (mmu-type \"%s\"); skipped\n", hartid, mmu);
		return false;
	}
	if (status && strcmp(status, "okay") && strcmp(status, "ok")) {
		pr_info("hart %lu is not available (status \"%s\"); skipped\n",
			hartid, status);
		return false;
	}
	return true;
}

/* arch_smp_boot - see kernel/setup.h. */
void arch_smp_boot(void)
{
	const void *fdt = riscv_fdt;
	unsigned int ncpus = 1, next = 1, nodes = 0;
	int cpus, node, addr_cells, nid, err, len;
	const fdt32_t *tb;

	riscv_cpu_hartid[0] = riscv_boot_hartid;
	csr_set(sie, SIE_SSIE);		/* wakes wfi; taken only when polled */
	set_cpu_online(0, true);

	pr_info("Bringing up secondary CPUs ...\n");
	cpus = fdt ? fdt_path_offset(fdt, "/cpus") : -1;
	if (cpus < 0) {
		pr_warn("no /cpus node in the device tree; only the boot hart runs\n");
		goto done;
	}
	if (!sbi_probe_extension(SBI_EXT_HSM)) {
		pr_warn("SBI has no HSM extension; only the boot hart runs\n");
		goto done;
	}
	addr_cells = fdt_address_cells(fdt, cpus);
	tb = fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	if (tb && len == 4)
		smp_timebase_hz = fdt32_to_cpu(*tb);
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		long hartid;

		if (!type || strcmp(type, "cpu"))
			continue;
		hartid = cpu_node_hartid(fdt, node, addr_cells);
		if (hartid < 0) {
			pr_warn("%s has no usable reg; skipped\n",
				fdt_get_name(fdt, node, NULL));
			continue;
		}
		if ((unsigned long)hartid == riscv_boot_hartid)
			continue;
		if (!cpu_node_usable(fdt, node, hartid))
			continue;
		if (next >= NR_CPUS) {
			pr_warn("hart %ld: all %d logical CPUs (NR_CPUS) taken; skipped\n",
				hartid, NR_CPUS);
			continue;
		}
		/* A hart that timed out keeps its slot: it may still wake. */
		err = boot_secondary(next, hartid);
		if (!err) {
			pr_info("CPU%u: Booted secondary processor 0x%010lx\n",
				next, (unsigned long)hartid);
			ncpus++;
		}
		if (!err || err == -ETIMEDOUT)
			next++;
	}
done:
	for_each_online_node(nid)
		nodes++;
	nodes = max(nodes, 1U);
	pr_info("Brought up %u node%s, %u CPU%s\n", nodes, nodes > 1 ? "s" : "",
		ncpus, ncpus > 1 ? "s" : "");
}
