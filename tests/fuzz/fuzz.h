/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the libFuzzer targets of tests/fuzz/: reading an input as a
 * stream of operations, and the one-time setup of the host "arch".
 *
 * An operation-stream target reads its input front to back: one byte picks
 * the operation, the next few give its arguments.  When the input runs
 * out every read returns 0, so any byte string is a valid program and a
 * short one is a short program (libFuzzer's mutations then map onto
 * small, meaningful edits).
 *
 * A target reports a bug by aborting (fuzz_fail()): libFuzzer saves the
 * input under build/fuzz/artifacts/; ASan and UBSan abort on their own.
 */
#ifndef _TESTS_FUZZ_FUZZ_H
#define _TESTS_FUZZ_FUZZ_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/types.h>
#include <kernel/printk.h>
#include <mm/mm_checks.h>
#include <asm/early_console.h>
#include "host.h"

struct fuzz_input {
	const u8 *p;
	size_t n;
};

/* The next @nbytes (at most 8) bytes, little endian; 0 past the end. */
static inline u64 fz_bytes(struct fuzz_input *in, unsigned int nbytes)
{
	u64 v = 0;

	for (unsigned int i = 0; i < nbytes; i++) {
		u64 b = 0;

		if (in->n) {
			b = *in->p++;
			in->n--;
		}
		v |= b << (8 * i);
	}
	return v;
}

static inline u8 fz_u8(struct fuzz_input *in)
{
	return (u8)fz_bytes(in, 1);
}

static inline u16 fz_u16(struct fuzz_input *in)
{
	return (u16)fz_bytes(in, 2);
}

static inline u32 fz_u32(struct fuzz_input *in)
{
	return (u32)fz_bytes(in, 4);
}

static inline u64 fz_u64(struct fuzz_input *in)
{
	return fz_bytes(in, 8);
}

/* A value in [0, @n) (0 when @n is 0). */
static inline u64 fz_below(struct fuzz_input *in, u64 n)
{
	if (!n)
		return 0;
	return (n <= 256 ? fz_u8(in) : n <= 65536 ? fz_u16(in) : fz_u64(in)) % n;
}

static inline bool fz_empty(const struct fuzz_input *in)
{
	return in->n == 0;
}

/*
 * Print what broke (and the tail of the kernel log, where the checker
 * said why) and abort, so that libFuzzer keeps the input.
 */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
fuzz_fail(const char *fmt, ...)
{
	const char *log = host_log();
	size_t len = strlen(log);
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "\n---- kernel log (tail) ----\n%s\n",
		len > 4000 ? log + len - 4000 : log);
	fprintf(stderr, "FUZZ FAILURE: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* At exit: how many times the mm invariant checkers ran in this process. */
static inline void fuzz_print_checks(void)
{
	fprintf(stderr, "stat::invariant_checks:");
	for (int i = 0; i < NR_MM_CHECKS; i++)
		fprintf(stderr, " %s=%lu", mm_check_names[i], mm_checks_run[i]);
	fprintf(stderr, " total=%lu\n", mm_checks_total());
}

/*
 * Once per process: reserve the fake physical, vmemmap and vmalloc
 * windows and register the capturing console (quiet: the log is only
 * shown when a check fails).
 */
static inline void fuzz_host_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	host_arch_init();
	host_log_echo = false;
	early_console_init();
	atexit(fuzz_print_checks);
}

#endif /* _TESTS_FUZZ_FUZZ_H */
