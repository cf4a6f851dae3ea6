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

#endif /* _ASM_RISCV_SBI_H */
