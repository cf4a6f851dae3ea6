# QEMU `virt` machine, RISC-V 64 (qemu-system-riscv64 -M virt).
# Board facts only: everything else comes from the DTB QEMU generates.
ARCH		:= riscv
BOARD_DESC	:= QEMU virt (RISC-V 64)
QEMU		:= qemu-system-riscv64
QEMU_MACHINE	:= virt
QEMU_MEM	?= 2G
QEMU_SMP	?= 4
# OpenSBI firmware: fw_dynamic (default), fw_jump, or QEMU's built-in.
FW		?= fw_dynamic
OPENSBI_DIR	:= /usr/lib/riscv64-linux-gnu/opensbi/generic
LOAD_ADDR	:= 0x80200000
