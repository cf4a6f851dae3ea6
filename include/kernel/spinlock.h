/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Spinlocks: a ticket lock, so waiters are served in order.
 *
 * spin_lock_irqsave() also masks local interrupts, for data an interrupt
 * handler touches.  Lock order for the memory allocators is documented at
 * the top of each mm/ file; no allocator takes a lock while holding another
 * allocator's lock except slab -> zone (slab refill calls the page allocator).
 */
#ifndef _KERNEL_SPINLOCK_H
#define _KERNEL_SPINLOCK_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <asm/cpu.h>

typedef struct {
	u32 next;	/* ticket handed to the next arriving CPU */
	u32 owner;	/* ticket currently allowed in */
} spinlock_t;

#define SPINLOCK_INIT { 0, 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPINLOCK_INIT

static inline void spin_lock_init(spinlock_t *l)
{
	l->next = 0;
	l->owner = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	u32 ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		arch_cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->next, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
}

#define spin_lock_irqsave(l, flags)					\
	do {								\
		(flags) = arch_local_irq_save();			\
		spin_lock(l);						\
	} while (0)

#define spin_unlock_irqrestore(l, flags)				\
	do {								\
		spin_unlock(l);						\
		arch_local_irq_restore(flags);				\
	} while (0)

#endif /* _KERNEL_SPINLOCK_H */
