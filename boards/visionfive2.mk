# StarFive VisionFive 2 (JH7110; 2, 4 or 8 GiB of DRAM at 0x40000000).
# Packaging only: the kernel is the RISC-V Image every board boots, and
# the device tree says what differs.  `make BOARD=visionfive2 sdimage`
# gives build/riscv-visionfive2/sdcard.img; docs/boards.md says how to
# flash it or load the Image over TFTP.
ARCH		:= riscv
BOARD_DESC	:= StarFive VisionFive 2 (JH7110)
# dts/jh7110-visionfive2.dts -> build/riscv-visionfive2/jh7110-visionfive2.dtb
BOARD_DTB	:= jh7110-visionfive2.dtb
# Informational: U-Boot's booti moves the Image to DRAM base + text_offset
# (0x40000000 + 0x200000); the Image itself runs at any 2 MiB boundary.
LOAD_ADDR	:= 0x40200000
# The SD card's FAT boot partition: Image, the DTB, extlinux.conf, boot.scr.
SDIMAGE_MIB	?= 64
SDIMAGE_BOOTARGS ?= memblock=debug
