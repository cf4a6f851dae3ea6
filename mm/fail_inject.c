// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Failure injection for the page and slab allocators (include/mm/
 * fail_inject.h): fail_page_alloc=<percent>[,<seed>] and
 * failslab=<percent>[,<seed>].
 *
 * What it owns
 *   The two attributes, their deterministic generators and the global
 *   switch.  A decision while enabled:
 *
 *     state ^= state << 13; state ^= state >> 7; state ^= state << 17;
 *     fail = state % 100 < probability
 *
 *   (Marsaglia's xorshift64; a seed of 0 is replaced by a fixed odd
 *   constant, since the generator must never hold 0.)  The hooks are
 *   called at the top of alloc_pages_node() and slab_alloc(): everything
 *   that allocates pages or objects goes through one of them, so one
 *   switch covers slab refills, vmalloc's pages and bookkeeping, page
 *   tables and kmalloc's large allocations.  kmalloc()'s inline fast
 *   path skips slab_alloc(), so the switch also empties its cache lookup
 *   (kmalloc_fast_enable()): with injection on, every kmalloc() reaches
 *   the hook.
 *
 * Who calls it, when
 *   parse_early_param() reads the two boot parameters; the `fail_inject`
 *   self-test suite calls fail_inject_enable()/disable() around its
 *   workload.  Nothing enables injection during boot.
 *
 * Locking: fail_inject_lock (interrupts off) around a decision, so that
 *   several CPUs draw from one generator without tearing it, and around
 *   enable/disable with the kmalloc lookup they switch.  The
 *   enabled flag is read without the lock: a decision that races with
 *   enable/disable may go either way, which is all a test needs.
 */
#include <mm/fail_inject.h>
#include <mm/slab.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>

/* Used for a seed of 0 (xorshift64 never leaves 0). */
#define FAIL_INJECT_ZERO_SEED	0x9e3779b97f4a7c15ULL

struct fault_attr fail_page_alloc = { .name = "fail_page_alloc" };
struct fault_attr failslab = { .name = "failslab" };

bool fail_inject_on;
static DEFINE_SPINLOCK(fail_inject_lock);
/* Attributes set by a boot parameter (bit 0 pages, bit 1 slab). */
static unsigned int cmdline_set_mask;

static u64 first_state(u64 seed)
{
	return seed ? seed : FAIL_INJECT_ZERO_SEED;
}

/* One decision of @a: true if the allocation is to fail. */
static bool should_fail(struct fault_attr *a)
{
	unsigned long flags;
	bool fail;
	u64 x;

	if (!__atomic_load_n(&fail_inject_on, __ATOMIC_RELAXED) ||
	    !a->probability)
		return false;
	spin_lock_irqsave(&fail_inject_lock, flags);
	x = a->state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	a->state = x;
	fail = x % 100 < a->probability;
	a->calls++;
	a->failures += fail;
	spin_unlock_irqrestore(&fail_inject_lock, flags);
	return fail;
}

/* __should_fail_alloc_page - see fail_inject.h (should_fail_alloc_page). */
bool __should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	(void)order;
	return should_fail(&fail_page_alloc);
}

/* __should_failslab - see fail_inject.h (should_failslab). */
bool __should_failslab(struct kmem_cache *s, gfp_t gfp)
{
	(void)s;
	(void)gfp;
	return should_fail(&failslab);
}

static void restart(struct fault_attr *a)
{
	a->state = first_state(a->seed);
	a->calls = 0;
	a->failures = 0;
}

/* fail_inject_enable - see fail_inject.h. */
void fail_inject_enable(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	restart(&fail_page_alloc);
	restart(&failslab);
	__atomic_store_n(&fail_inject_on, true, __ATOMIC_RELEASE);
	kmalloc_fast_enable(false);	/* kmalloc()'s fast path: see kmalloc.c */
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_disable - see fail_inject.h. */
void fail_inject_disable(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	__atomic_store_n(&fail_inject_on, false, __ATOMIC_RELEASE);
	kmalloc_fast_enable(true);
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_enabled - see fail_inject.h. */
bool fail_inject_enabled(void)
{
	return __atomic_load_n(&fail_inject_on, __ATOMIC_ACQUIRE);
}

/* fail_inject_set - see fail_inject.h. */
int fail_inject_set(struct fault_attr *a, unsigned int percent, u64 seed)
{
	unsigned long flags;

	if (percent > 100)
		return -EINVAL;
	spin_lock_irqsave(&fail_inject_lock, flags);
	a->probability = percent;
	a->seed = seed;
	a->state = first_state(seed);
	spin_unlock_irqrestore(&fail_inject_lock, flags);
	return 0;
}

/* fail_inject_parse - see fail_inject.h. */
int fail_inject_parse(struct fault_attr *a, const char *arg)
{
	unsigned long long percent, seed = 0;
	char *end;

	if (!arg || !*arg)
		return -EINVAL;
	percent = strtoull(arg, &end, 0);
	if (end == arg || percent > 100)
		return -EINVAL;
	if (*end == ',') {
		const char *s = end + 1;

		seed = strtoull(s, &end, 0);
		if (end == s)
			return -EINVAL;
	}
	if (*end)
		return -EINVAL;
	return fail_inject_set(a, (unsigned int)percent, seed);
}

/* fail_inject_from_cmdline - see fail_inject.h. */
bool fail_inject_from_cmdline(const struct fault_attr *a)
{
	return cmdline_set_mask & (a == &fail_page_alloc ? 1 : 2);
}

/* fail_page_alloc=<percent>[,<seed>] */
static int early_fail_page_alloc(char *arg)
{
	int err = fail_inject_parse(&fail_page_alloc, arg);

	if (!err)
		cmdline_set_mask |= 1;
	return err;
}
early_param("fail_page_alloc", early_fail_page_alloc);

/* failslab=<percent>[,<seed>] */
static int early_failslab(char *arg)
{
	int err = fail_inject_parse(&failslab, arg);

	if (!err)
		cmdline_set_mask |= 2;
	return err;
}
early_param("failslab", early_failslab);
