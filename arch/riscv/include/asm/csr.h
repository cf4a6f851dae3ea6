/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V supervisor CSRs and their bits (privileged spec 1.12). */
#ifndef _ASM_RISCV_CSR_H
#define _ASM_RISCV_CSR_H

#define SSTATUS_SIE	(1UL << 1)
#define SSTATUS_SPIE	(1UL << 5)
#define SSTATUS_SPP	(1UL << 8)
#define SSTATUS_SUM	(1UL << 18)

#define SATP_MODE_SV39	(8UL << 60)

/* sie/sip: the supervisor software interrupt carries IPIs. */
#define IRQ_S_SOFT	1
#define SIE_SSIE	(1UL << IRQ_S_SOFT)
#define SIP_SSIP	(1UL << IRQ_S_SOFT)
#define SIE_STIE	(1UL << 5)	/* supervisor timer: only to wake a wfi */

#define SCAUSE_IRQ	(1UL << 63)
#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_ILLEGAL_INST	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

#ifndef __ASSEMBLY__
#define csr_read(csr)							\
	({ unsigned long __v;						\
	   __asm__ __volatile__("csrr %0, " #csr : "=r"(__v) :: "memory"); \
	   __v; })
#define csr_write(csr, val)						\
	({ unsigned long __v = (unsigned long)(val);			\
	   __asm__ __volatile__("csrw " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val)						\
	({ unsigned long __v = (unsigned long)(val);			\
	   __asm__ __volatile__("csrs " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val)						\
	({ unsigned long __v = (unsigned long)(val);			\
	   __asm__ __volatile__("csrc " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_read_clear(csr, val)					\
	({ unsigned long __v = (unsigned long)(val);			\
	   __asm__ __volatile__("csrrc %0, " #csr ", %1"		\
				: "=r"(__v) : "rK"(__v) : "memory");	\
	   __v; })
#endif

#endif /* _ASM_RISCV_CSR_H */
