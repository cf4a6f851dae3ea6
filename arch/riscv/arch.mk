# RISC-V specifics of the kernel build.
# riscv_setup_vm() runs at the physical load address before the MMU is on:
# it must not use absolute addresses, so no jump tables.
$(O)/obj/arch/riscv/mm/early.c.o: KERNEL_CFLAGS += -fno-jump-tables -fno-pic
