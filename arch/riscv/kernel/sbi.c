// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SBI calls: the supervisor's interface to the firmware (OpenSBI).  Debian's
 * OpenSBI 1.1 implements SBI 1.0 with the legacy console, TIME, IPI,
 * RFENCE, HSM, SRST and PMU extensions (no DBCN), so the legacy putchar is
 * the earliest console.
 */
#include <kernel/printk.h>
#include <asm/sbi.h>
#include <asm/early_console.h>

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			     : "memory");
	return (struct sbiret){ .error = (long)r0, .value = (long)r1 };
}

void sbi_console_putchar(int ch)
{
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, ch, 0, 0, 0, 0, 0);
}

int sbi_console_getchar(void)
{
	return (int)sbi_ecall(SBI_EXT_0_1_CONSOLE_GETCHAR, 0, 0, 0, 0, 0, 0, 0).error;
}

bool sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0, 0, 0);

	return r.error == 0 && r.value != 0;
}

unsigned long sbi_spec_version(void)
{
	return (unsigned long)sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0).value;
}

long sbi_hart_start(unsigned long hartid, unsigned long start_pa,
		    unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, start_pa, opaque, 0, 0, 0).error;
}

long sbi_hart_get_status(unsigned long hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0, 0, 0, 0);

	return r.error ? r.error : r.value;
}

void sbi_set_timer(u64 stime)
{
	sbi_ecall(SBI_EXT_TIME, 0, stime, 0, 0, 0, 0, 0);
}

long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0, 0, 0).error;
}

long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size)
{
	return sbi_ecall(SBI_EXT_RFENCE, 1, hart_mask, hart_mask_base, start, size,
			 0, 0).error;
}

void sbi_system_reset(unsigned long type, unsigned long reason)
{
	sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0, 0, 0, 0);
}

static void sbi_console_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	while (len--) {
		if (*s == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(*s++);
	}
}

static struct console sbi_console = {
	.name = "sbi0",
	.write = sbi_console_write,
	.flags = CON_BOOT,
};

void early_console_init(void)
{
	register_console(&sbi_console);
}
