/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host "arch" page-table encoding: a made-up but complete format, so the
 * generic walker, mapper and dumper (mm/pgtable.c) run on the host with a
 * second geometry besides Sv39 (tests/host/sv39_test.c).  Nothing walks
 * these tables in hardware; the tests walk them with the generic code.
 *
 * The geometry is x86-64's 4-level paging: a 48-bit virtual address through
 * four tables of 512 entries, level 3 the root, level 0 4 KiB pages.  The
 * root cannot hold a leaf, so mapping a 1 GiB block always needs one table
 * below the root:
 *
 *    63       48 47      39 38      30 29      21 20      12 11          0
 *   +-----------+----------+----------+----------+----------+-------------+
 *   | copies of | level 3  | level 2  | level 1  | level 0  | page offset |
 *   | bit 47    | (root)   | 1 GiB/e  | 2 MiB/e  | 4 KiB/e  |             |
 *   +-----------+----------+----------+----------+----------+-------------+
 *                no leaf     1 GiB leaf 2 MiB leaf 4 KiB leaf
 *
 * An entry (its own layout, deliberately unlike Sv39's: the address is not
 * shifted, execute permission is a "no-execute" bit, and leaves are marked
 * by a bit rather than by their permissions):
 *
 *    63 62      52 51                               12 11  9 8 7 6 5 4 3 2 1 0
 *   +--+----------+-----------------------------------+-----+-+-+---+-+-+-+-+-+
 *   |NX| reserved |     physical address 51:12        | rsvd|G|L|rsv|D|U|W|R|P|
 *   +--+----------+-----------------------------------+-----+-+-+---+-+-+-+-+-+
 *
 *   P   present             R  readable           W  writable
 *   U   user                D  device (uncached)  L  leaf (at every level)
 *   G   global              NX no-execute
 *
 * A table entry is P and the address, nothing else.  Reserved encodings: any
 * reserved bit, attribute bits on a table entry, a leaf with W but not R, a
 * leaf with no access at all (R, W clear and NX set).
 *
 * Shares the include guard of every asm/pgtable.h (see the Sv39 one).
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <kernel/types.h>
#include <mm/prot.h>
#include <asm/page.h>

typedef u64 pte_t;

#define PT_LEVELS	4
#define PT_INDEX_BITS	9
#define PTRS_PER_PT	(1 << PT_INDEX_BITS)
#define VA_BITS		48
#define PT_PA_BITS	52

#define HPTE_P		(1ULL << 0)
#define HPTE_R		(1ULL << 1)
#define HPTE_W		(1ULL << 2)
#define HPTE_U		(1ULL << 3)
#define HPTE_D		(1ULL << 4)
#define HPTE_L		(1ULL << 7)
#define HPTE_G		(1ULL << 8)
#define HPTE_NX		(1ULL << 63)
#define HPTE_ADDR	(((1ULL << PT_PA_BITS) - 1) & ~((1ULL << PAGE_SHIFT) - 1))
#define HPTE_RESERVED	(~(HPTE_ADDR | HPTE_P | HPTE_R | HPTE_W | HPTE_U | \
			   HPTE_D | HPTE_L | HPTE_G | HPTE_NX))

#define pt_level_shift(level)	(PAGE_SHIFT + PT_INDEX_BITS * (level))
/* 4 KiB, 2 MiB and 1 GiB leaves; none in the root. */
#define pt_level_has_leaf(level)	((level) < PT_LEVELS - 1)

/* The root is called PGD, as on x86-64 with 4 levels. */
static inline const char *pt_level_name(unsigned int level)
{
	static const char *const names[PT_LEVELS] = { "PTE", "PMD", "PUD", "PGD" };

	return level < PT_LEVELS ? names[level] : "???";
}
#define pt_level_name pt_level_name

static inline bool pte_present(pte_t pte)
{
	return pte & HPTE_P;
}
#define pte_present pte_present

