/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Basic types shared by every part of Arbor.
 *
 * Only the compiler's freestanding headers are used (stddef, stdint, stdbool,
 * stdarg), so the same definitions serve the RISC-V kernel, the x86-64 kernel
 * and the host test harness.
 *
 * Physical addresses are phys_addr_t; virtual addresses are pointers or
 * unsigned long.  Ranges are half-open: [base, base + size).
 */
#ifndef _KERNEL_TYPES_H
#define _KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <limits.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address or a size in physical address space. */
typedef u64 phys_addr_t;

/* The largest physical address value; used to mean "no limit". */
#define PHYS_ADDR_MAX (~(phys_addr_t)0)

typedef unsigned int gfp_t;

#endif /* _KERNEL_TYPES_H */
