// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's commands about the kernel as a whole: run the self-tests
 * or the invariant checkers, drain the per-CPU page lists, print the log
 * kept in memory, crash on purpose, power off.
 *
 * `crash KIND [CPU]` hands KIND to crash_trigger_on() (include/kernel/crash.h),
 * which makes the kernel take the fault on purpose so its report can be
 * read, and panics (on CPU if given, through a cross-CPU call; otherwise
 * here); the monitor first turns printk timestamps back on, so
 * the report looks like any other oops.  If the fault does not happen the
 * protection is missing: crash_trigger() says so and the monitor goes on.
 *
 * `poweroff` prints Linux's "reboot: Power down" (with its timestamp, as
 * at the end of a boot) and powers off with status 0: QEMU exits 0.
 */
#include <kernel/monitor.h>
#include <kernel/crash.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <asm/cpu.h>

int monitor_cmd_selftest(int argc, char **argv)
{
	const char *filter = argc == 2 ? argv[1] : "all";

	if (argc > 2)
		return -EINVAL;
	/* A filter naming no suite gets one line, not an empty KTAP plan. */
	if (!ktest_count_suites(filter)) {
		pr_info("selftest: no suite matches '%s'\n", filter);
		return -ENOENT;
	}
	ktest_run(filter);
	pr_info("selftest: %u passed, %u failed, %u skipped\n", ktest_totals.pass,
		ktest_totals.fail, ktest_totals.skip);
	return 0;
}

static int report_check(const char *what, int err)
{
	pr_info("check: %-9s %s\n", what, err ? "FAILED (see above)" : "ok");
	return err ? 1 : 0;
}

int monitor_cmd_check(int argc, char **argv)
{
	int failed = 0;

	(void)argv;
	if (argc != 1)
		return -EINVAL;
	failed += report_check("memblock", memblock_check());
	failed += report_check("buddy", buddy_check());
	failed += report_check("slab", slab_check_all());
	failed += report_check("vmalloc", vmalloc_check());
	if (kernel_pgd) {
		failed += report_check("pgtable", pgtable_check(kernel_pgd));
		failed += report_check("w^x", pgtable_check_wx(kernel_pgd));
	}
	pr_info("check: %s\n", failed ? "some invariants are broken" : "all invariants hold");
	return 0;
}

static unsigned long pcp_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_pcp_pages(zone);
	return n;
}

int monitor_cmd_drain(int argc, char **argv)
{
	unsigned long before = pcp_pages();

	(void)argv;
	if (argc != 1)
		return -EINVAL;
	drain_all_pages(NULL);
	pr_info("drain: %lu pages moved from the per-CPU lists to the buddy lists (%lu left)\n",
		before - min(before, pcp_pages()), pcp_pages());
	return 0;
}

int monitor_cmd_dmesg(int argc, char **argv)
{
	static char buf[16 * 1024];	/* printk keeps the last 16 KiB */
	size_t n;

	(void)argv;
	if (argc != 1)
		return -EINVAL;
	/* console_write, not printk: the log must not grow while it is read. */
	n = printk_log_read(buf, sizeof(buf), 0);
	console_write(buf, n);
	return 0;
}

int monitor_cmd_crash(int argc, char **argv)
{
	static const char *const kinds[] = { "guard", "text", "rodata", "null", "stack" };
	bool known = false;
	int err, cpu = smp_processor_id();
	char *end;

	if (argc != 2 && argc != 3)
		return -EINVAL;
	for (unsigned int i = 0; i < ARRAY_SIZE(kinds); i++)
		known |= !strcmp(argv[1], kinds[i]);
	if (!known)
		return -EINVAL;
	if (argc == 3) {
		cpu = (int)strtoul(argv[2], &end, 10);
		if (end == argv[2] || *end)
			return -EINVAL;
		if (!cpu_online(cpu)) {
			pr_info("crash: CPU %s is not online (%u online)\n", argv[2],
				num_online_cpus());
			return -ENXIO;
		}
	}
	monitor_output_end();
	err = crash_trigger_on(argv[1], cpu);
	monitor_output_begin();
	pr_info("crash: the kernel survived '%s' on CPU %d (%d)\n", argv[1], cpu, err);
	return err == -EINVAL ? -EINVAL : -EFAULT;
}

int monitor_cmd_poweroff(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	monitor_output_end();
	pr_notice("reboot: Power down\n");
	arch_poweroff(POWEROFF_SUCCESS);
}
