/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private declarations shared by arch/x86_64 files (not for generic code):
 * what the boot loader handed over, in one protocol-neutral form, and the
 * helpers of the files that fill and use it.
 */
#ifndef _ARCH_X86_PRIVATE_H
#define _ARCH_X86_PRIVATE_H

#include <kernel/types.h>
#include <kernel/compiler.h>

/* Set by boot/head.S before .bss is cleared. */
#define X86_BOOT_PVH	1
#define X86_BOOT_MB2	2
extern u32 x86_boot_protocol;
extern u32 x86_boot_info_pa;

/* E820 types (ACPI 6.5, 15.1 "Address Range Types"). */
#define E820_TYPE_RAM		1
#define E820_TYPE_RESERVED	2
#define E820_TYPE_ACPI		3
#define E820_TYPE_NVS		4
#define E820_TYPE_UNUSABLE	5
#define E820_TYPE_PMEM		7

/* One E820 entry as PVH and Multiboot2 both pass it: 24 bytes. */
struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
} __packed;

#define E820_MAX_ENTRIES	128
#define X86_MAX_MODULES		8
#define X86_MAX_BOOT_RANGES	(6 + X86_MAX_MODULES)

/* A piece of RAM the loader wrote and the kernel must not reuse early. */
struct x86_boot_range {
	phys_addr_t base;
	phys_addr_t size;
	const char *what;
};

/*
 * Everything start_kernel needs from the boot protocol, read by
 * x86_parse_pvh() or x86_parse_multiboot2() while the boot data is still
 * intact (it is copied where it must outlive the reservations).
 */
struct x86_boot_params {
	const char *protocol;			/* "PVH", "Multiboot2" */
	struct e820_entry e820[E820_MAX_ENTRIES];
	unsigned int e820_entries;
	const char *cmdline;			/* NULL: none */
	unsigned int nr_modules;
	struct { phys_addr_t base, size; } modules[X86_MAX_MODULES];
	/* ACPI root: a physical address (PVH), or a copy (Multiboot2). */
	phys_addr_t rsdp_pa;
	const void *rsdp_copy;
	/* What the loader put in RAM: reserved before the first allocation. */
	struct x86_boot_range ranges[X86_MAX_BOOT_RANGES];
	unsigned int nr_ranges;
};

extern struct x86_boot_params x86_boot;

/* Boot protocols: 0 or -EINVAL after a boot_error(). */
int x86_parse_pvh(phys_addr_t info_pa);
int x86_parse_multiboot2(phys_addr_t info_pa);
void x86_boot_add_range(phys_addr_t base, phys_addr_t size, const char *what);

/*
 * E820: print Linux's "BIOS-e820:" lines; make page 0 and the BIOS hole
 * reserved; feed usable RAM to memblock.
 */
void e820_print(void);
void e820_trim_bios_range(void);
int e820_memblock_setup(void);

/* CPU: features, GDT/TSS/IDT.  x86_cpu_early_init() runs first in C. */
void x86_cpu_early_init(void);
void x86_traps_init(void);
void x86_print_cpu_features(void);

/* ACPI: RSDP -> FADT (PM1a control, PM timer) and \_S5. */
void x86_acpi_init(void);
extern u16 acpi_pm1a_cnt;		/* 0: none */
extern u16 acpi_s5_slp_typ;
extern bool acpi_s5_found;
extern u16 acpi_pm_tmr;			/* 0: none */
extern bool acpi_pm_tmr_32bit;

/* The TSC clock: x86_tsc_init() after ACPI (it may calibrate with it). */
void x86_tsc_mark_boot(void);
void x86_tsc_init(void);

/* Fault fixups (traps.c): probes for the self-tests. */
struct x86_fault_record {
	unsigned long count;		/* faults fixed up so far */
	unsigned long addr;		/* CR2 of the last one */
	unsigned long error_code;
	unsigned long vector;
};
extern struct x86_fault_record x86_last_fixup;
int x86_probe_read(const void *addr, u8 *val);
int x86_probe_write(void *addr, u8 val);
int x86_probe_exec(const void *addr);

/* mm/init.c: leaves of each size in the linear map (Linux's DirectMap). */
void x86_print_direct_map(void *root);

#endif /* _ARCH_X86_PRIVATE_H */
