// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86-64 SMP: the boot CPU only.  Starting the application processors
 * (INIT-SIPI-SIPI through the local APIC, a real-mode trampoline) is
 * optional in the project's plan and not done yet, so arch_smp_boot()
 * marks the boot CPU online and says so in Linux's words.  With no other
 * CPU online the generic smp_call_function() never has a target, and the
 * TLB flushes (asm/tlbflush.h) stay local.
 *
 * Locking: none (boot CPU only).
 */
#define pr_fmt(fmt) "smp: " fmt

#include <kernel/setup.h>
#include <kernel/smp.h>
#include <kernel/printk.h>
#include <mm/mmzone.h>

/* arch_smp_boot - see kernel/setup.h.  The boot CPU is all there is. */
void arch_smp_boot(void)
{
	unsigned int nodes = 0;
	int nid;

	set_cpu_online(0, true);
	pr_info("Bringing up secondary CPUs ...\n");
	for_each_online_node(nid)
		nodes++;
	if (!nodes)
		nodes = 1;
	pr_info("Brought up %u node%s, 1 CPU\n", nodes, nodes > 1 ? "s" : "");
}

/*
 * arch_send_call_function_ipi_mask - see kernel/smp.h.  No other CPU is
 * ever online, so no one can be asked; a request here is a bug.
 */
void arch_send_call_function_ipi_mask(unsigned long mask)
{
	pr_warn_ratelimited("IPI to CPU mask 0x%lx, but only the boot CPU runs\n",
			    mask);
}
