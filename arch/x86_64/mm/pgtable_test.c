// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * In-kernel tests of the x86-64 page tables (ktest=x86_pgtable,x86_mm):
 *
 *   x86_pgtable  the asm/pgtable.h encoding: leaves and tables per level,
 *                PROT_* round trips, PAT not read as an address bit, the
 *                reserved encodings, the 1 GiB leaf following CPUID
 *   x86_mm       the live final tables, checked by the MMU itself: the
 *                fault probes (kernel/entry.S) touch addresses that must
 *                fault (page 0, the dropped identity map, writes to text
 *                and rodata, fetches from data) and the #PF handler's
 *                fixup reports address and error code
 *
 * The x86_mm cases need paging_init() to have run (kernel_pgd set);
 * before that they are skipped.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <kernel/sections.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/memblock.h>
#include <asm/processor.h>

#include "../kernel/x86.h"

KTEST_SUITE(x86_pgtable, NULL, NULL);

KTEST(x86_pgtable, leaf_and_table_per_level)
{
	pte_t pte = pte_mk_leaf(0x1234000, PAGE_KERNEL, 0);
	pte_t pmd = pte_mk_leaf(0x40200000, PAGE_KERNEL, 1);
	pte_t tbl = pte_mk_table(0x5000);

	/* Level 0: no PS (it would be PAT), yet a leaf. */
	KT_EXPECT_EQ(t, pte & _PAGE_PSE, 0);
	KT_EXPECT_TRUE(t, pte_is_leaf(pte, 0));
	KT_EXPECT_EQ(t, pte_phys(pte, 0), 0x1234000);
	/* Level 1: PS marks the leaf. */
	KT_EXPECT_NE(t, pmd & _PAGE_PSE, 0);
	KT_EXPECT_TRUE(t, pte_is_leaf(pmd, 1));
	KT_EXPECT_EQ(t, pte_phys(pmd, 1), 0x40200000);
	/* A table entry: P W A and the address, never a leaf above 0. */
	KT_EXPECT_EQ(t, tbl, 0x5000 | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED);
	KT_EXPECT_FALSE(t, pte_is_leaf(tbl, 1));
	KT_EXPECT_FALSE(t, pte_is_leaf(tbl, 3));
	KT_EXPECT_EQ(t, pte_phys(tbl, 2), 0x5000);
}

KTEST(x86_pgtable, pat_bit_is_not_address)
{
	pte_t pmd = pte_mk_leaf(0x40200000, PAGE_KERNEL, 1) | _PAGE_PAT_LARGE;
	pte_t pud = pte_mk_leaf(0x80000000, PAGE_KERNEL, 2) | _PAGE_PAT_LARGE;

	KT_EXPECT_EQ(t, pte_phys(pmd, 1), 0x40200000);
	KT_EXPECT_EQ(t, pte_phys(pud, 2), 0x80000000);
}

KTEST(x86_pgtable, prot_round_trip)
{
	static const unsigned int prots[] = {
		PAGE_KERNEL, PAGE_KERNEL_RO, PAGE_KERNEL_EXEC, PAGE_KERNEL_IO,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(prots); i++) {
		for (unsigned int level = 0; level < 2; level++) {
			unsigned int want = prots[i] | PROT_READ;
			unsigned int got = pte_prot(pte_mk_leaf(0x200000, prots[i], level));

			if (!x86_nx_mask)
				want |= PROT_EXEC;	/* nothing can forbid it */
			KT_EXPECT_EQ(t, got, want);
		}
	}
	/* W^X: only text is executable, and it is not writable. */
	KT_EXPECT_EQ(t, !!(pte_mk_leaf(0, PAGE_KERNEL, 0) & _PAGE_NX), !!x86_nx_mask);
	KT_EXPECT_EQ(t, pte_mk_leaf(0, PAGE_KERNEL_EXEC, 0) & (_PAGE_NX | _PAGE_RW), 0);
	/* MMIO is uncached: PCD and PWT. */
	KT_EXPECT_EQ(t, pte_mk_leaf(0, PAGE_KERNEL_IO, 0) & (_PAGE_PCD | _PAGE_PWT),
		     _PAGE_PCD | _PAGE_PWT);
}

