// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The words of the kernel fault reports (src/crash.c), checked on the
 * host where nothing has to fault: which section an address is in, the
 * first line of each kind of report, the stack-overflow line, and that
 * crash_trigger() refuses what it does not know.  The faults themselves
 * are exercised in QEMU (tests/qemu/hardening.py).
 *
 * The host's "kernel image" is the 64 KiB stand-in of tests/host/
 * host_arch.c: text 0-24K, rodata 24K-32K, init 32K-36K, data 36K-44K,
 * bss 44K-64K.
 */
#include <kernel/ktest.h>
#include <kernel/crash.h>
#include <kernel/errno.h>
#include <kernel/sections.h>
#include <mm/kernel_map.h>
#include "host.h"

static void crash_host_init(struct ktest_ctx *t)
{
	(void)t;
	host_log_clear();
}

KTEST_SUITE(crash_host, crash_host_init, NULL);

KTEST(crash_host, section_names)
{
	unsigned long start, end;

	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)_stext, &start, &end), ".text");
	KT_EXPECT_EQ(t, start, (unsigned long)_stext);
	KT_EXPECT_EQ(t, end, (unsigned long)_etext);
	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)_etext - 1, NULL, NULL), ".text");
	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)__start_rodata, NULL, NULL), ".rodata");
	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)__init_begin, NULL, NULL), ".init");
	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)_sdata + 8, NULL, NULL), ".data");
	KT_EXPECT_STREQ(t, kernel_section_name((unsigned long)__bss_stop - 1, NULL, NULL), ".bss");
	KT_EXPECT_NULL(t, kernel_section_name((unsigned long)_end, NULL, NULL));
	KT_EXPECT_NULL(t, kernel_section_name(0, NULL, NULL));
}

KTEST(crash_host, null_pointer_report)
{
	const char *what;

	KT_ASSERT_TRUE(t, kernel_pgd == NULL);	/* other suites put it back */
	what = kernel_fault_report(0, (unsigned long)_stext + 0x40, FAULT_ACCESS_READ);
	KT_EXPECT_STREQ(t, what, "NULL pointer dereference");
	KT_EXPECT_TRUE(t, host_log_contains(
		"Unable to handle kernel NULL pointer dereference at virtual address 0x0000000000000000\n"));
	KT_EXPECT_TRUE(t, host_log_contains(" in .text\n"));
	/* Anywhere in page 0 is a NULL dereference (a field of a NULL struct). */
	KT_EXPECT_STREQ(t, kernel_fault_report(0x18, 0, FAULT_ACCESS_WRITE),
			"NULL pointer dereference");
	KT_EXPECT_TRUE(t, host_log_contains("(outside the kernel image)"));
}

KTEST(crash_host, unmapped_address_is_a_paging_request)
{
	/* Without page tables nothing is mapped: not "read-only". */
	KT_EXPECT_STREQ(t, kernel_fault_report((unsigned long)__start_rodata,
					       (unsigned long)_stext, FAULT_ACCESS_WRITE),
			"paging request");
	KT_EXPECT_TRUE(t, host_log_contains("in the kernel image's .rodata section ["));
	KT_EXPECT_TRUE(t, host_log_contains("], mapped nowhere\n"));
}

KTEST(crash_host, stack_overflow_lines)
{
	kernel_stack_overflow_report(2, "hart", 5, 0x1000fc0, 0x1001000);
	KT_EXPECT_TRUE(t, host_log_contains(
		"Kernel stack overflow on CPU 2 (hart 5): sp 0x0000000001000fc0 in the guard page below 0x0000000001001000\n"));
	kernel_stack_overflow_report(0, "APIC", 0, 0x1001080, 0x1001000);
	KT_EXPECT_TRUE(t, host_log_contains(
		"Kernel stack overflow on CPU 0 (APIC 0): sp 0x0000000001001080, 128 bytes above the guard page below 0x0000000001001000"));
}

KTEST(crash_host, unknown_kinds_refused)
{
	KT_EXPECT_SEQ(t, crash_trigger(NULL), -EINVAL);
	KT_EXPECT_SEQ(t, crash_trigger("nothing"), -EINVAL);
	KT_EXPECT_SEQ(t, crash_trigger(""), -EINVAL);
	KT_EXPECT_SEQ(t, crash_trigger("Text"), -EINVAL);
}
