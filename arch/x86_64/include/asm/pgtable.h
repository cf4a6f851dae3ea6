/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 4-level page-table encoding: the asm/pgtable.h contract that
 * include/mm/pgtable.h documents and mm/pgtable.c walks.  This file only
 * says how entries look; walking, mapping and dumping are generic.
 *
 * A 48-bit virtual address goes through four tables of 512 eight-byte
 * entries.  Arbor numbers levels from the leaf up, so level 3 is the root
 * (CR3 points at it; Intel's PML4, Linux's PGD) and level 0 holds 4 KiB
 * pages:
 *
 *    63       48 47      39 38      30 29      21 20      12 11          0
 *   +-----------+----------+----------+----------+----------+-------------+
 *   | copies of | level 3  | level 2  | level 1  | level 0  | page offset |
 *   | bit 47    | PGD/PML4 | PUD/PDPT | PMD/PD   | PTE/PT   |             |
 *   +-----------+----------+----------+----------+----------+-------------+
 *                 512 GiB    1 GiB      2 MiB      4 KiB      per entry
 *                 no leaf    1 GiB leaf 2 MiB leaf 4 KiB leaf
 *                            (pdpe1gb)
 *
 * Bits 63:48 must equal bit 47, so the space is two halves:
 * 0x0000000000000000-0x00007fffffffffff and 0xffff800000000000-
 * 0xffffffffffffffff.  A 1 GiB leaf exists only if CPUID reports pdpe1gb
 * (QEMU: -cpu max, most hardware since 2010; not QEMU's default qemu64):
 * pt_level_has_leaf() reads the flag the boot code set, so the same
 * generic mapper uses 1 GiB leaves on one CPU and 2 MiB on another.
 *
 * An entry (Intel SDM vol. 3A, 4.5):
 *
 *    63 62    52 51                                12 11  9 8 7 6 5 4 3 2 1 0
 *   +--+--------+------------------------------------+-----+-+-+-+-+-+-+-+-+-+
 *   |NX| avail  |   physical address 51:12           |avail|G|S|D|A|C|T|U|W|P|
 *   +--+--------+------------------------------------+-----+-+-+-+-+-+-+-+-+-+
 *                 2 MiB leaf: address 51:21, bit 12 PAT, 20:13 reserved
 *                 1 GiB leaf: address 51:30, bit 12 PAT, 29:13 reserved
 *
 *   P    present; everything else is ignored when clear
 *   W    writable (R/W); clear: read-only, also for the kernel (CR0.WP)
 *   U    user-accessible (U/S)
 *   T C  PWT and PCD: write-through / cache-disable; both set is UC,
 *        Arbor's PROT_DEVICE
 *   A D  accessed / dirty, set by the CPU; Arbor presets them in every
 *        leaf so the CPU never writes an entry and entries that cover
 *        the same kind of memory stay bit-identical (range coalescing)
 *   S    PS, page size, in levels 1 and 2: the entry is a 2 MiB / 1 GiB
 *        leaf, else it points to a table.  Reserved in the root.  Every
 *        present level-0 entry is a 4 KiB leaf, and there bit 7 is PAT,
 *        as is bit 12 of a large leaf: that is why pte_is_leaf() and
 *        pte_phys() take the level.  Arbor leaves PAT clear (PAT entry 0:
 *        write-back with the power-on PAT MSR)
 *   G    global: kept in the TLB across CR3 loads (CR4.PGE)
 *   NX   no-execute, only with EFER.NXE (otherwise a reserved bit):
 *        x86_nx_mask is the bit when the CPU has NX, else 0
 *
 * Table (non-leaf) entries are P | W | A and the address: the effective
 * rights are the AND of all levels, so the leaf alone decides them.
 * Read access is implied by P: x86 has no write-only or execute-only
 * page, so pte_prot() always reports PROT_READ.
 *
 * Like the other asm/pgtable.h files this header is self-contained (only
 * kernel/types.h, mm/prot.h and asm/page.h) and shares their include
 * guard.
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

/* PTE bits (the picture above). */
#define _PAGE_PRESENT	(1ULL << 0)
#define _PAGE_RW	(1ULL << 1)
#define _PAGE_USER	(1ULL << 2)
#define _PAGE_PWT	(1ULL << 3)
#define _PAGE_PCD	(1ULL << 4)
#define _PAGE_ACCESSED	(1ULL << 5)
#define _PAGE_DIRTY	(1ULL << 6)
#define _PAGE_PSE	(1ULL << 7)	/* levels 1, 2; PAT at level 0 */
#define _PAGE_GLOBAL	(1ULL << 8)
#define _PAGE_PAT_LARGE	(1ULL << 12)	/* PAT in a 2 MiB / 1 GiB leaf */
#define _PAGE_NX	(1ULL << 63)
#define _PAGE_ADDR	(((1ULL << PT_PA_BITS) - 1) & ~((1ULL << PAGE_SHIFT) - 1))
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

/*
 * Set once by the boot CPU from CPUID before any table is built
 * (arch/x86_64/kernel/cpu.c): _PAGE_NX if EFER.NXE is on, else 0; and
 * whether level 2 may hold a 1 GiB leaf.
 */
extern u64 x86_nx_mask;
extern bool x86_gbpages;

/* Bit position of the lowest VA bit that indexes a level-@level table. */
#define pt_level_shift(level)	(PAGE_SHIFT + PT_INDEX_BITS * (level))
/* 4 KiB and 2 MiB leaves always, 1 GiB with pdpe1gb, none in the root. */
#define pt_level_has_leaf(level)	\
	((level) < 2 || ((level) == 2 && x86_gbpages))

/* Linux's names for 4 levels (P4D folded): the root is the PGD. */
static inline const char *pt_level_name(unsigned int level)
{
	static const char *const names[PT_LEVELS] = { "PTE", "PMD", "PUD", "PGD" };

	return level < PT_LEVELS ? names[level] : "???";
}
#define pt_level_name pt_level_name

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}
#define pte_present pte_present