KTEST(x86_pgtable, reserved_encodings)
{
	pte_t big = pte_mk_table(0x1000) | _PAGE_PSE;

	KT_EXPECT_NOT_NULL(t, pte_reserved_reason(big, 3));
	if (x86_gbpages)
		KT_EXPECT_NULL(t, pte_reserved_reason(pte_mk_leaf(0x40000000, PAGE_KERNEL, 2), 2));
	else
		KT_EXPECT_NOT_NULL(t, pte_reserved_reason(pte_mk_leaf(0x40000000, PAGE_KERNEL, 2), 2));
	KT_EXPECT_NULL(t, pte_reserved_reason(pte_mk_leaf(0x200000, PAGE_KERNEL, 1), 1));
	KT_EXPECT_NULL(t, pte_reserved_reason(pte_mk_table(0x1000), 3));
}

KTEST(x86_pgtable, gib_leaf_follows_cpuid)
{
	u32 a, b, c, d = 0;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a >= 0x80000001)
		cpuid(0x80000001, &a, &b, &c, &d);
	else
		d = 0;
	KT_EXPECT_EQ(t, pt_level_has_leaf(2), !!(d & X86_EXT_GBPAGES));
	KT_EXPECT_TRUE(t, pt_level_has_leaf(0));
	KT_EXPECT_TRUE(t, pt_level_has_leaf(1));
	KT_EXPECT_FALSE(t, pt_level_has_leaf(3));
}

KTEST(x86_pgtable, flags_string)
{
	char buf[PTE_FLAGS_STR_SIZE];

	pte_flags_str(pte_mk_leaf(0x200000, PAGE_KERNEL, 1), buf, sizeof(buf));
	KT_EXPECT_STREQ(t, buf, x86_nx_mask ? "NX G PS D A . . . W P" : ". G PS D A . . . W P");
	pte_flags_str(pte_mk_table(0x1000), buf, sizeof(buf));
	KT_EXPECT_STREQ(t, buf, ". . . . A . . . W P");
}

/* ---- the live tables ---- */

static void need_final_tables(struct ktest_ctx *t)
{
	if (!kernel_pgd)
		t->skip = "the final page tables are not installed yet";
}

KTEST_SUITE(x86_mm, NULL, NULL);

extern char x86_ret_insn[];
static const u8 some_rodata = 0x5a;
static u8 data_ret_insn[16] __aligned(16) = { 0xc3 };

/* Did the last probe fault, at @addr, with error code @err? */
static void expect_fault(struct ktest_ctx *t, int ret, unsigned long before,
			 const void *addr, unsigned long err)
{
	KT_EXPECT_SEQ(t, ret, -EFAULT);
	KT_EXPECT_EQ(t, x86_last_fixup.count, before + 1);
	KT_EXPECT_EQ(t, x86_last_fixup.vector, 14);
	KT_EXPECT_EQ(t, x86_last_fixup.addr, (unsigned long)addr);
	KT_EXPECT_EQ(t, x86_last_fixup.error_code, err);
}

KTEST(x86_mm, cr3_is_kernel_pgd)
{
	need_final_tables(t);
	if (t->skip)
		return;
	KT_EXPECT_EQ(t, read_cr3() & _PAGE_ADDR, __pa(kernel_pgd));
}

KTEST(x86_mm, page_zero_unmapped)
{
	unsigned long before = x86_last_fixup.count;
	u8 v;

	need_final_tables(t);
	if (t->skip)
		return;
	/* Not present, read, supervisor: error code 0. */
	expect_fault(t, x86_probe_read(NULL, &v), before, NULL, 0);
}

KTEST(x86_mm, identity_map_dropped)
{
	const void *image_pa = (const void *)KERNEL_LOAD_PA;
	unsigned long before = x86_last_fixup.count;
	u8 v;

	need_final_tables(t);
	if (t->skip)
		return;
	expect_fault(t, x86_probe_read(image_pa, &v), before, image_pa, 0);
}

