// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checks of the live kernel page tables built by paging_init(): W^X, the
 * linear map covering exactly the RAM outside NOMAP, page 0 unmapped, the
 * image sections' permissions.  On the host no kernel tables are
 * installed, so the cases skip there.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/sections.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/kernel_map.h>
#include <asm/page.h>

static void need_tables(struct ktest_ctx *t)
{
	if (!kernel_pgd)
		t->skip = "no kernel page tables installed (host)";
}

KTEST_SUITE(kernel_map, need_tables, NULL);

KTEST(kernel_map, no_wx_mappings)
{
	KT_EXPECT_EQ(t, pgtable_check_wx(kernel_pgd), 0);
}

KTEST(kernel_map, tables_consistent)
{
	KT_EXPECT_EQ(t, pgtable_check(kernel_pgd), 0);
}

KTEST(kernel_map, linear_map_exactly_ram)
{
	phys_addr_t base = memblock_start_of_DRAM();
	unsigned long offset = (unsigned long)__va(base) - (unsigned long)base;

	KT_EXPECT_EQ(t, pgtable_verify_linear(kernel_pgd, &memblock.memory, offset), 0);
}

KTEST(kernel_map, page_zero_unmapped)
{
	KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd, 0, NULL, NULL));
	KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd, PAGE_SIZE, NULL, NULL));
}

KTEST(kernel_map, image_permissions)
{
	unsigned int prot = 0;
	phys_addr_t pa = 0;

	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)_stext, &pa, &prot));
	KT_EXPECT_EQ(t, pa, __pa_symbol(_stext));
	KT_EXPECT_EQ(t, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), PROT_READ | PROT_EXEC);

	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)__start_rodata, &pa, &prot));
	KT_EXPECT_EQ(t, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), PROT_READ);

	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)_sdata, &pa, &prot));
	KT_EXPECT_EQ(t, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), PROT_READ | PROT_WRITE);

	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)__bss_start, &pa, &prot));
	KT_EXPECT_EQ(t, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), PROT_READ | PROT_WRITE);
}

KTEST(kernel_map, linear_map_uses_large_leaves)
{
	struct memblock_region *r;
	unsigned long big = 0;

	/* A bank of at least 2 MiB, 2 MiB-aligned, is mapped with big leaves. */
	for_each_mem_region(r) {
		int level = 0;
		phys_addr_t pa = (r->base + SZ_2M - 1) & ~(phys_addr_t)(SZ_2M - 1);

		if (memblock_is_nomap(r) || pa + SZ_2M > r->base + r->size)
			continue;
		if (pgtable_walk(kernel_pgd, (unsigned long)__va(pa), &level) && level >= 1)
			big++;
	}
	KT_EXPECT_GT(t, big, 0);
}
