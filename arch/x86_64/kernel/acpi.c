// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Just enough ACPI to power off and to keep time: find the FADT, read the
 * PM1a control port and the PM timer port from it, and the S5 sleep type
 * from the DSDT's \_S5 object.  No AML interpreter: \_S5 is a plain
 * package of integers on every firmware Arbor meets (QEMU's SeaBIOS
 * tables, measured: pc and q35 both give PM1a_CNT 0x604, PM_TMR 0x608,
 * \_S5 SLP_TYP 0).
 *
 *   RSDP ("RSD PTR ", 20 or 36 bytes)        PVH: start_info.rsdp_paddr
 *     -> RSDT (32-bit pointers) / XSDT (64)   Multiboot2: a copy in a tag
 *       -> FACP (the FADT)                    else: scan 0xe0000-0xfffff
 *            +40 DSDT  +64 PM1a_CNT_BLK  +76 PM_TMR_BLK  +112 flags
 *            -> DSDT: ... NameOp "_S5_" PackageOp PkgLength NumElements
 *                         SLP_TYPa ...
 *
 * The tables live in firmware-reserved RAM below 4 GiB, readable through
 * the early linear map: all of this runs from arch_setup(), before the
 * final page tables (which map only usable RAM) replace it.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <asm/page.h>

#include "x86.h"

u16 acpi_pm1a_cnt;
u16 acpi_s5_slp_typ;
bool acpi_s5_found;
u16 acpi_pm_tmr;
bool acpi_pm_tmr_32bit;

struct acpi_rsdp {
	char signature[8];
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt_address;
	u32 length;		/* revision >= 2 from here */
	u64 xsdt_address;
	u8 ext_checksum;
	u8 reserved[3];
} __packed;

struct acpi_sdt_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

#define FADT_DSDT		40
#define FADT_PM1A_CNT_BLK	64
#define FADT_PM_TMR_BLK		76
#define FADT_FLAGS		112
#define FADT_X_DSDT		140
#define FADT_TMR_VAL_EXT	(1u << 8)

#define AML_NAME_OP		0x08
#define AML_PACKAGE_OP		0x12
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_BYTE_PREFIX		0x0a

static u8 checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* A table's header through the early linear map, or NULL if unreachable. */
static const struct acpi_sdt_header *acpi_map(u64 pa)
{
	const struct acpi_sdt_header *h;

	if (!pa || pa >= SZ_4G - sizeof(*h))
		return NULL;
	h = __va(pa);
	if (h->length < sizeof(*h) || h->length > SZ_4G - pa)
		return NULL;
	return h;
}

static void print_table(const struct acpi_sdt_header *h, u64 pa)
{
	pr_info("ACPI: %.4s 0x%016llx %06x (v%02u %.6s %.8s)\n", h->signature,
		(unsigned long long)pa, h->length, h->revision, h->oem_id,
		h->oem_table_id);
}

static const struct acpi_rsdp *scan_rsdp(void)
{
	for (u64 pa = 0xe0000; pa < 0x100000; pa += 16) {
		const struct acpi_rsdp *r = __va(pa);

		if (!memcmp(r->signature, "RSD PTR ", 8) && !checksum(r, 20))
			return r;
	}
	return NULL;
}

/* \_S5's SLP_TYPa from the DSDT's AML bytes; false if not found. */
static bool find_s5(const struct acpi_sdt_header *dsdt, u16 *slp_typ)
{
	const u8 *aml = (const u8 *)dsdt;
	u32 len = dsdt->length;

	for (u32 i = sizeof(*dsdt); i + 8 < len; i++) {
		const u8 *p = aml + i;
		u32 pkglen_bytes;

		if (memcmp(p, "_S5_", 4) || p[4] != AML_PACKAGE_OP)
			continue;
		/* NameOp, maybe with a root prefix '\', precedes the name. */
		if (p[-1] != AML_NAME_OP && !(p[-1] == '\\' && p[-2] == AML_NAME_OP))
			continue;
		p += 5;				/* PkgLength */
		pkglen_bytes = (p[0] >> 6) + 1;
		p += pkglen_bytes + 1;		/* NumElements */
		if (p >= aml + len)
			return false;
		if (*p == AML_BYTE_PREFIX)
			*slp_typ = p[1];
		else if (*p == AML_ZERO_OP || *p == AML_ONE_OP)
			*slp_typ = *p;
		else
			return false;
		return true;
	}
	return false;
}

