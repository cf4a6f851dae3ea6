// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The boot CPU: its features (CPUID), its per-CPU data, and the segment
 * tables long mode still needs.
 *
 * Long mode ignores segment bases and limits for code and data, but a CPU
 * still needs a GDT with a 64-bit code segment, and a TSS to say which
 * stack an exception switches to.  Arbor gives the double fault its own
 * stack (IST1), so a kernel stack overflow is reported instead of
 * turning into a triple fault and a silent reset.
 *
 *   GDT  0x00 null
 *        0x08 kernel code, 64-bit (L=1), DPL 0
 *        0x10 kernel data
 *        0x18 TSS (a 16-byte system descriptor)
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/pgtable.h>

#include "x86.h"

struct cpu_info boot_cpu_info;

/* asm/pgtable.h's runtime flags, set before the first table is built. */
u64 x86_nx_mask;
bool x86_gbpages;

static char cpu_vendor[13];
static char cpu_brand[49];
static u32 cpu_max_leaf, cpu_max_ext_leaf;
static u32 cpu_phys_bits = 36, cpu_virt_bits = 48;

/* The 64-bit TSS (Intel SDM vol. 3A, 8.7). */
struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

static struct tss64 boot_tss __aligned(16);
static u8 df_stack[8192] __aligned(16);

static u64 gdt[5] __aligned(16);

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

static void gdt_set_tss(u64 *slot, const struct tss64 *tss)
{
	u64 base = (unsigned long)tss;
	u64 limit = sizeof(*tss) - 1;

	/* Type 9: available 64-bit TSS; present. */
	slot[0] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ULL << 40 |
		  ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	slot[1] = base >> 32;
}

static void load_gdt_tss(void)
{
	struct desc_ptr p = { .limit = sizeof(gdt) - 1, .base = (unsigned long)gdt };

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffULL;		/* code: P, DPL 0, S, exec/read, L */
	gdt[2] = 0x00cf92000000ffffULL;		/* data: P, DPL 0, S, read/write */
	boot_tss.ist[0] = (unsigned long)(df_stack + sizeof(df_stack));
	boot_tss.iomap_base = sizeof(boot_tss);	/* no I/O bitmap */
	gdt_set_tss(&gdt[3], &boot_tss);

	__asm__ __volatile__(
		"lgdt %0\n\t"
		/* Reload CS with a far return, then the data segments. */
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3"
		:: "m"(p), "i"((u64)__KERNEL_CS), "i"(__KERNEL_DS), "r"(GDT_TSS)
		: "rax", "memory");
}

static void read_features(void)
{
	u32 a, b, c, d;

	cpuid(0, &cpu_max_leaf, &b, &c, &d);
	memcpy(cpu_vendor, &b, 4);
	memcpy(cpu_vendor + 4, &d, 4);
	memcpy(cpu_vendor + 8, &c, 4);
	cpuid(1, &a, &b, &c, &d);
	boot_cpu_info.apic_id = b >> 24;

	cpuid(0x80000000, &cpu_max_ext_leaf, &b, &c, &d);
	if (cpu_max_ext_leaf >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &c, &d);
		/* head.S turned EFER.NXE on exactly when this bit is set. */
		if ((d & X86_EXT_NX) && (rdmsr(MSR_EFER) & EFER_NXE))
			x86_nx_mask = _PAGE_NX;
		x86_gbpages = d & X86_EXT_GBPAGES;
	}
	if (cpu_max_ext_leaf >= 0x80000004) {
		for (u32 i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, &a, &b, &c, &d);
			memcpy(cpu_brand + 16 * i, &a, 4);
			memcpy(cpu_brand + 16 * i + 4, &b, 4);
			memcpy(cpu_brand + 16 * i + 8, &c, 4);
			memcpy(cpu_brand + 16 * i + 12, &d, 4);
		}
	}
	if (cpu_max_ext_leaf >= 0x80000008) {
		cpuid(0x80000008, &a, &b, &c, &d);
		cpu_phys_bits = a & 0xff;
		cpu_virt_bits = (a >> 8) & 0xff;
	}
}

/*
 * First C code on the boot CPU (from x86_start, before printk): per-CPU
 * data, features the page-table encoding depends on, the final GDT/TSS.
 */
void x86_cpu_early_init(void)
{
	boot_cpu_info.cpu = 0;
	read_features();
	load_gdt_tss();
}

/* One line per fact the memory code depends on, for the boot log. */
void x86_print_cpu_features(void)
{
	const char *brand = cpu_brand;

	while (*brand == ' ')
		brand++;
	pr_info("CPU: %s %s (CPUID max leaf 0x%x, extended 0x%x), APIC id %u\n",
		cpu_vendor, *brand ? brand : "(no brand string)", cpu_max_leaf,
		cpu_max_ext_leaf, boot_cpu_info.apic_id);
	pr_info("x86/cpu: %u bits physical, %u bits virtual; NX %s; 1 GiB pages (pdpe1gb) %s\n",
		cpu_phys_bits, cpu_virt_bits,
		x86_nx_mask ? "on (EFER.NXE)" : "not available: W^X cannot be enforced",
		x86_gbpages ? "yes" : "no");
}
