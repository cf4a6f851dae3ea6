/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V SBI calls (SBI spec v1.0): legacy console, SRST, HSM, RFENCE, IPI. */
#ifndef _ASM_RISCV_SBI_H
#define _ASM_RISCV_SBI_H

#include <kernel/types.h>

#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x1
#define SBI_EXT_0_1_CONSOLE_GETCHAR	0x2
#define SBI_EXT_BASE			0x10
#define SBI_EXT_TIME			0x54494D45
#define SBI_EXT_IPI			0x735049
#define SBI_EXT_RFENCE			0x52464E43
#define SBI_EXT_HSM			0x48534D
#define SBI_EXT_SRST			0x53525354

/* SBI error codes (struct sbiret.error). */
#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3
#define SBI_ERR_DENIED			-4
#define SBI_ERR_INVALID_ADDRESS		-5
#define SBI_ERR_ALREADY_AVAILABLE	-6

#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_SYSFAIL		1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5);

void sbi_console_putchar(int ch);
int sbi_console_getchar(void);
/* Is extension @ext implemented?  (SBI base probe_extension.) */
bool sbi_probe_extension(unsigned long ext);
void sbi_system_reset(unsigned long type, unsigned long reason);
/* The SBI implementation's spec version, "major.minor" packed as in spec. */
unsigned long sbi_spec_version(void);

/*
 * HSM hart_start: start hart @hartid (stopped) at physical address
 * @start_pa in S-mode with the MMU off, a0 = @hartid, a1 = @opaque.
 * Returns 0 or an SBI error (SBI_ERR_ALREADY_AVAILABLE: it runs already).
 */
long sbi_hart_start(unsigned long hartid, unsigned long start_pa,
		    unsigned long opaque);
/* HSM hart_get_status states (SBI spec, HSM chapter). */
#define SBI_HSM_STATE_STARTED		0
#define SBI_HSM_STATE_STOPPED		1
#define SBI_HSM_STATE_START_PENDING	2
#define SBI_HSM_STATE_STOP_PENDING	3
/* HSM hart_get_status: one of the states above, or a negative SBI error. */
long sbi_hart_get_status(unsigned long hartid);
/* TIME set_timer: raise the supervisor timer interrupt at time @stime
 * (the `time` CSR's count); ULONG_MAX: never.  Clears a pending one. */
void sbi_set_timer(u64 stime);
/* IPI send_ipi: raise the supervisor software interrupt on the harts of
 * @hart_mask (bit n = hart @hart_mask_base + n).  Returns 0 or an error. */
long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
/*
 * RFENCE remote_sfence_vma: sfence.vma over [@start, @start + @size) on
 * the harts of @hart_mask/@hart_mask_base, returning when all have done
 * it.  @size ULONG_MAX (or start and size 0) flushes everything.
 */
long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size);

#endif /* _ASM_RISCV_SBI_H */
