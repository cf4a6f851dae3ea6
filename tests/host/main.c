// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host test runner: runs the ktest suites linked into this program and
 * prints KTAP.  Usage: arbor-host-tests [suite[,suite...]|all]
 * Exit status: 0 if every case passed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <asm/early_console.h>
#include "host.h"

int main(int argc, char **argv)
{
	int failed;

	setvbuf(stdout, NULL, _IOLBF, 0);
	host_arch_init();
	early_console_init();
	failed = ktest_run(argc > 1 ? argv[1] : "all");
	fflush(stdout);
	return failed ? 1 : 0;
}
