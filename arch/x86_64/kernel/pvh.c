// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PVH boot: what QEMU's -kernel (through its pvh.bin option ROM) and Xen
 * hand over in %ebx, the hvm_start_info structure of Xen's public header
 * arch-x86/hvm/start_info.h, version 1:
 *
 *    0 magic 0x336ec578   4 version    8 flags   12 nr_modules
 *   16 modlist_paddr     24 cmdline_paddr        32 rsdp_paddr
 *   40 memmap_paddr      48 memmap_entries       52 reserved     (v1)
 *
 *   module (32 bytes):  paddr | size | cmdline_paddr | reserved
 *   memmap (24 bytes):  addr | size | type (E820) | reserved
 *
 * All of it lies below 4 GiB, inside the early linear map.  QEMU puts the
 * structure, the memory map and the command line in its option ROM's
 * memory (below 1 MiB) and a module (-initrd) at the top of RAM below
 * 4 GiB.  A zero address means "absent".
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/setup.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/page.h>

#include "x86.h"

#define XEN_HVM_START_MAGIC	0x336ec578

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;	/* version >= 1 */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

BUILD_BUG_ON(sizeof(struct hvm_start_info) != 56);
BUILD_BUG_ON(sizeof(struct hvm_modlist_entry) != 32);
BUILD_BUG_ON(sizeof(struct e820_entry) != 24);

/* The early linear map covers [0, 4 GiB): is [pa, pa + size) inside? */
static bool below_4g(u64 pa, u64 size)
{
	return pa < SZ_4G && size <= SZ_4G - pa;
}

/*
 * Read the start_info at @info_pa into x86_boot.  Returns 0, or -EINVAL
 * (with a boot_error) for a bad magic, a version-0 structure (no memory
 * map) or data the early map cannot reach.
 */
int x86_parse_pvh(phys_addr_t info_pa)
{
	const struct hvm_start_info *si = __va(info_pa);
	const struct e820_entry *map;
	unsigned int n;

	if (!below_4g(info_pa, sizeof(*si)))
		return boot_error(-EINVAL, "PVH: start_info at 0x%016llx is above 4 GiB; the loader broke the PVH contract",
				  (unsigned long long)info_pa);
	if (si->magic != XEN_HVM_START_MAGIC)
		return boot_error(-EINVAL,
			"PVH: start_info at 0x%016llx has magic 0x%08x, not 0x%08x; "
			"boot through QEMU -kernel (PVH) or GRUB multiboot2",
			(unsigned long long)info_pa, si->magic, XEN_HVM_START_MAGIC);
	x86_boot.protocol = "PVH";
	x86_boot_add_range(info_pa, si->version >= 1 ? 56 : 40, "PVH start_info");

	if (si->version < 1 || !si->memmap_entries || !si->memmap_paddr)
		return boot_error(-EINVAL,
			"PVH: start_info version %u carries no memory map (%u entries); "
			"Arbor needs version 1 with an E820 map (QEMU >= 4.0)",
			si->version, si->version >= 1 ? si->memmap_entries : 0);
	n = si->memmap_entries;
	if (!below_4g(si->memmap_paddr, (u64)n * sizeof(*map)))
		return boot_error(-EINVAL, "PVH: memory map at 0x%016llx (%u entries) is above 4 GiB",
				  (unsigned long long)si->memmap_paddr, n);
	x86_boot_add_range(si->memmap_paddr, (u64)n * sizeof(*map), "E820 map");
	if (n > E820_MAX_ENTRIES) {
		pr_warn("PVH: %u memory map entries, keeping the first %u\n",
			n, E820_MAX_ENTRIES);
		n = E820_MAX_ENTRIES;
	}
	map = __va(si->memmap_paddr);
	memcpy(x86_boot.e820, map, n * sizeof(*map));
	x86_boot.e820_entries = n;

	if (si->cmdline_paddr && below_4g(si->cmdline_paddr, 1)) {
		x86_boot.cmdline = __va(si->cmdline_paddr);
		x86_boot_add_range(si->cmdline_paddr,
				   strnlen(x86_boot.cmdline, SZ_4G - si->cmdline_paddr) + 1,
				   "command line");
	}

	if (si->nr_modules && si->modlist_paddr &&
	    below_4g(si->modlist_paddr, (u64)si->nr_modules * sizeof(struct hvm_modlist_entry))) {
		const struct hvm_modlist_entry *mod = __va(si->modlist_paddr);

		x86_boot_add_range(si->modlist_paddr,
				   si->nr_modules * sizeof(*mod), "module list");
		for (n = 0; n < si->nr_modules && n < X86_MAX_MODULES; n++) {
			x86_boot.modules[n].base = mod[n].paddr;
			x86_boot.modules[n].size = mod[n].size;
			x86_boot_add_range(mod[n].paddr, mod[n].size, "module");
		}
		x86_boot.nr_modules = n;
	}

	x86_boot.rsdp_pa = si->rsdp_paddr;
	pr_info("x86: PVH boot: start_info v%u at 0x%016llx, %u E820 entries, %u modules\n",
		si->version, (unsigned long long)info_pa, si->memmap_entries,
		si->nr_modules);
	return 0;
}
