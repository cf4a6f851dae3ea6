/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arbor's environment for upstream libfdt (DESIGN.md §7).
 *
 * libfdt's sources include "libfdt_env.h" for fixed-width types, the
 * big-endian accessors and the string functions.  Upstream's copy pulls in
 * the C library; this one uses only the compiler's freestanding headers
 * and Arbor's string.h, so the same unmodified libfdt sources build for
 * both kernels and the host.  Byte swaps are done with shifts: on rv64gc
 * without Zbb, __builtin_bswap* become calls into libgcc.
 */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

#include <kernel/types.h>
#include <kernel/string.h>

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
	const uint8_t *b = (const uint8_t *)&x;

	return (uint16_t)((uint16_t)b[0] << 8 | b[1]);
}

static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
	const uint8_t *b = (const uint8_t *)&x;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
	const uint8_t *b = (const uint8_t *)&x;

	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

/* Converting to big-endian is the same byte reversal as from it. */
static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
	return fdt16_to_cpu(x);
}

static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
	return fdt32_to_cpu(x);
}

static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
	return fdt64_to_cpu(x);
}

#endif /* LIBFDT_ENV_H */
