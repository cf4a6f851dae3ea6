// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V boot: from head.S to start_kernel, and the arch hooks that turn
 * the device tree into memblock (include/kernel/setup.h).
 *
 *   head.S -> riscv_setup_vm (MMU off) -> riscv_start -> start_kernel
 *                                          arch_setup:  DTB checks, scan,
 *                                                       early linear map,
 *                                                       console, timebase
 *                                          arch_reserve_memory: DTB, initrd,
 *                                                       firmware regions
 */
#include <kernel/setup.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/of_fdt.h>
#include <kernel/serial.h>
#include <mm/memblock.h>
#include <asm/cpu.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/memlayout.h>
#include <asm/tlbflush.h>
#include <asm/early_console.h>
#include <libfdt.h>

#include "riscv.h"

const char arch_name[] = "riscv64";

struct cpu_info boot_cpu_info;
unsigned long riscv_boot_hartid;
phys_addr_t riscv_dtb_pa;
const void *riscv_fdt;

static u64 timebase_hz;
static void *finisher;		/* QEMU's sifive,test device, if any */

/* Called by head.S at KERNEL_VBASE with the early tables live. */
void riscv_start(unsigned long hartid, phys_addr_t dtb_pa,
		 unsigned long kernel_offset)
{
	kernel_va_pa_offset = kernel_offset;
	riscv_boot_hartid = hartid;
	riscv_dtb_pa = dtb_pa;
	boot_cpu_info.cpu = 0;
	boot_cpu_info.hartid = hartid;
	start_kernel();
}

u64 arch_clock_ns(void)
{
	u64 t;

	if (!timebase_hz)
		return 0;
	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t / timebase_hz * 1000000000ULL +
	       t % timebase_hz * 1000000000ULL / timebase_hz;
}

void riscv_time_init(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/cpus");
	const fdt32_t *p;
	int len;

	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "timebase-frequency", &len);
	if (p && len == 4)
		timebase_hz = fdt32_to_cpu(*p);
}

/* QEMU virt's test device: writing FAIL|code<<16 exits QEMU with code. */
void riscv_finisher_init(const void *fdt)
{
	static const char *const compat[] = { "sifive,test1", "sifive,test0" };

	for (unsigned int i = 0; i < 2 && !finisher; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);
		const fdt32_t *reg;
		int len;

		if (node < 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < 8)
			continue;
		finisher = arch_early_ioremap(
			(phys_addr_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]), 4);
	}
}

#define FINISHER_FAIL	0x3333
#define FINISHER_PASS	0x5555

void arch_poweroff(int status)
{
	if (status == 0) {
		sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
		if (finisher)
			writel(FINISHER_PASS, finisher);
	} else {
		if (finisher)
			writel(FINISHER_FAIL | (u32)status << 16, finisher);
		sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_SYSFAIL);
	}
	arch_halt();
}

void arch_halt(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
	for (;;)
		__asm__ __volatile__("wfi");
}

int arch_setup(void)
{
	const void *fdt = riscv_fdt_fixmap(riscv_dtb_pa);
	size_t window = FIX_FDT_SIZE - (riscv_dtb_pa & (SZ_2M - 1));
	phys_addr_t start, end, limit;
	int err;

	pr_info("SBI specification v%lu.%lu detected\n",
		(sbi_spec_version() >> 24) & 0x7f, sbi_spec_version() & 0xffffff);
	err = early_init_dt_verify(fdt, window);
	if (err)
		return boot_error(err,
			"invalid device tree blob at physical address 0x%016llx: %s; "
			"the boot loader must pass a valid DTB in a1 (QEMU: check -dtb; U-Boot: booti ... ${fdtcontroladdr})",
			(unsigned long long)riscv_dtb_pa, fdt_scan_error());
	pr_info("Boot hart %lu, device tree at 0x%016llx (%u bytes)\n",
		riscv_boot_hartid, (unsigned long long)riscv_dtb_pa,
		fdt_totalsize(fdt));
	riscv_fdt = fdt;
	riscv_time_init(fdt);
	riscv_finisher_init(fdt);

	/* The UART named by /chosen/stdout-path takes over from SBI. */
	serial_setup_from_fdt(fdt);

	err = early_init_dt_scan_nodes(fdt);
	if (err)
		return boot_error(err, "%s; fix the device tree's memory nodes",
				  fdt_scan_error());

	/* Linear map for memblock allocations; RAM it cannot reach is dropped. */
	start = memblock_start_of_DRAM();
	end = memblock_end_of_DRAM();
	limit = riscv_early_linear_map(start, end);
	if (end > limit) {
		pr_warn("memory above 0x%016llx is beyond the %lu GiB linear map: ignored\n",
			(unsigned long long)limit, LINEAR_MAP_SIZE >> 30);
		memblock_remove(limit, end - limit);
	}
	/*
	 * riscv_fdt stays the fixmap address: the window is carried into the
	 * final page tables, and the DTB may lie outside the RAM kept (mem=).
	 */
	memblock_allow_resize();
	return 0;
}

/* The DTB from a1, through its fixmap window (mapped for good). */
const void *arch_boot_fdt(void)
{
	return riscv_fdt;
}

int arch_reserve_memory(void)
{
	early_init_fdt_reserve_self(riscv_dtb_pa, riscv_fdt);
	return early_init_fdt_scan_reserved_mem(riscv_fdt);
}