/* Every present level-0 entry maps a page; above, PS says so. */
static inline bool pte_is_leaf(pte_t pte, unsigned int level)
{
	return level == 0 || (pte & _PAGE_PSE);
}
#define pte_is_leaf pte_is_leaf

/* A large leaf's address starts at its size (bit 12 is PAT there). */
static inline phys_addr_t pte_phys(pte_t pte, unsigned int level)
{
	if (level > 0 && (pte & _PAGE_PSE))
		return pte & _PAGE_ADDR & ~((1ULL << pt_level_shift(level)) - 1);
	return pte & _PAGE_ADDR;
}
#define pte_phys pte_phys

/* Everything but the address: equal attrs mean equal type and rights. */
static inline u64 pte_attrs(pte_t pte)
{
	return pte & ~_PAGE_ADDR;
}
#define pte_attrs pte_attrs

static inline pte_t pte_mk_table(phys_addr_t pa)
{
	return (pa & _PAGE_ADDR) | _PAGE_TABLE;
}
#define pte_mk_table pte_mk_table

/*
 * Generic PROT_* -> W U PWT PCD G NX.  Reading needs no bit (P implies
 * it); PROT_DEVICE is uncached (PCD | PWT with the power-on PAT).
 */
static inline pte_t arch_prot_to_pte(unsigned int prot)
{
	pte_t bits = 0;

	if (prot & PROT_WRITE)
		bits |= _PAGE_RW;
	if (!(prot & PROT_EXEC))
		bits |= x86_nx_mask;
	if (prot & PROT_USER)
		bits |= _PAGE_USER;
	if (prot & PROT_DEVICE)
		bits |= _PAGE_PCD | _PAGE_PWT;
	if (prot & PROT_GLOBAL)
		bits |= _PAGE_GLOBAL;
	return bits;
}
#define arch_prot_to_pte arch_prot_to_pte

/* A leaf: PS above level 0 (never at level 0: PAT); A and D preset. */
static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				unsigned int level)
{
	return (pa & _PAGE_ADDR) | arch_prot_to_pte(prot) | _PAGE_PRESENT |
	       _PAGE_ACCESSED | _PAGE_DIRTY | (level ? _PAGE_PSE : 0);
}
#define pte_mk_leaf pte_mk_leaf

/* A leaf's rights as PROT_* (always readable: see the header comment). */
static inline unsigned int pte_prot(pte_t pte)
{
	unsigned int prot = PROT_READ;

	if (pte & _PAGE_RW)
		prot |= PROT_WRITE;
	if (!(pte & _PAGE_NX))
		prot |= PROT_EXEC;
	if (pte & _PAGE_USER)
		prot |= PROT_USER;
	if ((pte & (_PAGE_PCD | _PAGE_PWT)) == (_PAGE_PCD | _PAGE_PWT))
		prot |= PROT_DEVICE;
	if (pte & _PAGE_GLOBAL)
		prot |= PROT_GLOBAL;
	return prot;
}
#define pte_prot pte_prot

/*
 * Why a present entry at @level is an encoding the CPU reserves, or NULL.
 * Superpage alignment (bits 20:13 or 29:13 of a large leaf) is checked
 * generically; a set PAT bit is legal but never written by Arbor.
 */
static inline const char *pte_reserved_reason(pte_t pte, unsigned int level)
{
	if ((pte & _PAGE_NX) && !x86_nx_mask)
		return "NX set but EFER.NXE is off (reserved bit)";
	if (level == PT_LEVELS - 1 && (pte & _PAGE_PSE))
		return "PS set in a PGD entry (reserved)";
	if (level == 2 && (pte & _PAGE_PSE) && !x86_gbpages)
		return "1 GiB leaf but the CPU lacks pdpe1gb (reserved)";
	return NULL;
}
#define pte_reserved_reason pte_reserved_reason

/*
 * Decode the bits, highest first, one column each, '.' when clear:
 * "NX G PS D A PCD PWT U W P" is every bit set; "NX G PS D A . . . W P" a
 * kernel RW 2 MiB leaf; ". . . . A . . . W P" a table entry.  "PS" is PAT
 * in a level-0 entry (never set by Arbor).  Needs 26 bytes; returns @buf.
 */
static inline char *pte_flags_str(pte_t pte, char *buf, size_t size)
{
	static const struct { pte_t bit; char name[4]; } f[] = {
		{ _PAGE_NX, "NX" }, { _PAGE_GLOBAL, "G" }, { _PAGE_PSE, "PS" },
		{ _PAGE_DIRTY, "D" }, { _PAGE_ACCESSED, "A" },
		{ _PAGE_PCD, "PCD" }, { _PAGE_PWT, "PWT" }, { _PAGE_USER, "U" },
		{ _PAGE_RW, "W" }, { _PAGE_PRESENT, "P" },
	};
	size_t n = 0, i, j;

	if (!size)
		return buf;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const char *s = (pte & f[i].bit) ? f[i].name : ".";

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
