// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the small library pieces every other part relies on: the
 * formatter behind printk, memparse, and command-line parsing.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>

KTEST_SUITE(lib, NULL, NULL);

static const char *fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, size, f, ap);
	va_end(ap);
	return buf;
}

KTEST(lib, vsnprintf_integers)
{
	char b[64];

	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%d %i %u", -42, 7, 4000000000u), "-42 7 4000000000");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%ld %lld", -1L, -9223372036854775807LL - 1),
			"-1 -9223372036854775808");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%x %X %#x %o", 0xbeefu, 0xbeefu, 0x1fu, 8u),
			"beef BEEF 0x1f 10");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%016llx", 0x80000000ULL), "0000000080000000");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%zu %hhu %hu", (size_t)12, 300, 70000), "12 44 4464");
}

KTEST(lib, vsnprintf_width_precision)
{
	char b[64];

	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "[%5d|%-5d|%05d]", 42, 42, -42), "[   42|42   |-0042]");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "[%4c|%-3s|%.2s|%*d]", 'x', "ab", "abcd", 4, 1),
			"[   x|ab |ab|   1]");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%5.3d|%+d|% d", 7, 5, 5), "  007|+5| 5");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "%s", (char *)NULL), "(null)");
	KT_EXPECT_STREQ(t, fmt(b, sizeof(b), "100%%"), "100%");
}

KTEST(lib, vsnprintf_truncates)
{
	char b[8];
	int n = snprintf(b, sizeof(b), "%s", "0123456789");

	KT_EXPECT_EQ(t, n, 10);
	KT_EXPECT_STREQ(t, b, "0123456");
	KT_EXPECT_EQ(t, scnprintf(b, sizeof(b), "%s", "0123456789"), 7);
	KT_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

KTEST(lib, memparse_suffixes)
{
	char *end;

	KT_EXPECT_EQ(t, memparse("512M", &end), 512ULL << 20);
	KT_EXPECT_EQ(t, *end, '\0');
	KT_EXPECT_EQ(t, memparse("2G", NULL), 2ULL << 30);
	KT_EXPECT_EQ(t, memparse("16k", NULL), 16ULL << 10);
	KT_EXPECT_EQ(t, memparse("0x1000", NULL), 0x1000);
	KT_EXPECT_EQ(t, memparse("3T", NULL), 3ULL << 40);
	KT_EXPECT_EQ(t, memparse("123", &end), 123);
}

KTEST(lib, cmdline_find_option)
{
	char v[32];
	const char *cl = "console=ttyS0 mem=512M  quiet memblock=debug mem=1G \"x=a b\"";

	KT_EXPECT_TRUE(t, cmdline_find_option(cl, "mem", v, sizeof(v)));
	KT_EXPECT_STREQ(t, v, "1G");	/* the last one wins */
	KT_EXPECT_TRUE(t, cmdline_find_option(cl, "quiet", v, sizeof(v)));
	KT_EXPECT_STREQ(t, v, "");
	KT_EXPECT_TRUE(t, cmdline_find_option(cl, "x", v, sizeof(v)));
	KT_EXPECT_STREQ(t, v, "a b");
	KT_EXPECT_FALSE(t, cmdline_find_option(cl, "me", v, sizeof(v)));
	KT_EXPECT_FALSE(t, cmdline_find_option(cl, "loglevel", v, sizeof(v)));
}

KTEST(lib, string_functions)
{
	char a[16] = "hello";

	KT_EXPECT_EQ(t, strlen(a), 5);
	KT_EXPECT_EQ(t, strnlen(a, 3), 3);
	KT_EXPECT_TRUE(t, strchr(a, 'l') == a + 2);
	KT_EXPECT_TRUE(t, strrchr(a, 'l') == a + 3);
	KT_EXPECT_TRUE(t, memchr(a, 'o', 5) == a + 4);
	memmove(a + 1, a, 5);
	KT_EXPECT_EQ(t, memcmp(a, "hhello", 6), 0);
	memset(a, 'z', 3);
	KT_EXPECT_EQ(t, strncmp(a, "zzzllo", 6), 0);
	KT_EXPECT_EQ(t, strtoul("0x7f", NULL, 0), 0x7f);
	KT_EXPECT_EQ(t, strtoul("777", NULL, 8), 0777);
}