/* The L bit marks leaves at every level (x86 needs @level: no PS at 0). */
static inline bool pte_is_leaf(pte_t pte, unsigned int level)
{
	(void)level;
	return pte & HPTE_L;
}
#define pte_is_leaf pte_is_leaf

static inline phys_addr_t pte_phys(pte_t pte, unsigned int level)
{
	(void)level;
	return pte & HPTE_ADDR;
}
#define pte_phys pte_phys

static inline u64 pte_attrs(pte_t pte)
{
	return pte & ~HPTE_ADDR;
}
#define pte_attrs pte_attrs

static inline pte_t pte_mk_table(phys_addr_t pa)
{
	return (pa & HPTE_ADDR) | HPTE_P;
}
#define pte_mk_table pte_mk_table

/* PROT_* -> R W U D G NX; write implies read, as on Sv39. */
static inline pte_t arch_prot_to_pte(unsigned int prot)
{
	pte_t bits = 0;

	if (prot & (PROT_READ | PROT_WRITE))
		bits |= HPTE_R;
	if (prot & PROT_WRITE)
		bits |= HPTE_W;
	if (!(prot & PROT_EXEC))
		bits |= HPTE_NX;
	if (prot & PROT_USER)
		bits |= HPTE_U;
	if (prot & PROT_DEVICE)
		bits |= HPTE_D;
	if (prot & PROT_GLOBAL)
		bits |= HPTE_G;
	return bits;
}
#define arch_prot_to_pte arch_prot_to_pte

static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				unsigned int level)
{
	(void)level;
	return (pa & HPTE_ADDR) | arch_prot_to_pte(prot) | HPTE_L | HPTE_P;
}
#define pte_mk_leaf pte_mk_leaf

static inline unsigned int pte_prot(pte_t pte)
{
	unsigned int prot = 0;

	if (pte & HPTE_R)
		prot |= PROT_READ;
	if (pte & HPTE_W)
		prot |= PROT_WRITE;
	if (!(pte & HPTE_NX))
		prot |= PROT_EXEC;
	if (pte & HPTE_U)
		prot |= PROT_USER;
	if (pte & HPTE_D)
		prot |= PROT_DEVICE;
	if (pte & HPTE_G)
		prot |= PROT_GLOBAL;
	return prot;
}
#define pte_prot pte_prot

static inline const char *pte_reserved_reason(pte_t pte, unsigned int level)
{
	if (pte & HPTE_RESERVED)
		return "reserved bits set";
	if (!pte_is_leaf(pte, level))
		return pte_attrs(pte) != HPTE_P ? "attributes on a table entry" : NULL;
	if ((pte & (HPTE_R | HPTE_W)) == HPTE_W)
		return "W without R";
	if (!(pte & (HPTE_R | HPTE_W)) && (pte & HPTE_NX))
		return "leaf without any access";
	return NULL;
}
#define pte_reserved_reason pte_reserved_reason

/* "NX G L D U W R P", highest first, '.' for clear; needs 16 bytes. */
static inline char *pte_flags_str(pte_t pte, char *buf, size_t size)
{
	static const struct { pte_t bit; char name[3]; } f[] = {
		{ HPTE_NX, "NX" }, { HPTE_G, "G" }, { HPTE_L, "L" },
		{ HPTE_D, "D" }, { HPTE_U, "U" }, { HPTE_W, "W" },
		{ HPTE_R, "R" }, { HPTE_P, "P" },
	};
	size_t n = 0, i, j;

	if (!size)
		return buf;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const char *s = (pte & f[i].bit) ? f[i].name : (i ? "." : "..");

		for (j = 0; s[j] && n + 1 < size; j++)
			buf[n++] = s[j];
		if (i + 1 < sizeof(f) / sizeof(f[0]) && n + 1 < size)
			buf[n++] = ' ';
	}
	buf[n] = '\0';
	return buf;
}
#define pte_flags_str pte_flags_str

#endif /* _ASM_PGTABLE_H */
