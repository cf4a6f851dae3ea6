# SPDX-License-Identifier: GPL-2.0-or-later
#
# Arbor: a small kernel about memory management, done the way Linux does it.
#
#   make run                 build and boot QEMU virt to the mm> monitor
#   make test                every suite; ends with "N passed, N failed"
#   make bench               benchmarks -> docs/benchmarks.md
#   make memmap-png          pictures of physical memory -> build/*.png
#   make ARCH=x86_64 run     the x86-64 port under qemu-system-x86_64
#   make ARCH=x86_64 iso     a GRUB rescue CD booting it through Multiboot2
#   make run-uboot           the same, through Debian's U-Boot and booti
#   make BOARD=visionfive2 sdimage
#
# Variables for `run` and `run-uboot`: QEMU_MEM=2G QEMU_SMP=4
#   BOOTARGS="..." DTB=file.dtb FW=fw_dynamic|fw_jump|default QEMU_EXTRA="..."
# Objects go to build/<arch>-<board>/ (out of tree); `make clean` removes it.

# `make` alone builds the kernel (the included mk/*.mk define rules first).
.DEFAULT_GOAL	:= all

ifeq ($(origin BOARD),undefined)
BOARD := $(if $(filter x86_64,$(ARCH)),qemu-x86_64,qemu-virt)
endif
ifeq ($(wildcard boards/$(BOARD).mk),)
$(error BOARD=$(BOARD): no boards/$(BOARD).mk (have: $(basename $(notdir $(wildcard boards/*.mk)))))
endif
include boards/$(BOARD).mk

O		:= build/$(ARCH)-$(BOARD)

# $(call shq,TEXT): TEXT as one single-quoted shell word, so that
# BOOTARGS='monitor.script="a;b"' and the like reach the tools intact.
shq		= '$(subst ','\'',$(1))'

include mk/libfdt.mk
include mk/toolchain.mk
include mk/rules.mk
include mk/fdtmem.mk
-include mk/bench.mk
-include mk/tsan.mk
-include mk/fuzz.mk
-include arch/$(ARCH)/arch.mk

.PHONY: all run run-uboot sdimage dtbs test bench deps clean distclean host-test memmap-png \
	host-build fdtmem FORCE iso

all: $(O)/arbor.elf

deps:
	@tools/setup-deps.sh $(ARCH)

$(O)/arbor.elf: $(KERNEL_OBJS) arch/$(ARCH)/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(ARCH_LDFLAGS) -T arch/$(ARCH)/kernel.ld -o $@ $(KERNEL_OBJS) \
		$(shell $(CC) $(LIBGCC_FLAGS) -print-libgcc-file-name)

$(O)/arbor.bin: $(O)/arbor.elf
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

# The rule for $(O)/arbor.iso lives in arch/$(ARCH)/arch.mk (x86_64 only).
iso: $(O)/arbor.iso

run: deps all
	@QEMU="$(QEMU)" QEMU_MACHINE="$(QEMU_MACHINE)" QEMU_MEM="$(QEMU_MEM)" \
	 QEMU_SMP="$(QEMU_SMP)" FW="$(FW)" OPENSBI_DIR="$(OPENSBI_DIR)" \
	 BOOTARGS=$(call shq,$(BOOTARGS)) DTB="$(DTB)" QEMU_EXTRA=$(call shq,$(QEMU_EXTRA)) \
	 tools/run-qemu $(O)/arbor.elf

# Pictures of physical memory from a monitor session (tools/plot-memmap):
# boots this build under QEMU with monitor.script= (memblock, ptdump,
# freeblocks, frag ...) and draws build/memmap.png and build/buddy-frag.png.
memmap-png: deps all
	@tools/setup-deps.sh plot
	@QEMU="$(QEMU)" QEMU_MACHINE="$(QEMU_MACHINE)" FW="$(FW)" \
	 OPENSBI_DIR="$(OPENSBI_DIR)" tools/plot-memmap --kernel $(O)/arbor.elf \
		--save-log build/memmap-session.log \
		--memmap build/memmap.png --buddy build/buddy-frag.png

# ---- U-Boot: the raw Image, device trees, a bootable disk image ----
# The project's device trees (dts/) for this build directory.
DTBS		:= $(patsubst dts/%.dts,$(O)/%.dtb,$(wildcard dts/*.dts))
SDIMAGE		:= $(O)/sdcard.img
SDIMAGE_MIB	?= 64
UBOOT_SMODE	?= /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin

dtbs: $(DTBS)

$(O)/%.dtb: dts/%.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	@$(DTC) -I dts -O dtb -o $@ $<

# MBR + FAT: Image, $(BOARD_DTB), extlinux/extlinux.conf, boot.scr.
# Rebuilt every time (well under a second), so SDIMAGE_BOOTARGS applies.
sdimage: $(SDIMAGE)

$(SDIMAGE): $(O)/arbor.bin $(addprefix $(O)/,$(BOARD_DTB)) FORCE
	@tools/setup-deps.sh uboot
	@echo "  SDIMAGE $@"
	@tools/mksdimage -k $(O)/arbor.bin $(if $(BOARD_DTB),-d $(O)/$(BOARD_DTB)) \
		-a $(call shq,$(SDIMAGE_BOOTARGS)) -s $(SDIMAGE_MIB) $@

# QEMU virt -> OpenSBI -> U-Boot (S-mode) -> distro boot from a virtio
# disk -> extlinux.conf -> booti.  BOOTARGS goes into extlinux.conf and
# boot.scr; DTB, if given, is the device tree QEMU hands to U-Boot.
ifneq ($(filter run-uboot,$(MAKECMDGOALS)),)
ifeq ($(and $(QEMU),$(filter riscv,$(ARCH))),)
$(error run-uboot: BOARD=$(BOARD) is not a RISC-V QEMU board; use BOARD=qemu-virt)
endif
endif
run-uboot: $(O)/arbor.bin
	@tools/setup-deps.sh $(ARCH) uboot
	@tools/mksdimage -k $(O)/arbor.bin -a $(call shq,$(BOOTARGS)) $(O)/run-uboot.img
	@QEMU="$(QEMU)" QEMU_MACHINE="$(QEMU_MACHINE)" QEMU_MEM="$(QEMU_MEM)" \
	 QEMU_SMP="$(QEMU_SMP)" FW="$(FW)" OPENSBI_DIR="$(OPENSBI_DIR)" \
	 BOOTARGS= DTB="$(DTB)" \
	 QEMU_EXTRA="-drive file=$(O)/run-uboot.img,format=raw,if=none,id=disk0 \
		-device virtio-blk-device,drive=disk0 "$(call shq,$(QEMU_EXTRA)) \
	 tools/run-qemu $(UBOOT_SMODE)

FORCE:

host-build: $(HOST_O)/arbor-host-tests

fdtmem: $(FDTMEM) $(TEST_DTBS)

host-test: $(HOST_O)/arbor-host-tests
	@$(HOST_O)/arbor-host-tests $(SUITES)

test:
	@tools/setup-deps.sh test
	@tools/run-tests

fuzz:
	@tools/setup-deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-run

bench:
	@tools/setup-deps.sh bench riscv
	@tools/bench/run-bench

clean:
	rm -rf $(O) $(HOST_O)

distclean:
	rm -rf build
