// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86-64 boot: from head.S to start_kernel, and the arch hooks that turn
 * the boot loader's information into memblock (include/kernel/setup.h).
 *
 *   head.S -> x86_start: GDT/TSS/IDT, CPUID -> start_kernel
 *             arch_setup:          PVH start_info or Multiboot2 MBI,
 *                                  ttyS0 on COM1, E820 (or a DTB module)
 *                                  -> memblock.memory, ACPI, TSC
 *             arch_reserve_memory: page 0, the boot data and modules,
 *                                  then the DTB's own reservations
 *
 * A device tree passed as the first module (QEMU: -initrd file.dtb; GRUB:
 * module2) replaces the E820 map as the description of RAM: its memory
 * nodes, /memreserve/ and /reserved-memory go through the same generic
 * scan as on RISC-V (src/fdt_scan.c, unchanged).  The E820 map is still
 * printed.  The boot loader's command line wins over /chosen/bootargs
 * when it is not empty.
 */
#include <kernel/setup.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/of_fdt.h>
#include <kernel/serial.h>
#include <mm/memblock.h>
#include <asm/cpu.h>
#include <asm/page.h>
#include <asm/early_console.h>
#include <libfdt.h>

#include "x86.h"

const char arch_name[] = "x86_64";

/* Linear-map and image offsets (asm/page.h): fixed on x86-64. */
unsigned long va_pa_offset = PAGE_OFFSET;
unsigned long kernel_va_pa_offset = KERNEL_VA_PA_OFFSET;

struct x86_boot_params x86_boot;

static const void *x86_fdt;
static phys_addr_t x86_fdt_pa;

/* Called by head.S at KERNEL_VBASE on the boot stack, early tables live. */
void x86_start(void)
{
	x86_tsc_mark_boot();
	x86_cpu_early_init();
	x86_traps_init();
	start_kernel();
}

/* Record a range the loader wrote into RAM (page-aligned outward later). */
void x86_boot_add_range(phys_addr_t base, phys_addr_t size, const char *what)
{
	if (!size || x86_boot.nr_ranges == X86_MAX_BOOT_RANGES)
		return;
	x86_boot.ranges[x86_boot.nr_ranges++] =
		(struct x86_boot_range){ base, size, what };
}

/* The first module, if it is a flattened device tree; NULL otherwise. */
static const void *dtb_module(phys_addr_t *pa)
{
	const void *blob;

	if (!x86_boot.nr_modules)
		return NULL;
	*pa = x86_boot.modules[0].base;
	if (*pa >= SZ_4G || x86_boot.modules[0].size < 8 ||
	    x86_boot.modules[0].size > SZ_4G - *pa)
		return NULL;
	blob = __va(*pa);
	return fdt_magic(blob) == FDT_MAGIC ? blob : NULL;
}

static int setup_from_fdt(const void *fdt, phys_addr_t pa, size_t size)
{
	int err = early_init_dt_verify(fdt, size);

	if (err)
		return boot_error(err,
			"invalid device tree in module 0 at 0x%016llx (%zu bytes): %s; "
			"pass a valid DTB (QEMU: -initrd file.dtb) or none to use the E820 map",
			(unsigned long long)pa, size, fdt_scan_error());
	pr_info("x86: device tree at 0x%016llx (%u bytes) from module 0 describes RAM\n",
		(unsigned long long)pa, fdt_totalsize(fdt));
	err = early_init_dt_scan_nodes(fdt);
	if (err)
		return boot_error(err, "%s; fix the device tree's memory nodes",
				  fdt_scan_error());
	return 0;
}

int arch_setup(void)
{
	const char *cmdline;
	int err;

	/* COM1 through the generic 8250 driver replaces the boot console. */
	serial_setup_port(X86_COM1_PORT);
	x86_print_cpu_features();

	switch (x86_boot_protocol) {
	case X86_BOOT_PVH:
		err = x86_parse_pvh(x86_boot_info_pa);
		break;
	case X86_BOOT_MB2:
		err = x86_parse_multiboot2(x86_boot_info_pa);
		break;
	default:
		err = boot_error(-EINVAL, "unknown boot protocol %u from head.S",
				 x86_boot_protocol);
		break;
	}
	if (err)
		return err;
	e820_print();
	x86_acpi_init();
	x86_tsc_init();

	cmdline = x86_boot.cmdline ? x86_boot.cmdline : "";
	cmdline_set(cmdline);
	x86_fdt = dtb_module(&x86_fdt_pa);
	if (x86_fdt) {
		err = setup_from_fdt(x86_fdt, x86_fdt_pa, x86_boot.modules[0].size);
		if (!err && *cmdline)
			cmdline_set(cmdline);
	} else {
		e820_trim_bios_range();
		err = e820_memblock_setup();
	}
	if (err)
		return err;

	/*
	 * Until the final tables map all RAM, memblock may hand out only
	 * what the early linear map reaches (arch_switch_pgtable() lifts it).
	 */
	memblock_set_current_limit(SZ_4G);
	memblock_allow_resize();
	return 0;
}

/* The DTB module, in the linear map (reserved for good); NULL without one. */
const void *arch_boot_fdt(void)
{
	return x86_fdt;
}

int arch_reserve_memory(void)
{
	/*
	 * Page 0 holds the real-mode IVT and BIOS data, and physical 0 is the
	 * page-table allocator's "no page": never hand it out, even when a
	 * device tree calls it RAM (the E820 path already left it out).
	 */
	memblock_reserve(0, PAGE_SIZE);
	for (unsigned int i = 0; i < x86_boot.nr_ranges; i++) {
		const struct x86_boot_range *r = &x86_boot.ranges[i];
		phys_addr_t start = ALIGN_DOWN(r->base, PAGE_SIZE);
		phys_addr_t end = ALIGN(r->base + r->size, PAGE_SIZE);

		pr_info("x86: reserve %s [mem 0x%016llx-0x%016llx]\n", r->what,
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1));
		memblock_reserve(start, end - start);
	}
	if (!x86_fdt)
		return 0;
	early_init_fdt_reserve_self(x86_fdt_pa, x86_fdt);
	return early_init_fdt_scan_reserved_mem(x86_fdt);
}
