/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small arithmetic helpers used everywhere (Linux's names and meanings). */
#ifndef _KERNEL_KERNEL_H
#define _KERNEL_KERNEL_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Alignment helpers; @a must be a power of two. */
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN(x, a)		ALIGN_DOWN((x) + ((__typeof__(x))(a) - 1), (a))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define is_power_of_2(n)	((n) != 0 && (((n) & ((n) - 1)) == 0))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b)	min((t)(a), (t)(b))
#define max_t(t, a, b)	max((t)(a), (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define SZ_1K	0x400UL
#define SZ_4K	0x1000UL
#define SZ_8K	0x2000UL
#define SZ_64K	0x10000UL
#define SZ_1M	0x100000UL
#define SZ_2M	0x200000UL
#define SZ_16M	0x1000000UL
#define SZ_128M	0x8000000UL
#define SZ_256M	0x10000000UL
#define SZ_512M	0x20000000UL
#define SZ_1G	0x40000000UL
#define SZ_4G	0x100000000ULL

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), #cond)

/* Index of the highest set bit (fls64(1) == 1, fls64(0) == 0). */
static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* Index of the lowest set bit, counted from 0; @x must not be 0. */
static inline int __ffs64(u64 x)
{
	return __builtin_ctzll(x);
}

/* log2 of a power of two, or of the largest power of two below @x. */
static inline int ilog2_u64(u64 x)
{
	return fls64(x) - 1;
}

#endif /* _KERNEL_KERNEL_H */