KTEST(x86_mm, text_and_rodata_not_writable)
{
	unsigned long before = x86_last_fixup.count;

	need_final_tables(t);
	if (t->skip)
		return;
	/* Present, write: 0x3.  The probes write what is there already. */
	expect_fault(t, x86_probe_write((void *)&some_rodata, some_rodata), before,
		     &some_rodata, 0x3);
	expect_fault(t, x86_probe_write(x86_ret_insn, 0xc3), before + 1,
		     x86_ret_insn, 0x3);
}

KTEST(x86_mm, data_not_executable)
{
	unsigned long before = x86_last_fixup.count;

	need_final_tables(t);
	if (t->skip)
		return;
	if (!x86_nx_mask)
		KT_SKIP(t, "the CPU has no NX");
	/* Present, instruction fetch: 0x11. */
	expect_fault(t, x86_probe_exec(data_ret_insn), before, data_ret_insn, 0x11);
	KT_EXPECT_SEQ(t, x86_probe_exec(x86_ret_insn), 0);
}

KTEST(x86_mm, translate_agrees_with_sections)
{
	phys_addr_t pa;
	unsigned int prot;
	u8 v;

	need_final_tables(t);
	if (t->skip)
		return;
	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)_stext, &pa, &prot));
	KT_EXPECT_EQ(t, pa, __pa_symbol(_stext));
	KT_EXPECT_EQ(t, prot & (PROT_WRITE | PROT_EXEC), PROT_EXEC);
	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)&some_rodata, &pa, &prot));
	KT_EXPECT_EQ(t, pa, __pa_symbol(&some_rodata));
	KT_EXPECT_EQ(t, prot & (PROT_WRITE | PROT_EXEC), 0);
	KT_ASSERT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)data_ret_insn, &pa, &prot));
	KT_EXPECT_EQ(t, prot & (PROT_WRITE | PROT_EXEC),
		     x86_nx_mask ? PROT_WRITE : PROT_WRITE | PROT_EXEC);
	/* The same bytes through the linear map. */
	KT_EXPECT_SEQ(t, x86_probe_read(__va(__pa_symbol(&some_rodata)), &v), 0);
	KT_EXPECT_EQ(t, v, some_rodata);
}

/* A 1 GiB-aligned GiB of RAM (no NOMAP) is one 1 GiB leaf iff pdpe1gb. */
KTEST(x86_mm, linear_map_leaf_size)
{
	struct memblock_region *r;
	int level = -1;

	need_final_tables(t);
	if (t->skip)
		return;
	for_each_mem_region(r) {
		phys_addr_t g = ALIGN(r->base, SZ_1G);

		if (memblock_is_nomap(r) || g + SZ_1G > r->base + r->size)
			continue;
		KT_ASSERT_NOT_NULL(t, pgtable_walk(kernel_pgd, (unsigned long)__va(g), &level));
		KT_EXPECT_EQ(t, level, x86_gbpages ? 2 : 1);
		return;
	}
	KT_SKIP(t, "no whole, aligned GiB of RAM");
}

KTEST(x86_mm, boot_stack_guard_unmapped)
{
	extern char boot_stack_guard[];
	unsigned long before = x86_last_fixup.count;
	u8 v;

	need_final_tables(t);
	if (t->skip)
		return;
	expect_fault(t, x86_probe_read(boot_stack_guard + 100, &v), before,
		     boot_stack_guard + 100, 0);
}

/* The generic checkers accept the final tables: structure, W^X, linear map. */
KTEST(x86_mm, generic_checks_pass)
{
	need_final_tables(t);
	if (t->skip)
		return;
	KT_EXPECT_SEQ(t, pgtable_check(kernel_pgd), 0);
	KT_EXPECT_SEQ(t, pgtable_check_wx(kernel_pgd), 0);
	KT_EXPECT_SEQ(t, pgtable_verify_linear(kernel_pgd, &memblock.memory, va_pa_offset), 0);
}
