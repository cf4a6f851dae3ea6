# QEMU PC (x86-64): qemu-system-x86_64 -kernel arbor.elf, entered through
# PVH (QEMU's pvh.bin option ROM under SeaBIOS).  Board facts only: RAM
# comes from the E820 map, the console is COM1.
ARCH		:= x86_64
BOARD_DESC	:= QEMU PC (x86-64, q35 or pc)
QEMU		:= qemu-system-x86_64
QEMU_MACHINE	?= q35
QEMU_MEM	?= 2G
QEMU_SMP	?= 1
LOAD_ADDR	:= 0x200000
