/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ktest: unit tests that run both on the host (under ASan/UBSan) and inside
 * the kernel (under QEMU), printing KTAP as Linux's KUnit does.
 *
 *	KTEST_SUITE(memblock, NULL, NULL);
 *
 *	KTEST(memblock, add_disjoint)
 *	{
 *		memblock_add(0x1000, 0x1000);
 *		KT_EXPECT_EQ(t, memblock.memory.cnt, 1);
 *	}
 *
 * Suites and cases are collected by the linker (sections "ktest_suites" and
 * "ktest_cases"), so adding a file adds its tests.  A failed KT_EXPECT_*
 * records the failure and continues; a failed KT_ASSERT_* ends the case.
 */
#ifndef _KERNEL_KTEST_H
#define _KERNEL_KTEST_H

#include <kernel/types.h>
#include <kernel/compiler.h>

struct ktest_ctx {
	const char *suite;
	const char *name;
	int failures;		/* failed expectations in this case */
	const char *skip;	/* set by KT_SKIP: reason the case was skipped */
	int excused;		/* failures a guard explained (then: skip) */
};

struct ktest_suite {
	const char *name;
	/* Run before and after every case of the suite; may be NULL. */
	void (*init)(struct ktest_ctx *t);
	void (*exit)(struct ktest_ctx *t);
};

struct ktest_case {
	const char *suite;
	const char *name;
	void (*run)(struct ktest_ctx *t);
};

#define KTEST_SUITE(sname, init_fn, exit_fn)				\
	static const struct ktest_suite __ktest_suite_##sname		\
	__section("ktest_suites") __used __aligned(8) = {		\
		.name = #sname, .init = (init_fn), .exit = (exit_fn),	\
	}

#define KTEST(sname, cname)						\
	static void ktest_##sname##_##cname(struct ktest_ctx *t);	\
	static const struct ktest_case __ktest_case_##sname##_##cname	\
	__section("ktest_cases") __used __aligned(8) = {		\
		.suite = #sname, .name = #cname,			\
		.run = ktest_##sname##_##cname,				\
	};								\
	static void ktest_##sname##_##cname(struct ktest_ctx *t)

/* Record a failure with a formatted explanation (used by the macros). */
void ktest_fail(struct ktest_ctx *t, const char *file, int line,
		const char *fmt, ...) __printf(4, 5);

#define __KT_CMP(t, a, op, b, on_fail)					\
	do {								\
		unsigned long long __a = (unsigned long long)(a);	\
		unsigned long long __b = (unsigned long long)(b);	\
		if (!(__a op __b)) {					\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "Expected %s %s %s, but %s == 0x%llx (%llu), %s == 0x%llx (%llu)", \
				   #a, #op, #b, #a, __a, __a, #b, __b, __b); \
			on_fail;					\
		}							\
	} while (0)

#define __KT_SCMP(t, a, op, b, on_fail)					\
	do {								\
		long long __a = (long long)(a);				\
		long long __b = (long long)(b);				\
		if (!(__a op __b)) {					\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "Expected %s %s %s, but %s == %lld, %s == %lld", \
				   #a, #op, #b, #a, __a, #b, __b);	\
			on_fail;					\
		}							\
	} while (0)

#define __KT_TRUE(t, c, on_fail)					\
	do {								\
		if (!(c)) {						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "Expected %s to be true", #c);	\
			on_fail;					\
		}							\
	} while (0)

#define __KT_STREQ(t, a, b, on_fail)					\
	do {								\
		const char *__a = (a), *__b = (b);			\
		if (!ktest_streq(__a, __b)) {				\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "Expected %s == %s, but \"%s\" != \"%s\"", \
				   #a, #b, __a ? __a : "(null)",		\
				   __b ? __b : "(null)");		\
			on_fail;					\
		}							\
	} while (0)

bool ktest_streq(const char *a, const char *b);

