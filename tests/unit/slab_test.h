/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the slab suites share (tests/unit/slab_test.c): the host harness's
 * hooks for a fresh machine per case, and the init/exit every slab suite
 * runs around a case (slab ready, caches shrunk, checker quiet, and the
 * free pages back exactly afterwards).
 */
#ifndef _TESTS_UNIT_SLAB_TEST_H
#define _TESTS_UNIT_SLAB_TEST_H

#include <kernel/ktest.h>

/*
 * Set by the host harness (tests/host/slab_host_test.c) to build a fresh
 * machine with slab before each case, and to drop its slab state after
 * one; NULL in the kernel.
 */
extern void (*slab_test_machine_setup)(void);
extern void (*slab_test_machine_teardown)(void);

/* Free pages after slab_suite_init()'s shrink: what a case must leave. */
extern unsigned long slab_suite_free_pages;

void slab_suite_init(struct ktest_ctx *t);
void slab_suite_exit(struct ktest_ctx *t);

#endif /* _TESTS_UNIT_SLAB_TEST_H */
