// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ktest runner: walks the linker-collected suites and cases and prints
 * KTAP version 1 exactly as Linux's KUnit does, so the same parser reads
 * the host harness and the kernel:
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: memblock
 *       1..3
 *       ok 1 add_disjoint
 *       # add_overlap: EXPECTATION FAILED at mm/x.c:10
 *       #     Expected a == b, but ...
 *       not ok 2 add_overlap
 *       ok 3 nothing # SKIP needs 2 GiB
 *   # memblock: pass:1 fail:1 skip:1 total:3
 *   not ok 1 memblock
 *
 * and, after the totals, how often each mm invariant checker ran
 * (include/mm/mm_checks.h).
 *
 * A guard (ktest_run_guarded()) wraps every case, init and exit
 * included; it may excuse a failed case, which is then reported as
 * "ok 2 add_overlap # SKIP <its reason>" after the failed expectations.
 * Under failure injection the guard is tests/unit/fail_inject_guard.c.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/mm_checks.h>

extern const struct ktest_suite __start_ktest_suites[], __stop_ktest_suites[];
extern const struct ktest_case __start_ktest_cases[], __stop_ktest_cases[];

struct ktest_totals ktest_totals;

bool ktest_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void ktest_fail(struct ktest_ctx *t, const char *file, int line,
		const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	printk("    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	printk("    #     %s\n", msg);
}

/* Is @name one of the comma-separated names in @filter? */
static bool selected(const char *filter, const char *name)
{
	size_t len = strlen(name);

	if (!filter || !*filter || !strcmp(filter, "all"))
		return true;
	for (const char *p = filter; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, name, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

static unsigned int count_cases(const char *suite)
{
	unsigned int n = 0;

	for (const struct ktest_case *c = __start_ktest_cases;
	     c < __stop_ktest_cases; c++)
		if (!strcmp(c->suite, suite))
			n++;
	return n;
}

static bool run_suite(const struct ktest_suite *s, unsigned int index,
		      const struct ktest_guard *g)
{
	unsigned int n = 0, pass = 0, fail = 0, skip = 0;

	printk("    KTAP version 1\n");
	printk("    # Subtest: %s\n", s->name);
	printk("    1..%u\n", count_cases(s->name));
	for (const struct ktest_case *c = __start_ktest_cases;
	     c < __stop_ktest_cases; c++) {
		struct ktest_ctx t = { .suite = s->name, .name = c->name };

		if (strcmp(c->suite, s->name))
			continue;
		n++;
		if (g)
			g->before(&t);
		if (s->init)
			s->init(&t);
		if (!t.failures && !t.skip)
			c->run(&t);
		if (s->exit)
			s->exit(&t);
		if (g)
			g->after(&t);
		if (t.failures > t.excused) {
			printk("    not ok %u %s\n", n, c->name);
			fail++;
		} else if (t.skip) {
			printk("    ok %u %s # SKIP %s\n", n, c->name, t.skip);
			skip++;
		} else {
			printk("    ok %u %s\n", n, c->name);
			pass++;
		}
	}
	printk("# %s: pass:%u fail:%u skip:%u total:%u\n", s->name, pass, fail,
	       skip, n);
	printk("%s %u %s\n", fail ? "not ok" : "ok", index, s->name);
	ktest_totals.pass += pass;
	ktest_totals.fail += fail;
	ktest_totals.skip += skip;
	return fail == 0;
}

/*
 * "# Invariant checks: memblock:N buddy:N ... total:N": how often each mm
 * checker ran (since boot, or since the host program started).
 */
static void print_check_counts(void)
{
	char buf[160];
	size_t len = 0;

	for (int i = 0; i < NR_MM_CHECKS; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, " %s:%lu",
				 mm_check_names[i], mm_checks_run[i]);
	printk("# Invariant checks:%s total:%lu\n", buf, mm_checks_total());
}

unsigned int ktest_count_suites(const char *filter)
{
	unsigned int n = 0;

	for (const struct ktest_suite *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++)
		if (selected(filter, s->name))
			n++;
	return n;
}

int ktest_run(const char *filter)
{
	return ktest_run_guarded(filter, NULL);
}

int ktest_run_guarded(const char *filter, const struct ktest_guard *g)
{
	unsigned int index = 0, failed_suites = 0;

	ktest_totals = (struct ktest_totals){ 0 };
	printk("KTAP version 1\n");
	printk("1..%u\n", ktest_count_suites(filter));
	for (const struct ktest_suite *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++) {
		if (!selected(filter, s->name))
			continue;
		if (!run_suite(s, ++index, g))
			failed_suites++;
	}
	printk("# Totals: pass:%u fail:%u skip:%u total:%u\n",
	       ktest_totals.pass, ktest_totals.fail, ktest_totals.skip,
	       ktest_totals.pass + ktest_totals.fail + ktest_totals.skip);
	print_check_counts();
	if (g && g->end)
		g->end();
	return (int)ktest_totals.fail;
}
