/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host test harness: fake physical memory, log capture and panic
 * trapping for tests of mm/ and src/ code built as a Linux program.
 */
#ifndef _TESTS_HOST_HOST_H
#define _TESTS_HOST_HOST_H

#include <kernel/types.h>
#include <setjmp.h>

/* Reserve the host windows (called once by main before any test). */
void host_arch_init(void);

/* Make [base, base + size) of fake physical memory present (zeroed). */
void host_mem_map(phys_addr_t base, phys_addr_t size);
/* Drop all fake physical memory and the vmemmap: every page absent again. */
void host_mem_reset(void);
/*
 * Set before the first host_mem_map() to make host_mem_reset() cheap for a
 * program that builds a small machine thousands of times (the fuzz
 * targets): the physical memory stays mapped and resident and
 * host_mem_map() zeroes it in place, instead of every page being unmapped and faulted in afresh
 * (each fault costs microseconds, far more than zeroing the page).  The
 * price: RAM an earlier machine had stays accessible (zeroed) where the
 * current machine has a hole.  The vmemmap is still reset as usual.
 */
extern bool host_mem_recycle;
/* Back [start, end) of the vmemmap window (page-aligned outward). */
void host_vmemmap_map(unsigned long start, unsigned long end);

/*
 * Threads as CPUs (host_smp.c): the caller becomes CPU 0 and a thread each
 * of CPUs 1 .. @ncpus - 1, all online and serving cross-CPU calls, until
 * host_smp_stop().  Before host_smp_start() no CPU is online.
 */
void host_smp_start(unsigned int ncpus);
void host_smp_stop(void);

/*
 * printk output captured since the last host_log_clear(); NUL-terminated.
 * The capture holds the most recent 1 MiB.
 */
const char *host_log(void);
void host_log_clear(void);
/* True if @needle occurs in the captured log. */
bool host_log_contains(const char *needle);
/* Set to false to keep printk output off stdout (it is still captured). */
extern bool host_log_echo;

/*
 * panic() trapping: HOST_EXPECT_PANIC(t) evaluates to true if the code run
 * inside it panicked; the panic message is in host_panic_msg.
 *
 *	if (host_catch_panic()) { ... panicked ... } else { code; host_uncatch(); }
 */
extern jmp_buf *host_panic_jmp;
extern char host_panic_msg[512];
#define host_catch_panic()						\
	({ static jmp_buf __jb; host_panic_jmp = &__jb; setjmp(__jb) != 0; })
static inline void host_uncatch(void) { host_panic_jmp = NULL; }

/*
 * A machine with every allocator up (tests/host/host_machine.c): fake RAM
 * [@base, @base + @size), memblock, zones, buddy, slab, kernel page tables
 * from the buddy, vmalloc.  Aborts if any step fails.  Shutdown resets the
 * slab and vmalloc's host mappings and puts back the page-table allocator
 * and kernel_pgd the boot replaced.
 */
struct pgtable_allocator;
struct host_machine {
	const struct pgtable_allocator *saved_allocator;
	void *saved_pgd;
};
void host_machine_boot(struct host_machine *m, phys_addr_t base, phys_addr_t size);
void host_machine_shutdown(struct host_machine *m);
/* Forget every vmalloc mapping made through the host MMU (host_vmap.c). */
void host_vmap_reset(void);

#endif /* _TESTS_HOST_HOST_H */
