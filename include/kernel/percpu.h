/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-CPU variables, the simple way: one copy per possible CPU in an
 * array, each copy in its own cache lines so two CPUs writing their own
 * copies never share a line.
 *
 *	static DEFINE_PER_CPU(struct call_queue, call_queue);
 *
 *	struct call_queue *q = this_cpu_ptr(call_queue);
 *	per_cpu(call_queue, 3).head = 0;
 *
 *   name__per_cpu[0]          name__per_cpu[1]          ...  [NR_CPUS - 1]
 *   | v | padding to 64 B |   | v | padding to 64 B |
 *
 * Linux copies a per-CPU section for each CPU at boot and reaches it
 * through an offset per CPU; an array indexed by arch_cpu_id() gives the
 * same sharing rules with nothing to set up, which is all Arbor needs.
 *
 * Rules (as in Linux): a CPU touches its own copy with local interrupts
 * off (or from code that cannot be interrupted by a user of the same
 * copy); another CPU's copy only under a lock both sides take, or when
 * that CPU is known to be idle.
 *
 * The element type is named after the variable, so a per-CPU variable is
 * defined once, in the file that owns it (with or without `static`);
 * other files reach it through functions of that file.
 */
#ifndef _KERNEL_PERCPU_H
#define _KERNEL_PERCPU_H

#include <kernel/compiler.h>
#include <asm/cpu.h>
#include <asm/page.h>

#define DEFINE_PER_CPU(type, name)					\
	struct __percpu_##name { type v; } __aligned(SMP_CACHE_BYTES)	\
	name##__per_cpu[NR_CPUS]

/* The copy of @name that belongs to CPU @cpu (an lvalue). */
#define per_cpu(name, cpu)	(name##__per_cpu[(cpu)].v)

/* A pointer to @name's copy of CPU @cpu, and of the calling CPU. */
#define per_cpu_ptr(name, cpu)	(&per_cpu(name, cpu))
#define this_cpu_ptr(name)	per_cpu_ptr(name, arch_cpu_id())

#endif /* _KERNEL_PERCPU_H */