/* Unsigned comparisons (addresses, sizes, counts). */
#define KT_EXPECT_EQ(t, a, b)	__KT_CMP(t, a, ==, b, (void)0)
#define KT_EXPECT_NE(t, a, b)	__KT_CMP(t, a, !=, b, (void)0)
#define KT_EXPECT_LT(t, a, b)	__KT_CMP(t, a, <, b, (void)0)
#define KT_EXPECT_LE(t, a, b)	__KT_CMP(t, a, <=, b, (void)0)
#define KT_EXPECT_GT(t, a, b)	__KT_CMP(t, a, >, b, (void)0)
#define KT_EXPECT_GE(t, a, b)	__KT_CMP(t, a, >=, b, (void)0)
#define KT_ASSERT_EQ(t, a, b)	__KT_CMP(t, a, ==, b, return)
#define KT_ASSERT_NE(t, a, b)	__KT_CMP(t, a, !=, b, return)
#define KT_ASSERT_LE(t, a, b)	__KT_CMP(t, a, <=, b, return)
#define KT_ASSERT_GE(t, a, b)	__KT_CMP(t, a, >=, b, return)
/* Signed comparison (error codes). */
#define KT_EXPECT_SEQ(t, a, b)	__KT_SCMP(t, a, ==, b, (void)0)
#define KT_ASSERT_SEQ(t, a, b)	__KT_SCMP(t, a, ==, b, return)

#define KT_EXPECT_TRUE(t, c)	__KT_TRUE(t, c, (void)0)
#define KT_EXPECT_FALSE(t, c)	__KT_TRUE(t, !(c), (void)0)
#define KT_ASSERT_TRUE(t, c)	__KT_TRUE(t, c, return)
#define KT_ASSERT_FALSE(t, c)	__KT_TRUE(t, !(c), return)
#define KT_EXPECT_NULL(t, p)	__KT_TRUE(t, (p) == NULL, (void)0)
#define KT_EXPECT_NOT_NULL(t, p) __KT_TRUE(t, (p) != NULL, (void)0)
#define KT_ASSERT_NOT_NULL(t, p) __KT_TRUE(t, (p) != NULL, return)
#define KT_EXPECT_STREQ(t, a, b) __KT_STREQ(t, a, b, (void)0)
#define KT_ASSERT_STREQ(t, a, b) __KT_STREQ(t, a, b, return)

#define KT_SKIP(t, reason)	do { (t)->skip = (reason); return; } while (0)

/*
 * Run every suite whose name is listed in @filter (comma separated; NULL or
 * "all" runs everything), printing KTAP.  Returns the number of failed cases.
 */
int ktest_run(const char *filter);

/*
 * How many suites ktest_run(@filter) would run, printing nothing: lets a
 * caller refuse a filter that names no suite before any KTAP is printed.
 */
unsigned int ktest_count_suites(const char *filter);

/*
 * Hooks that ktest_run_guarded() runs around every case: before() ahead
 * of the suite's init, after() once the suite's exit has run.  after()
 * may excuse the failures recorded so far (t->excused = t->failures, the
 * reason in t->skip): the case is then reported "ok N name # SKIP
 * reason", unless more failures are recorded after that (by after()
 * itself, say), which fail it.  end() runs once, after the totals.
 * tests/unit/fail_inject_guard.c is the one guard.
 */
struct ktest_guard {
	void (*before)(struct ktest_ctx *t);
	void (*after)(struct ktest_ctx *t);
	void (*end)(void);
};

/* ktest_run() with @g's hooks around every case (@g NULL: none). */
int ktest_run_guarded(const char *filter, const struct ktest_guard *g);

/* Under fail_page_alloc=/failslab=: tests/unit/fail_inject_guard.c. */
extern const struct ktest_guard fail_inject_guard;

/* Count of cases passed/failed/skipped by the last ktest_run(). */
struct ktest_totals {
	unsigned int pass, fail, skip;
};
extern struct ktest_totals ktest_totals;

#endif /* _KERNEL_KTEST_H */
