// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The E820 memory map: the PC firmware's list of physical address ranges
 * and what each is (INT 15h, AX=E820h; ACPI 6.5 ch. 15).  PVH and
 * Multiboot2 both pass it as 24-byte entries, copied into x86_boot.e820
 * by the protocol parsers.  This file prints it in Linux's format and
 * turns it into memblock.memory, as Linux's e820__memblock_setup() does:
 *
 *   BIOS-provided physical RAM map:
 *   BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
 *   BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
 *   ...
 *
 * Before that, as Linux's trim_bios_range(), the first page becomes
 * "reserved" (the real-mode IVT and BIOS data area live there, and
 * physical 0 is the page-table allocator's "no page"), and so does any
 * "usable" claim on the legacy VGA/BIOS hole [0xa0000, 0x100000):
 *
 *   e820: update [mem 0x00000000-0x00000fff] usable ==> reserved
 *
 * Only "usable" (type 1) ranges are RAM for the allocators.  They are
 * added as the firmware gave them (memblock merges neighbours), then
 * trimmed to whole pages (memblock_trim_memory), so [0x1000, 0x9fc00)
 * becomes [0x1000, 0x9f000).  Everything is node 0: Arbor reads no ACPI
 * SRAT.
 *
 * Runs once at boot, single-threaded.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/setup.h>
#include <kernel/errno.h>
#include <mm/memblock.h>
#include <asm/page.h>

#include "x86.h"

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	case E820_TYPE_PMEM:		return "persistent (type 7)";
	default:			return NULL;
	}
}

/* Print the map in Linux's format (arch/x86/kernel/e820.c). */
void e820_print(void)
{
	pr_info("BIOS-provided physical RAM map:\n");
	for (unsigned int i = 0; i < x86_boot.e820_entries; i++) {
		const struct e820_entry *e = &x86_boot.e820[i];
		const char *name = e820_type_name(e->type);

		if (!e->size)
			continue;
		if (name)
			pr_info("BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
				(unsigned long long)e->addr,
				(unsigned long long)(e->addr + e->size - 1), name);
		else
			pr_info("BIOS-e820: [mem 0x%016llx-0x%016llx] type %u\n",
				(unsigned long long)e->addr,
				(unsigned long long)(e->addr + e->size - 1), e->type);
	}
}

/* Insert @e before index @at (the table keeps its order); false if full. */
static bool e820_insert(unsigned int at, const struct e820_entry *e)
{
	if (x86_boot.e820_entries >= E820_MAX_ENTRIES)
		return false;
	for (unsigned int i = x86_boot.e820_entries; i > at; i--)
		x86_boot.e820[i] = x86_boot.e820[i - 1];
	x86_boot.e820[at] = *e;
	x86_boot.e820_entries++;
	return true;
}

/*
 * Retype the parts of @old_type entries inside [@start, @end) as
 * @new_type, splitting entries at the boundaries (Linux's
 * e820__range_update()), and print what changed in Linux's format.
 */
static void e820_update_range(u64 start, u64 end, u32 old_type, u32 new_type)
{
	bool changed = false;

	for (unsigned int i = 0; i < x86_boot.e820_entries; i++) {
		struct e820_entry *e = &x86_boot.e820[i];
		u64 lo = max(e->addr, start), hi = min(e->addr + e->size, end);
		struct e820_entry piece = { lo, hi - lo, new_type, 0 };
		struct e820_entry tail;

		if (e->type != old_type || lo >= hi)
			continue;
		tail = (struct e820_entry){ hi, e->addr + e->size - hi, old_type, 0 };
		if (e->addr < lo) {
			/* Keep the head in place, the piece and tail follow. */
			e->size = lo - e->addr;
			if (!e820_insert(i + 1, &piece))
				break;
			i++;
		} else {
			*e = piece;
		}
		if (tail.size && !e820_insert(i + 1, &tail))
			break;
		changed = true;
	}
	if (changed)
		pr_info("e820: update [mem 0x%08llx-0x%08llx] %s ==> %s\n",
			(unsigned long long)start, (unsigned long long)(end - 1),
			e820_type_name(old_type), e820_type_name(new_type));
}

/*
 * Linux's trim_bios_range(): page 0 and the legacy hole below 1 MiB are
 * never RAM, whatever the firmware says.
 */
void e820_trim_bios_range(void)
{
	e820_update_range(0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820_update_range(0xa0000, 0x100000, E820_TYPE_RAM, E820_TYPE_RESERVED);
}

/*
 * Add every usable range to memblock.memory (node 0), then trim to whole
 * pages.  Returns 0; -ENOENT if no usable RAM is left; -ENOMEM if
 * memblock's array is full.
 */
int e820_memblock_setup(void)
{
	phys_addr_t max = 1ULL << MAX_PHYSMEM_BITS;
	int err;

	for (unsigned int i = 0; i < x86_boot.e820_entries; i++) {
		const struct e820_entry *e = &x86_boot.e820[i];
		phys_addr_t base = e->addr, end = e->addr + e->size;

		if (e->type != E820_TYPE_RAM || !e->size)
			continue;
		if (end < base || end > max) {
			pr_warn("e820: [mem 0x%016llx-0x%016llx] usable is beyond the %d-bit physical space: ignored\n",
				(unsigned long long)base,
				(unsigned long long)(base + e->size - 1),
				MAX_PHYSMEM_BITS);
			if (base >= max)
				continue;
			end = max;
		}
		err = memblock_add_node(base, end - base, 0, MEMBLOCK_NONE);
		if (err)
			return boot_error(err,
				"cannot add E820 RAM [mem 0x%016llx-0x%016llx] to memblock (error %d); "
				"the firmware's memory map has more than %d pieces",
				(unsigned long long)base, (unsigned long long)(end - 1),
				err, INIT_MEMBLOCK_REGIONS);
	}
	memblock_trim_memory(PAGE_SIZE);
	if (!memblock.memory.cnt)
		return boot_error(-ENOENT,
			"the E820 map (%u entries from %s) has no usable RAM of a whole page; "
			"check the machine's memory size (QEMU: -m)",
			x86_boot.e820_entries, x86_boot.protocol);
	return 0;
}
