/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel image's sections, as the linker script marks them (Linux's
 * names, from asm-generic/sections.h).  Only addresses matter: never read
 * or write through these symbols, and compare or subtract them only with
 * others of the same image.
 *
 *   _start                                                         _end
 *   | _stext  .text  _etext | __start_rodata .. __end_rodata |
 *   | _sdata  .data  _edata | __init_begin .. __init_end |
 *   | __bss_start  .bss  __bss_stop |
 *
 * A hosted build (the test harness, a Linux program) cannot own _start,
 * _edata, __bss_start or _end: its C runtime and default linker script
 * define them.  There the same declarations bind to "arbor_"-prefixed
 * symbols that tests/host/host_arch.c places inside one small array, so
 * the arithmetic mem_init_print_info() does still means something.  The
 * kernel is freestanding (__STDC_HOSTED__ == 0) and uses the plain names.
 */
#ifndef _KERNEL_SECTIONS_H
#define _KERNEL_SECTIONS_H

#if __STDC_HOSTED__
#define __section_sym(name)	__asm__("arbor_" #name)
#else
#define __section_sym(name)
#endif

extern char _start[] __section_sym(_start);
extern char _end[] __section_sym(_end);
extern char _stext[] __section_sym(_stext);
extern char _etext[] __section_sym(_etext);
extern char __start_rodata[] __section_sym(__start_rodata);
extern char __end_rodata[] __section_sym(__end_rodata);
extern char _sdata[] __section_sym(_sdata);
extern char _edata[] __section_sym(_edata);
extern char __init_begin[] __section_sym(__init_begin);
extern char __init_end[] __section_sym(__init_end);
extern char __bss_start[] __section_sym(__bss_start);
extern char __bss_stop[] __section_sym(__bss_stop);

/* Bytes between two section markers (0 if the markers are out of order). */
static inline unsigned long section_size(const char *start, const char *end)
{
	unsigned long s = (unsigned long)start, e = (unsigned long)end;

	return e > s ? e - s : 0;
}

#endif /* _KERNEL_SECTIONS_H */
