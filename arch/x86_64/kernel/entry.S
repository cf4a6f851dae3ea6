/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exception entry: one small stub per vector 0-31 that makes the stack
 * frame uniform (a 0 where the CPU pushes no error code, then the vector
 * number), and a common path that saves every general register as a
 * struct pt_regs (traps.c), calls x86_handle_trap() and returns with
 * iretq, so a handler may resume elsewhere by editing regs->rip.
 *
 * The stack at the call, from the top (higher addresses) down:
 *
 *   ss rsp rflags cs rip       pushed by the CPU (64-bit: always all 5)
 *   error_code                 by the CPU, or 0 by the stub
 *   vector                     by the stub
 *   rax ... r15                by x86_trap_common   <- %rsp = regs
 *
 * 22 quadwords: the CPU aligned %rsp to 16 before pushing, so it is
 * 16-byte aligned again for the call, as the ABI wants.
 *
 * Also here: the fault probes the self-tests use, with their entries in
 * the ex_table section (pairs of "instruction that may fault" and "where
 * to continue"), as Linux's exception tables.
 */
#include <asm/processor.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERR(n)	((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || \
			 (n) == 21 || (n) == 29 || (n) == 30)

	.macro	VECTOR n
	.balign 16
vector_\n:
	.if	!HAS_ERR(\n)
	pushq	$0
	.endif
	pushq	$\n
	jmp	x86_trap_common
	.endm

	.text
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	VECTOR	\n
	.endr

x86_trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	call	x86_handle_trap
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector, error code */
	iretq

/* The stubs' addresses, for the IDT (traps.c). */
	.section .rodata
	.balign 8
	.globl x86_trap_stubs
x86_trap_stubs:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	vector_\n
	.endr

/*
 * int x86_probe_read(const void *addr, u8 *val)
 * int x86_probe_write(void *addr, u8 val)
 * Read or write one byte; 0, or -EFAULT (-14) if the access faulted.
 */
#define EFAULT 14

	.text
	.globl x86_probe_read
x86_probe_read:
1:	movb	(%rdi), %al
	movb	%al, (%rsi)
	xorl	%eax, %eax
	ret
2:	movl	$-EFAULT, %eax
	ret

	.globl x86_probe_write
x86_probe_write:
3:	movb	%sil, (%rdi)
	xorl	%eax, %eax
	ret
4:	movl	$-EFAULT, %eax
	ret

/*
 * int x86_probe_exec(const void *addr): call @addr, which must hold a
 * `ret`; 0, or -EFAULT if fetching it faulted.  The fault happens at the
 * target, not here: traps.c recognises it by x86_probe_exec_armed and
 * returns to 6f as the `ret` would have, popping the return address.
 */
	.globl x86_probe_exec, x86_probe_exec_ret
x86_probe_exec:
	movq	$1, x86_probe_exec_armed(%rip)
	call	*%rdi
	movq	$0, x86_probe_exec_armed(%rip)
	xorl	%eax, %eax
	ret
x86_probe_exec_ret:
	movq	$0, x86_probe_exec_armed(%rip)
	movl	$-EFAULT, %eax
	ret

/* A lone `ret` in the text: x86_probe_exec()'s harmless target. */
	.globl x86_ret_insn
x86_ret_insn:
	ret

	.bss
	.balign 8
	.globl x86_probe_exec_armed
x86_probe_exec_armed:
	.quad	0

	.section ex_table, "a"
	.balign 8
	.quad	1b, 2b
	.quad	3b, 4b
