/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the memblock test files (tests/unit/memblock_*_test.c
 * and tests/host/memblock_host_test.c).
 *
 * Every case starts from an empty memblock (memblock_reset() in the suite's
 * init hook).  Inside the kernel the live memblock must survive the suite,
 * so init saves it and exit puts it back: the struct itself, plus the
 * contents of the static arrays (the only storage the tests overwrite; an
 * array that was doubled at boot lives elsewhere and is never touched).
 * One thing cannot be put back from outside memblock.c: arrays may not
 * grow again after the suite until memblock_allow_resize() is called.
 */
#ifndef _TESTS_MEMBLOCK_TEST_H
#define _TESTS_MEMBLOCK_TEST_H

#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <mm/memblock.h>

static struct memblock mbt_saved;
static struct memblock_region mbt_saved_mem[INIT_MEMBLOCK_REGIONS];
static struct memblock_region mbt_saved_rsv[INIT_MEMBLOCK_RESERVED_REGIONS];
static bool mbt_saved_debug;

static inline void mbt_save_array(struct memblock_region *dst,
				  const struct memblock_type *type,
				  unsigned long n)
{
	memcpy(dst, type->regions, min(n, type->max) * sizeof(*dst));
}

static void __maybe_unused memblock_test_init(struct ktest_ctx *t)
{
	(void)t;
	mbt_saved = memblock;
	mbt_saved_debug = memblock_debug;
	mbt_save_array(mbt_saved_mem, &memblock.memory, INIT_MEMBLOCK_REGIONS);
	mbt_save_array(mbt_saved_rsv, &memblock.reserved,
		       INIT_MEMBLOCK_RESERVED_REGIONS);
	memblock_debug = false;
	memblock_reset();
}

static void __maybe_unused memblock_test_exit(struct ktest_ctx *t)
{
	(void)t;
	memblock_reset();
	/* After the reset, .regions point at the static arrays. */
	if (mbt_saved.memory.regions == memblock.memory.regions)
		memcpy(memblock.memory.regions, mbt_saved_mem,
		       sizeof(mbt_saved_mem));
	if (mbt_saved.reserved.regions == memblock.reserved.regions)
		memcpy(memblock.reserved.regions, mbt_saved_rsv,
		       sizeof(mbt_saved_rsv));
	memblock = mbt_saved;
	memblock_debug = mbt_saved_debug;
}

/* The invariant checker passes. */
#define MB_CHECK(t)	KT_EXPECT_SEQ(t, memblock_check(), 0)

/* Region @i of @type is [b, b + s). */
#define MB_EXPECT_RGN(t, type, i, b, s)					\
	do {								\
		KT_EXPECT_EQ(t, (type).regions[i].base, (b));		\
		KT_EXPECT_EQ(t, (type).regions[i].size, (s));		\
	} while (0)

/* Region @i of @type has node @n and flags @f. */
#define MB_EXPECT_ATTR(t, type, i, n, f)				\
	do {								\
		KT_EXPECT_SEQ(t, (type).regions[i].nid, (n));		\
		KT_EXPECT_EQ(t, (type).regions[i].flags, (f));		\
	} while (0)

/* @type holds @c regions totalling @sz bytes. */
#define MB_EXPECT_TYPE(t, type, c, sz)					\
	do {								\
		KT_EXPECT_EQ(t, (type).cnt, (c));			\
		KT_EXPECT_EQ(t, (type).total_size, (sz));		\
	} while (0)

#endif /* _TESTS_MEMBLOCK_TEST_H */
