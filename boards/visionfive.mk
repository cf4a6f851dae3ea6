# StarFive VisionFive (v1, JH7100; 8 GiB of DRAM at 0x80000000).
# Packaging only: the kernel is the RISC-V Image every board boots, and
# the device tree says what differs.  `make BOARD=visionfive sdimage`
# gives build/riscv-visionfive/sdcard.img (see docs/boards.md).
ARCH		:= riscv
BOARD_DESC	:= StarFive VisionFive (JH7100)
# dts/jh7100-visionfive.dts -> build/riscv-visionfive/jh7100-visionfive.dtb
BOARD_DTB	:= jh7100-visionfive.dtb
# Informational: U-Boot's booti moves the Image to DRAM base + text_offset
# (0x80000000 + 0x200000); the Image itself runs at any 2 MiB boundary.
LOAD_ADDR	:= 0x80200000
SDIMAGE_MIB	?= 64
SDIMAGE_BOOTARGS ?= memblock=debug
