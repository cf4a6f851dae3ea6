// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The self-tests under failure injection.  With fail_page_alloc= or
 * failslab= on the command line, start_kernel runs ktest with this guard
 * (src/ktest.c) around every case of every suite, so each case's
 * allocations -- and the allocations of the kernel code it drives, on
 * every CPU -- may fail:
 *
 *   injection paused:   mm_state_take()     free pages, vmalloc counts,
 *                                           bad-page and slub reports
 *   injection resumed:  suite init, case, suite exit
 *   injection paused:   case failed and >= 1 allocation was failed on
 *                       purpose meanwhile?  "# SKIP injected allocation
 *                       failure (N)": the case could not do its work,
 *                       which is no bug.  Failed with none injected: FAIL.
 *                       mm_state_expect(): every count back (slub reports:
 *                       plus those the case provoked on purpose,
 *                       mm_provoked_slab_bugs), buddy_check,
 *                       slab_check_all, vmalloc_check pass -- else FAIL,
 *                       excused or not: a refused allocation may stop a
 *                       case, never lose memory or break an allocator.
 *
 * A crash or a hang is caught outside (tests/qemu/hardening.py).  The
 * `fail_inject` suite's own workload takes the switch with
 * fail_inject_enable(); its failures are not counted as the boot
 * parameters' (mm/fail_inject.c), so a failure there is always real.
 *
 * Kernel only: the host harness builds a machine in each suite's init,
 * which no snapshot taken before it could match.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <mm/fail_inject.h>
#include "mm_state.h"

unsigned long mm_provoked_slab_bugs;

static struct mm_state guard_start;
static unsigned long guard_injected;	/* fail_inject_injected() before */
static char guard_reason[48];

/* For the summary line. */
static unsigned int guard_cases, guard_hit, guard_skipped;

static void fail_inject_guard_before(struct ktest_ctx *t)
{
	(void)t;
	fail_inject_pause();	/* fail_inject.boot leaves it on */
	mm_state_take(&guard_start);
	mm_provoked_slab_bugs = 0;
	guard_injected = fail_inject_injected();
	fail_inject_resume();
}

static void fail_inject_guard_after(struct ktest_ctx *t)
{
	struct mm_state want = guard_start;
	unsigned long injected;

	fail_inject_pause();
	injected = fail_inject_injected() - guard_injected;
	guard_cases++;
	guard_hit += injected != 0;
	if (t->failures && injected) {
		snprintf(guard_reason, sizeof(guard_reason),
			 "injected allocation failure (%lu)", injected);
		t->excused = t->failures;
		t->skip = guard_reason;
	}
	/* Reports the case asked for are its work, not a finding. */
	want.slab_bugs += mm_provoked_slab_bugs;
	mm_state_expect(t, &want);
	guard_skipped += t->excused && t->failures == t->excused;
}

/*
 * "# fail_inject: 195 cases under injection, 120 met a failure, 9 skipped
 * for it" and what each attribute injected.
 */
static void fail_inject_guard_end(void)
{
	printk("# fail_inject: %u cases under injection, %u met an injected failure, %u skipped for it\n",
	       guard_cases, guard_hit, guard_skipped);
	fail_inject_report("# ");
}

const struct ktest_guard fail_inject_guard = {
	.before = fail_inject_guard_before,
	.after = fail_inject_guard_after,
	.end = fail_inject_guard_end,
};
