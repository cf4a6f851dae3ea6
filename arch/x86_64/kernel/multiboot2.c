// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Multiboot2 boot: what GRUB hands over in %ebx, the boot information
 * (MBI) of the Multiboot2 specification (3.6):
 *
 *   MBI:  total_size (u32) | reserved (u32) | tags...
 *   tag:  type (u32) | size (u32, header included) | payload,
 *         the next tag at the next 8-byte boundary; type 0 ends the list
 *
 *   type  1  command line      string
 *   type  3  module            mod_start (u32) | mod_end (u32) | string
 *   type  6  memory map        entry_size | entry_version | entries
 *                              (entry: base u64 | length u64 | type u32 |
 *                              reserved u32: E820's 24 bytes)
 *   type 14  ACPI 1.0 RSDP     a copy of the RSDP
 *   type 15  ACPI 2.0+ RSDP    a copy of the XSDP
 *
 * GRUB places the MBI and modules in free RAM (below 4 GiB), so the whole
 * MBI is reserved until start_kernel is done with it.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/setup.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/page.h>

#include "x86.h"

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	u8 entries[];
};

/*
 * Read the MBI at @info_pa into x86_boot.  Returns 0, or -EINVAL (with a
 * boot_error) if the MBI is out of reach, malformed or has no memory map.
 */
int x86_parse_multiboot2(phys_addr_t info_pa)
{
	const u8 *mbi = __va(info_pa);
	u32 total = *(const u32 *)mbi;
	const struct mb2_tag *tag;
	u32 off;

	if (info_pa >= SZ_4G || total < 16 || total > SZ_4G - info_pa)
		return boot_error(-EINVAL, "Multiboot2: boot information at 0x%016llx (%u bytes) is malformed",
				  (unsigned long long)info_pa, total);
	x86_boot.protocol = "Multiboot2";
	x86_boot_add_range(info_pa, total, "Multiboot2 info");

	for (off = 8; off + sizeof(*tag) <= total; off += ALIGN(tag->size, 8)) {
		tag = (const struct mb2_tag *)(mbi + off);
		if (tag->type == MB2_TAG_END)
			break;
		if (tag->size < sizeof(*tag) || tag->size > total - off)
			return boot_error(-EINVAL, "Multiboot2: tag %u at offset %u has size %u (MBI is %u bytes)",
					  tag->type, off, tag->size, total);
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			x86_boot.cmdline = (const char *)(tag + 1);
			break;
		case MB2_TAG_MODULE: {
			const struct mb2_tag_module *m = (const void *)tag;
			unsigned int i = x86_boot.nr_modules;

			if (i < X86_MAX_MODULES && m->mod_end > m->mod_start) {
				x86_boot.modules[i].base = m->mod_start;
				x86_boot.modules[i].size = m->mod_end - m->mod_start;
				x86_boot_add_range(m->mod_start, m->mod_end - m->mod_start,
						   "module");
				x86_boot.nr_modules++;
			}
			break;
		}
		case MB2_TAG_MMAP: {
			const struct mb2_tag_mmap *mm = (const void *)tag;
			u32 n = 0;

			if (mm->entry_size < sizeof(struct e820_entry))
				return boot_error(-EINVAL, "Multiboot2: memory map entries of %u bytes (want >= 24)",
						  mm->entry_size);
			for (u32 o = sizeof(*mm); o + mm->entry_size <= tag->size &&
			     n < E820_MAX_ENTRIES; o += mm->entry_size)
				memcpy(&x86_boot.e820[n++], (const u8 *)mm + o,
				       sizeof(struct e820_entry));
			x86_boot.e820_entries = n;
			break;
		}
		case MB2_TAG_ACPI_NEW:
			x86_boot.rsdp_copy = tag + 1;
			break;
		case MB2_TAG_ACPI_OLD:
			if (!x86_boot.rsdp_copy)
				x86_boot.rsdp_copy = tag + 1;
			break;
		default:
			break;
		}
	}
	if (!x86_boot.e820_entries)
		return boot_error(-EINVAL, "Multiboot2: no memory map tag in the boot information; "
				  "the boot loader must pass one (GRUB always does)");
	pr_info("x86: Multiboot2 boot: info at 0x%016llx (%u bytes), %u E820 entries, %u modules\n",
		(unsigned long long)info_pa, total, x86_boot.e820_entries,
		x86_boot.nr_modules);
	return 0;
}
