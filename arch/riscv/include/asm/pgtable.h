/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V Sv39 page-table encoding: the asm/pgtable.h contract that
 * include/mm/pgtable.h documents and mm/pgtable.c walks.  This file only
 * says how entries look; walking, mapping and dumping are generic.
 *
 * Sv39 translates a 39-bit virtual address through three tables of 512
 * eight-byte entries.  Arbor numbers levels from the leaf up, so level 2 is
 * the root (satp points at it) and level 0 holds 4 KiB pages:
 *
 *    63           39 38       30 29       21 20       12 11             0
 *   +---------------+-----------+-----------+-----------+----------------+
 *   | copies of 38  |  VPN[2]   |  VPN[1]   |  VPN[0]   |  page offset   |
 *   +---------------+-----------+-----------+-----------+----------------+
 *     must equal     level 2     level 1     level 0
 *     bit 38         (root)      1 GiB/entry 2 MiB/entry 4 KiB/entry
 *                    1 GiB leaf  2 MiB leaf  4 KiB leaf
 *
 * Bits 63:39 must all equal bit 38, so the usable space is two halves:
 * 0x0000000000000000-0x0000003fffffffff (user) and
 * 0xffffffc000000000-0xffffffffffffffff (kernel).
 *
 * A page-table entry:
 *
 *    63 62 61 60   54 53      28 27      19 18      10 9  8 7 6 5 4 3 2 1 0
 *   +--+-----+-------+----------+----------+----------+----+-+-+-+-+-+-+-+-+
 *   |N | PBMT| rsvd  |  PPN[2]  |  PPN[1]  |  PPN[0]  |RSW |D|A|G|U|X|W|R|V|
 *   +--+-----+-------+----------+----------+----------+----+-+-+-+-+-+-+-+-+
 *    Svnapot Svpbmt    26 bits    9 bits     9 bits    software
 *
 *   V    valid; everything else is ignored when clear
 *   R W X  all clear: the entry points to the next table (non-leaf);
 *        any set: a leaf.  W without R is a reserved encoding (both with
 *        and without X) and never written here
 *   U    user-accessible
 *   G    global: the mapping exists in every address space
 *   A D  accessed / dirty.  Hardware may fault instead of setting them
 *        (QEMU can, depending on configuration), so every leaf is
 *        created with both set.  In non-leaf entries A, D and U are
 *        reserved and kept clear
 *   PPN  physical page number: the physical address >> 12, 44 bits, so
 *        56-bit physical addresses.  A leaf at level 1 or 2 must have its
 *        low PPN fields zero (2 MiB / 1 GiB aligned), or the hardware
 *        raises a page fault ("misaligned superpage")
 *   N, PBMT  Svnapot and Svpbmt extensions.  Arbor uses neither (the JH7110
 *        and JH7100 cores lack them), so the bits stay zero: MMIO gets its
 *        uncached, ordered behaviour from the platform's physical memory
 *        attributes and PROT_DEVICE has no PTE encoding.
 *
 * Unlike the rest of arch/riscv/include/asm, this header must stay
 * self-contained: tests/host/sv39_test.c compiles it on the host to run the
 * generic page-table tests with Sv39 geometry.  It may use only
 * kernel/types.h, mm/prot.h and PAGE_SHIFT from asm/page.h.  It shares its
 * include guard with the host harness's asm/pgtable.h for the same reason
 * (both are "the" asm/pgtable.h; whichever comes first wins).
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <kernel/types.h>
#include <mm/prot.h>
#include <asm/page.h>

typedef u64 pte_t;

#define PT_LEVELS	3
#define PT_INDEX_BITS	9
#define PTRS_PER_PT	(1 << PT_INDEX_BITS)
#define VA_BITS		39
#define PT_PA_BITS	56

/* PTE bits (the picture above). */
#define _PAGE_PRESENT	(1ULL << 0)	/* V */
#define _PAGE_READ	(1ULL << 1)	/* R */
#define _PAGE_WRITE	(1ULL << 2)	/* W */
#define _PAGE_EXEC	(1ULL << 3)	/* X */
#define _PAGE_USER	(1ULL << 4)	/* U */
#define _PAGE_GLOBAL	(1ULL << 5)	/* G */
#define _PAGE_ACCESSED	(1ULL << 6)	/* A */
#define _PAGE_DIRTY	(1ULL << 7)	/* D */
#define _PAGE_SOFT	(3ULL << 8)	/* RSW: free for software */
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define _PAGE_PFN_SHIFT	10
#define _PAGE_PFN_MASK	(((1ULL << (PT_PA_BITS - PAGE_SHIFT)) - 1) << _PAGE_PFN_SHIFT)
#define _PAGE_RESERVED	(~0ULL << 54)	/* N, PBMT and bits 60:54 */

