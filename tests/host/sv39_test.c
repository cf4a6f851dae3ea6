// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The generic page-table tests again, on the real RISC-V Sv39 encoding.
 *
 * tests/host/pgtable_test.c runs the cases with the host harness's 4-level
 * format.  Here the same generic code and the same cases are compiled a
 * second time against arch/riscv/include/asm/pgtable.h, so mm/pgtable.c is
 * proven with both geometries (4 levels without a root leaf; 3 levels with
 * 1 GiB leaves in the root) and the Sv39 header itself is exercised on the
 * host.  This works because every asm/pgtable.h shares one include guard:
 * including the Sv39 header first makes <asm/pgtable.h> resolve to it.
 *
 * The second copy's exported functions get an sv39_ prefix so they do not
 * collide with the host copy's.
 */
#define pgtable_set_allocator		sv39_pgtable_set_allocator
#define pgtable_get_allocator		sv39_pgtable_get_allocator
#define pgtable_alloc_table		sv39_pgtable_alloc_table
#define pgtable_alloc_memblock		sv39_pgtable_alloc_memblock
#define pgtable_alloc_buddy		sv39_pgtable_alloc_buddy
#define pgtable_map			sv39_pgtable_map
#define pgtable_unmap			sv39_pgtable_unmap
#define vmemmap_populate_basepages	sv39_vmemmap_populate_basepages
#define vmemmap_populate		sv39_vmemmap_populate
#define pgtable_walk			sv39_pgtable_walk
#define pgtable_translate		sv39_pgtable_translate
#define pgtable_count_tables		sv39_pgtable_count_tables
#define pgtable_check			sv39_pgtable_check
#define pgtable_check_wx		sv39_pgtable_check_wx
#define pgtable_verify_linear		sv39_pgtable_verify_linear
#define pgtable_dump			sv39_pgtable_dump
#define pgtable_dump_markers		sv39_pgtable_dump_markers
#define pgtable_dump_va			sv39_pgtable_dump_va
#define pgtable_for_each_leaf		sv39_pgtable_for_each_leaf

#include "../../arch/riscv/include/asm/pgtable.h"

#if PT_LEVELS != 3 || VA_BITS != 39
#error "sv39_test.c did not get the Sv39 asm/pgtable.h"
#endif

#include "../../mm/pgtable.c"
#include "../../mm/ptdump.c"

#define PGTABLE_SUITE pgtable_sv39
#include "pgtable_test.c"
