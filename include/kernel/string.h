/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The C string and memory functions the kernel and libfdt use.  The kernel
 * builds src/string.c; the host harness uses its C library instead, so these
 * declarations carry the standard signatures.
 */
#ifndef _KERNEL_STRING_H
#define _KERNEL_STRING_H

#include <kernel/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
unsigned long strtoul(const char *nptr, char **endptr, int base);
unsigned long long strtoull(const char *nptr, char **endptr, int base);

/* Parse a size with an optional K/M/G/T suffix, as Linux's memparse(). */
unsigned long long memparse(const char *s, char **retptr);

#endif /* _KERNEL_STRING_H */