/* Bit position of the lowest VA bit that indexes a level-@level table. */
#define pt_level_shift(level)	(PAGE_SHIFT + PT_INDEX_BITS * (level))
/* Every Sv39 level may hold a leaf: 4 KiB, 2 MiB, 1 GiB. */
#define pt_level_has_leaf(level)	((level) < PT_LEVELS)

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}
#define pte_present pte_present

/* A present entry is a leaf when any of R, W, X is set, at any level. */
static inline bool pte_is_leaf(pte_t pte, unsigned int level)
{
	(void)level;
	return pte & _PAGE_LEAF;
}
#define pte_is_leaf pte_is_leaf

/* The PPN field, the same at every level. */
static inline phys_addr_t pte_phys(pte_t pte, unsigned int level)
{
	(void)level;
	return ((pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT) << PAGE_SHIFT;
}
#define pte_phys pte_phys

/* Everything but the address: equal attrs mean equal type and rights. */
static inline u64 pte_attrs(pte_t pte)
{
	return pte & ~_PAGE_PFN_MASK;
}
#define pte_attrs pte_attrs

static inline pte_t riscv_pte_pfn_bits(phys_addr_t pa)
{
	return ((pa >> PAGE_SHIFT) << _PAGE_PFN_SHIFT) & _PAGE_PFN_MASK;
}

/* A non-leaf entry: V alone, A/D/U clear as the spec asks. */
static inline pte_t pte_mk_table(phys_addr_t pa)
{
	return riscv_pte_pfn_bits(pa) | _PAGE_PRESENT;
}
#define pte_mk_table pte_mk_table

/*
 * Generic PROT_* -> R W X U G.  Write implies read (W without R is
 * reserved); PROT_DEVICE has no encoding (see the header comment).
 */
static inline pte_t arch_prot_to_pte(unsigned int prot)
{
	pte_t bits = 0;

	if (prot & (PROT_READ | PROT_WRITE))
		bits |= _PAGE_READ;
	if (prot & PROT_WRITE)
		bits |= _PAGE_WRITE;
	if (prot & PROT_EXEC)
		bits |= _PAGE_EXEC;
	if (prot & PROT_USER)
		bits |= _PAGE_USER;
	if (prot & PROT_GLOBAL)
		bits |= _PAGE_GLOBAL;
	return bits;
}
#define arch_prot_to_pte arch_prot_to_pte

/* A leaf at any level: the same format, with A and D preset. */
static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				unsigned int level)
{
	(void)level;
	return riscv_pte_pfn_bits(pa) | arch_prot_to_pte(prot) | _PAGE_PRESENT |
	       _PAGE_ACCESSED | _PAGE_DIRTY;
}
#define pte_mk_leaf pte_mk_leaf

/* R W X U G of a leaf, back as PROT_* bits. */
static inline unsigned int pte_prot(pte_t pte)
{
	unsigned int prot = 0;

	if (pte & _PAGE_READ)
		prot |= PROT_READ;
	if (pte & _PAGE_WRITE)
		prot |= PROT_WRITE;
	if (pte & _PAGE_EXEC)
		prot |= PROT_EXEC;
	if (pte & _PAGE_USER)
		prot |= PROT_USER;
	if (pte & _PAGE_GLOBAL)
		prot |= PROT_GLOBAL;
	return prot;
}
#define pte_prot pte_prot

/*
 * Why a present entry at @level is an encoding the hardware reserves, or
 * NULL if it is fine.  Alignment of superpages is checked generically.
 */
static inline const char *pte_reserved_reason(pte_t pte, unsigned int level)
{
	if (pte & _PAGE_RESERVED)
		return "bits 63:54 set (Svnapot/Svpbmt/reserved)";
	if ((pte & (_PAGE_READ | _PAGE_WRITE)) == _PAGE_WRITE)
		return "W without R";
	if (!pte_is_leaf(pte, level) &&
	    (pte & (_PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)))
		return "A/D/U set in a non-leaf entry";
	return NULL;
}
#define pte_reserved_reason pte_reserved_reason

/*
 * Decode the permission bits in Linux's riscv ptdump order, highest first,
 * '.' for a clear bit: "D A G . . W R V" is a kernel RW leaf, ". . . . . .
 * . V" a pointer to the next table.  Needs 16 bytes; returns @buf.
 */
static inline char *pte_flags_str(pte_t pte, char *buf, size_t size)
{
	static const char names[] = "VRWXUGAD";
	size_t n = 0;
	int bit;

	if (!size)
		return buf;
	for (bit = 7; bit >= 0 && n + 1 < size; bit--) {
		buf[n++] = (pte & (1ULL << bit)) ? names[bit] : '.';
		if (bit && n + 1 < size)
			buf[n++] = ' ';
	}
	buf[n] = '\0';
	return buf;
}
#define pte_flags_str pte_flags_str

#endif /* _ASM_PGTABLE_H */
