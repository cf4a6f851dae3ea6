// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * start_kernel: the generic boot sequence, one commented step per line
 * (DESIGN.md §3).  The arch entry code calls it on the boot CPU with the
 * MMU on, a stack, and nothing else set up.
 *
 *   early console -> memory map into memblock -> reservations -> mem=
 *   -> kernel page tables -> memmap and zones -> buddy -> slab -> vmalloc
 *   -> secondary CPUs -> self-tests -> monitor
 *
 * Every step returns an error instead of stopping; this file is the one
 * place that turns a boot error into a panic, with the message the failing
 * step recorded (what, the values, the remedy).
 */
#include <kernel/setup.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>
#include <kernel/ktest.h>
#include <kernel/crash.h>
#include <kernel/monitor.h>
#include <kernel/serial.h>
#include <kernel/errno.h>
#include <kernel/sections.h>
#include <mm/memblock.h>
#include <mm/kernel_map.h>
#include <mm/mmzone.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>
#include <mm/slab.h>
#include <mm/fail_inject.h>
#include <asm/cpu.h>
#include <asm/page.h>
#include <asm/early_console.h>

static phys_addr_t memory_limit = PHYS_ADDR_MAX;

/* mem=SIZE: use at most SIZE bytes of RAM (Linux's meaning). */
static int early_mem(char *arg)
{
	if (!arg)
		return -EINVAL;
	memory_limit = memparse(arg, NULL) & PAGE_MASK;
	return 0;
}
early_param("mem", early_mem);

static char ktest_filter[64];

/* ktest=all|suite[,suite]: run the in-kernel self-tests at boot. */
static int early_ktest(char *arg)
{
	snprintf(ktest_filter, sizeof(ktest_filter), "%s", arg ? arg : "all");
	return 0;
}
early_param("ktest", early_ktest);

/* Reserve the kernel image: [_start, _end) at wherever it was loaded. */
static int reserve_kernel_image(void)
{
	phys_addr_t base = __pa_symbol(_start);
	phys_addr_t size = (phys_addr_t)(_end - _start);

	if (!memblock_is_region_memory(base, size))
		return boot_error(-EINVAL,
			"the kernel image [mem 0x%016llx-0x%016llx] is not inside RAM the firmware described; "
			"check the memory nodes of the device tree or the load address",
			(unsigned long long)base, (unsigned long long)(base + size - 1));
	pr_info("Kernel image: [mem 0x%016llx-0x%016llx] (%llu KiB) at 0x%016lx\n",
		(unsigned long long)base, (unsigned long long)(base + size - 1),
		(unsigned long long)(size >> 10), (unsigned long)_start);
	return memblock_reserve(base, size);
}

/* Apply mem=: drop RAM beyond the first memory_limit bytes. */
static void apply_memory_limit(void)
{
	if (memory_limit == PHYS_ADDR_MAX)
		return;
	pr_notice("Memory limited to %lluMB\n",
		  (unsigned long long)(memory_limit >> 20));
	memblock_enforce_memory_limit(memory_limit);
}

/*
 * The remedy for a boot allocation that failed: more RAM, unless failure
 * injection made it fail (fail_inject.boot), which no RAM would cure.
 */
static const char *boot_alloc_remedy(void)
{
	if (fail_inject_injected())
		return "the failure was injected (fail_page_alloc=/failslab= with fail_inject.boot); "
		       "boot without fail_inject.boot, or with other seeds";
	return "boot with more RAM";
}

static void print_memblock_lists(void)
{
	pr_info("memblock/memory:\n");
	memblock_debugfs_show(&memblock.memory);
	pr_info("memblock/reserved:\n");
	memblock_debugfs_show(&memblock.reserved);
}

void start_kernel(void)
{
	int err;

	/* Early console: printk works from here on. */
	early_console_init();
	pr_notice("Arbor version %s (%s) booting on CPU %d\n", ARBOR_VERSION,
		  arch_name, arch_cpu_id());

	/* Find RAM (device tree or arch memory map) and the command line. */
	err = arch_setup();
	if (err)
		panic("%s", boot_error_msg);
	pr_notice("Kernel command line: %s\n", boot_command_line);

	/* Command-line options that shape boot: mem=, memblock=debug, ... */
	parse_early_param();

	/* fail_inject.boot: from the first slab page on, allocations may fail. */
	if (fail_inject_from_boot())
		fail_inject_resume();

	/* The kernel image first, so nothing is allocated on top of it. */
	err = reserve_kernel_image();
	if (err)
		panic("%s", boot_error_msg);

	/* DTB, initrd, firmware, /memreserve/ and /reserved-memory. */
	err = arch_reserve_memory();
	if (err)
		panic("%s", boot_error_msg);

	/* mem=: forget RAM above the limit. */
	apply_memory_limit();
	memblock_dump_all();
	print_memblock_lists();

	/* Kernel page tables: linear map of RAM, W^X image; switch to them. */
	err = paging_init();
	if (err)
		panic("%s", boot_error_msg);

	/* memmap (struct page per frame) and zones with watermarks. */
	err = zones_init();
	if (err)
		panic("%s", boot_error_msg);

	/* Every free memblock range goes to the buddy allocator. */
	memblock_free_all();

	/* Slab caches and kmalloc on top of the page allocator. */
	err = kmem_cache_init();
	if (err)
		panic("kmem_cache_init failed (%d): cannot create the kmalloc caches; %s",
		      err, boot_alloc_remedy());

	/* From now on page-table pages come from the buddy allocator. */
	pgtable_set_allocator(&pgtable_alloc_buddy);

	/* Virtual areas for vmalloc, vmap and ioremap. */
	err = vmalloc_init();
	if (err)
		panic("vmalloc_init failed (%d): no memory for the first vmap_area; %s",
		      err, boot_alloc_remedy());

	/* The console's registers move from the fixmap to ioremap space. */
	if (serial_remap())
		pr_warn("serial: no memory to ioremap ttyS0; it stays at its early fixmap mapping\n");

	/* Secondary CPUs: every other hart/CPU starts and idles until called. */
	arch_smp_boot();

	/* fail_inject.boot: what boot's allocations met. */
	if (fail_inject_from_boot())
		fail_inject_report("");

	/*
	 * Self-tests, when asked for with ktest=, then power off with their
	 * status (KUnit's kunit.shutdown: CI reads QEMU's exit status).
	 * Under fail_page_alloc=/failslab= every case runs with injection
	 * on and is checked for lost memory (tests/unit/fail_inject_guard.c).
	 */
	if (ktest_filter[0]) {
		ktest_run_guarded(ktest_filter, fail_inject_from_cmdline(NULL) ?
				  &fail_inject_guard : NULL);
		pr_notice("reboot: Power down\n");
		arch_poweroff(ktest_totals.fail ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
	}

	/* crash=KIND: fault on purpose (src/crash.c); the report panics. */
	crash_boot_check();

	/* The mm> monitor on the console; only `poweroff` (or `crash`) leaves. */
	monitor_run(&(struct monitor_boot){
		.getc = serial_getc,	/* polled; -1 when nothing was typed */
		.fdt = arch_boot_fdt(),	/* for `fdt`; NULL after E820 boots */
	});
}
