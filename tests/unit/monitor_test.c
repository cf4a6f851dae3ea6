// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the mm> monitor's parsing (src/monitor.c): numbers as users
 * type them, and command lines that must be refused with a usage line
 * before anything is allocated.  The commands themselves are exercised
 * over QEMU's serial console by tests/qemu/monitor_session.py.
 */
#include <kernel/ktest.h>
#include <kernel/monitor.h>
#include <kernel/errno.h>

KTEST_SUITE(monitor, NULL, NULL);

static u64 parsed(const char *s)
{
	u64 v = 0xdead;

	return monitor_parse_u64(s, &v) ? v : 0xdead;
}

KTEST(monitor, numbers)
{
	KT_EXPECT_EQ(t, parsed("0"), 0);
	KT_EXPECT_EQ(t, parsed("42"), 42);
	KT_EXPECT_EQ(t, parsed("0x80200000"), 0x80200000);
	KT_EXPECT_EQ(t, parsed("0XfF"), 0xff);
	KT_EXPECT_EQ(t, parsed("40K"), 40960);
	KT_EXPECT_EQ(t, parsed("2m"), 2UL << 20);
	KT_EXPECT_EQ(t, parsed("1G"), 1UL << 30);
	KT_EXPECT_EQ(t, parsed("0x10k"), 16384);
	KT_EXPECT_EQ(t, parsed("18446744073709551615"), ~0ULL);
}

KTEST(monitor, bad_numbers)
{
	static const char *const bad[] = {
		"", "x", "-1", "0x", "12abc", "4KK", "4K1", "1T", "0xg",
		"18446744073709551616", "0x10000000000000000", "17179869184G",
		" 1", "1 ",
	};
	u64 v = 7;

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KT_EXPECT_FALSE(t, monitor_parse_u64(bad[i], &v));
	KT_EXPECT_EQ(t, v, 7);		/* untouched on failure */
	KT_EXPECT_FALSE(t, monitor_parse_u64(NULL, &v));
}

KTEST(monitor, ranges)
{
	u64 v = 0;

	KT_EXPECT_TRUE(t, monitor_parse_range("10", 0, 10, &v));
	KT_EXPECT_EQ(t, v, 10);
	KT_EXPECT_FALSE(t, monitor_parse_range("11", 0, 10, &v));
	KT_EXPECT_FALSE(t, monitor_parse_range("0", 1, 10, &v));
	KT_EXPECT_EQ(t, v, 10);
}

KTEST(monitor, refused_lines)
{
	KT_EXPECT_SEQ(t, monitor_exec(""), 0);
	KT_EXPECT_SEQ(t, monitor_exec("   \t "), 0);
	KT_EXPECT_SEQ(t, monitor_exec("frobnicate"), -ENOENT);
	KT_EXPECT_SEQ(t, monitor_exec("a b c d e f g h i"), -E2BIG);
	KT_EXPECT_SEQ(t, monitor_exec("alloc"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("alloc pages 11"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("alloc pages 2 0"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("alloc kmalloc 0"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("alloc vmalloc"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("alloc slab 3"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("free x"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("free 4000000000"), -ENOENT);
	KT_EXPECT_SEQ(t, monitor_exec("page"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("page nope 1"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("frag"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("freeblocks 11"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("bench nothing"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("crash"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("crash everything"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("poweroff now"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("help me"), -EINVAL);
	KT_EXPECT_SEQ(t, monitor_exec("selftest lib monitor"), -EINVAL);
}

/*
 * A selftest filter that names no suite is refused before any KTAP is
 * printed (and before ktest_run() could reset the totals of the run this
 * case is part of); commas select several suites.
 */
KTEST(monitor, selftest_filter)
{
	KT_EXPECT_EQ(t, ktest_count_suites("no_such_suite"), 0);
	KT_EXPECT_EQ(t, ktest_count_suites("monitor"), 1);
	KT_EXPECT_EQ(t, ktest_count_suites("lib,monitor,no_such_suite"), 2);
	KT_EXPECT_TRUE(t, ktest_count_suites("all") >= 2);
	KT_EXPECT_SEQ(t, monitor_exec("selftest no_such_suite"), -ENOENT);
}