static void parse_fadt(const struct acpi_sdt_header *fadt)
{
	const u8 *f = (const u8 *)fadt;
	const struct acpi_sdt_header *dsdt = NULL;
	u32 v;

	if (fadt->length >= FADT_PM_TMR_BLK + 4) {
		memcpy(&v, f + FADT_PM1A_CNT_BLK, 4);
		acpi_pm1a_cnt = v <= 0xffff ? v : 0;
		memcpy(&v, f + FADT_PM_TMR_BLK, 4);
		acpi_pm_tmr = v <= 0xffff ? v : 0;
	}
	if (fadt->length >= FADT_FLAGS + 4) {
		memcpy(&v, f + FADT_FLAGS, 4);
		acpi_pm_tmr_32bit = v & FADT_TMR_VAL_EXT;
	}
	if (fadt->length >= FADT_X_DSDT + 8) {
		u64 x;

		memcpy(&x, f + FADT_X_DSDT, 8);
		dsdt = acpi_map(x);
	}
	if (!dsdt && fadt->length >= FADT_DSDT + 4) {
		memcpy(&v, f + FADT_DSDT, 4);
		dsdt = acpi_map(v);
	}
	if (dsdt && !memcmp(dsdt->signature, "DSDT", 4)) {
		print_table(dsdt, __pa(dsdt));
		acpi_s5_found = find_s5(dsdt, &acpi_s5_slp_typ);
	}
}

/*
 * Find the FADT and read the power-off and timer ports.  Leaves them 0
 * when there is no ACPI (the power-off then falls back to isa-debug-exit,
 * the clock to an assumed frequency).
 */
void x86_acpi_init(void)
{
	const struct acpi_rsdp *rsdp = x86_boot.rsdp_copy;
	const struct acpi_sdt_header *root;
	bool xsdt;
	u32 n;

	if (!rsdp && x86_boot.rsdp_pa && x86_boot.rsdp_pa < SZ_4G - sizeof(*rsdp))
		rsdp = __va(x86_boot.rsdp_pa);
	if (!rsdp)
		rsdp = scan_rsdp();
	if (!rsdp || memcmp(rsdp->signature, "RSD PTR ", 8) || checksum(rsdp, 20)) {
		pr_warn("ACPI: no valid RSDP; poweroff will use isa-debug-exit only\n");
		return;
	}
	if (x86_boot.rsdp_copy)
		pr_info("ACPI: RSDP (copy from the boot loader) %06x (v%02u %.6s)\n",
			rsdp->revision >= 2 ? rsdp->length : 20, rsdp->revision,
			rsdp->oem_id);
	else
		pr_info("ACPI: RSDP 0x%016llx %06x (v%02u %.6s)\n",
			(unsigned long long)__pa(rsdp),
			rsdp->revision >= 2 ? rsdp->length : 20, rsdp->revision,
			rsdp->oem_id);

	xsdt = rsdp->revision >= 2 && rsdp->xsdt_address;
	root = acpi_map(xsdt ? rsdp->xsdt_address : rsdp->rsdt_address);
	if (!root) {
		pr_warn("ACPI: RSDT/XSDT unreachable\n");
		return;
	}
	print_table(root, __pa(root));
	n = (root->length - sizeof(*root)) / (xsdt ? 8 : 4);
	for (u32 i = 0; i < n; i++) {
		const u8 *ent = (const u8 *)(root + 1) + i * (xsdt ? 8 : 4);
		u64 pa = 0;
		const struct acpi_sdt_header *h;

		memcpy(&pa, ent, xsdt ? 8 : 4);
		h = acpi_map(pa);
		if (!h)
			continue;
		print_table(h, pa);
		if (!memcmp(h->signature, "FACP", 4))
			parse_fadt(h);
	}
	pr_info("ACPI: PM1a_CNT_BLK 0x%x, PM_TMR_BLK 0x%x (%s), \\_S5 SLP_TYP %s%u\n",
		acpi_pm1a_cnt, acpi_pm_tmr, acpi_pm_tmr_32bit ? "32-bit" : "24-bit",
		acpi_s5_found ? "" : "(not found, assuming) ", acpi_s5_slp_typ);
}
