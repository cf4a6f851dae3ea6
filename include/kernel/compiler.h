/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Compiler attributes and helpers, named as in Linux. */
#ifndef _KERNEL_COMPILER_H
#define _KERNEL_COMPILER_H

#define __used		__attribute__((__used__))
#define __unused	__attribute__((__unused__))
#define __maybe_unused	__attribute__((__unused__))
#define __noreturn	__attribute__((__noreturn__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __section(s)	__attribute__((__section__(s)))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define noinline	__attribute__((__noinline__))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/*
 * Force a single, untorn access the compiler may not merge or repeat.  These
 * are the "marked" accesses of data read without its lock on purpose: under
 * ThreadSanitizer (the host harness's mk/tsan.mk build) they become relaxed
 * atomics, so a marked reader and a marked writer are not reported as a
 * race, while an unmarked access racing with anything still is (Linux's
 * KCSAN treats them the same way).
 */
#ifdef __SANITIZE_THREAD__
#define READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
/* A function that reads shared data without its lock by design (a hint
 * re-checked under the lock, a statistic): not instrumented. */
#define __data_racy	__attribute__((__no_sanitize_thread__))
#else
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define __data_racy
#endif

#define barrier()	__asm__ __volatile__("" ::: "memory")

/*
 * OPTIMIZER_HIDE_VAR - make the compiler forget what it knows of @var's
 * value (Linux's name), e.g. to keep it from reassociating an expression
 * whose order of evaluation matters for speed.
 */
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r" (var) : "0" (var))

#endif /* _KERNEL_COMPILER_H */
