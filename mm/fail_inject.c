// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Failure injection for the page and slab allocators (include/mm/
 * fail_inject.h): fail_page_alloc=<percent>[,<seed>],
 * failslab=<percent>[,<seed>] and fail_inject.boot.
 *
 * What it owns
 *   The two attributes, their deterministic generators and the global
 *   switch with its owner:
 *
 *     off --fail_inject_resume()--> the boot parameters' --pause()--> off
 *      |                            (counted: fail_inject_injected())
 *      +--fail_inject_enable()--> a test's --fail_inject_disable()--> off
 *                                 (generators restarted from the seeds)
 *
 *   A test's fail_inject_enable() takes the switch from the boot
 *   parameters too; its failures are its own and are not counted as the
 *   boot parameters'.  A decision while the switch is on:
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
 *   path skips slab_alloc(), and alloc_pages()' skips alloc_pages_node(),
 *   so the switch also turns them off (kmalloc_fast_enable(),
 *   page_alloc_fast_enable()): with injection on, every kmalloc() and
 *   alloc_pages() reaches a hook.
 *
 * Who calls it, when
 *   parse_early_param() reads the boot parameters.  With fail_inject.boot
 *   injection is resumed right there, so every allocation from the first
 *   slab page on may fail: kmem_cache_init(), vmalloc_init(), page
 *   tables, the console's ioremap(), the secondary CPUs' stacks.  The
 *   ktest runner (tests/unit/fail_inject_guard.c) resumes it around each
 *   self-test case and pauses it in between, when either attribute was
 *   given on the command line.  The `fail_inject` suite calls
 *   fail_inject_enable()/disable() around its own workload, and the fuzz
 *   targets around theirs.  Without the boot parameters nothing else
 *   turns injection on.
 *
 * Locking: a decision takes no lock: the generator steps by
 *   compare-and-swap and the counters are atomic adds.  fail_inject_lock
 *   (interrupts off) serialises the switch -- enable, disable, resume,
 *   pause, setting an attribute -- with the kmalloc lookup it empties or
 *   fills.  The switch is read without the lock: a decision that races
 *   with turning it on or off may go either way, which is all a test
 *   needs.
 */
#include <mm/fail_inject.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
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
/* fail_inject.boot was given. */
static bool boot_injection;

/* Who turned the switch on (written under fail_inject_lock). */
enum fi_owner { FI_OFF, FI_RESUMED, FI_TEST };
static enum fi_owner fi_owner;

/*
 * Decisions and failures while the boot parameters owned the switch,
 * [0] pages and [1] slab, since boot: outside the attributes, which the
 * tests restart and copy back.
 */
static struct {
	unsigned long calls, failures;
} resumed[2];

static u64 first_state(u64 seed)
{
	return seed ? seed : FAIL_INJECT_ZERO_SEED;
}

/*
 * One decision of @a: true if the allocation is to fail.  Lock-free: the
 * generator steps by compare-and-swap, so that CPUs deciding at once
 * each take their own step (and a CPU preempted by its hypervisor holds
 * nobody up, as a spinning lock holder would under QEMU's TCG).
 */
static bool should_fail(struct fault_attr *a)
{
	u64 old, x;
	bool fail;
	int who;

	if (!__atomic_load_n(&fail_inject_on, __ATOMIC_RELAXED) ||
	    !a->probability)
		return false;
	old = __atomic_load_n(&a->state, __ATOMIC_RELAXED);
	do {
		x = old;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	} while (!__atomic_compare_exchange_n(&a->state, &old, x, true,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	fail = x % 100 < a->probability;
	__atomic_fetch_add(&a->calls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&a->failures, fail, __ATOMIC_RELAXED);
	who = a == &failslab;
	if (__atomic_load_n(&fi_owner, __ATOMIC_RELAXED) == FI_RESUMED) {
		__atomic_fetch_add(&resumed[who].calls, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&resumed[who].failures, fail, __ATOMIC_RELAXED);
	}
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

/*
 * The fast paths that skip the hooks: kmalloc()'s cache lookup and
 * alloc_pages()' per-CPU pop.  Off while injection is on.
 */
static void fast_paths(bool on)
{
	kmalloc_fast_enable(on);
	page_alloc_fast_enable(on);
}

/* fail_inject_enable - see fail_inject.h. */
void fail_inject_enable(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	restart(&fail_page_alloc);
	restart(&failslab);
	__atomic_store_n(&fi_owner, FI_TEST, __ATOMIC_RELAXED);
	__atomic_store_n(&fail_inject_on, true, __ATOMIC_RELEASE);
	fast_paths(false);
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_disable - see fail_inject.h. */
void fail_inject_disable(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	__atomic_store_n(&fi_owner, FI_OFF, __ATOMIC_RELAXED);
	__atomic_store_n(&fail_inject_on, false, __ATOMIC_RELEASE);
	fast_paths(true);
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_resume - see fail_inject.h. */
void fail_inject_resume(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	if (fi_owner == FI_OFF && cmdline_set_mask) {
		__atomic_store_n(&fi_owner, FI_RESUMED, __ATOMIC_RELAXED);
		__atomic_store_n(&fail_inject_on, true, __ATOMIC_RELEASE);
		fast_paths(false);
	}
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_pause - see fail_inject.h. */
void fail_inject_pause(void)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_inject_lock, flags);
	if (fi_owner == FI_RESUMED) {
		__atomic_store_n(&fi_owner, FI_OFF, __ATOMIC_RELAXED);
		__atomic_store_n(&fail_inject_on, false, __ATOMIC_RELEASE);
		fast_paths(true);
	}
	spin_unlock_irqrestore(&fail_inject_lock, flags);
}

/* fail_inject_injected - see fail_inject.h. */
unsigned long fail_inject_injected(void)
{
	return __atomic_load_n(&resumed[0].failures, __ATOMIC_RELAXED) +
	       __atomic_load_n(&resumed[1].failures, __ATOMIC_RELAXED);
}

/* fail_inject_report - see fail_inject.h. */
void fail_inject_report(const char *prefix)
{
	printk("%sfail_inject: fail_page_alloc=%u,%llu injected %lu of %lu, failslab=%u,%llu injected %lu of %lu%s\n",
	       prefix, fail_page_alloc.probability,
	       (unsigned long long)fail_page_alloc.seed, resumed[0].failures,
	       resumed[0].calls, failslab.probability,
	       (unsigned long long)failslab.seed, resumed[1].failures,
	       resumed[1].calls, boot_injection ? " (from boot)" : "");
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
	if (!a)
		return cmdline_set_mask;
	return cmdline_set_mask & (a == &fail_page_alloc ? 1 : 2);
}

/* fail_inject_from_boot - see fail_inject.h. */
bool fail_inject_from_boot(void)
{
	return boot_injection && cmdline_set_mask;
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

/*
 * fail_inject.boot: inject from boot on, not only while the self-tests
 * run.  Takes effect with the attributes whatever their order on the
 * command line; without fail_page_alloc= or failslab= it does nothing.
 */
static int early_fail_inject_boot(char *arg)
{
	(void)arg;
	boot_injection = true;
	return 0;
}
early_param("fail_inject.boot", early_fail_inject_boot);
