# SPDX-License-Identifier: GPL-2.0-or-later
#
# Arbor: a small kernel about memory management, done the way Linux does it.
#
#   make run                 build and boot QEMU virt to the mm> monitor
#   make test                every suite; ends with "N passed, N failed"
#   make bench               benchmarks -> docs/benchmarks.md
#   make ARCH=x86_64 run     the x86-64 port under qemu-system-x86_64
#   make BOARD=visionfive2 sdimage
#
# Variables for `run`: QEMU_MEM=2G QEMU_SMP=4 BOOTARGS="..." DTB=file.dtb
#   FW=fw_dynamic|fw_jump|default QEMU_EXTRA="..."
# Objects go to build/<arch>-<board>/ (out of tree); `make clean` removes it.

ifeq ($(origin BOARD),undefined)
BOARD := $(if $(filter x86_64,$(ARCH)),qemu-x86_64,qemu-virt)
endif
ifeq ($(wildcard boards/$(BOARD).mk),)
$(error BOARD=$(BOARD): no boards/$(BOARD).mk (have: $(basename $(notdir $(wildcard boards/*.mk)))))
endif
include boards/$(BOARD).mk

O		:= build/$(ARCH)-$(BOARD)

include mk/libfdt.mk
include mk/toolchain.mk
include mk/rules.mk
include mk/fdtmem.mk
-include arch/$(ARCH)/arch.mk

.PHONY: all run test bench deps clean distclean host-test host-build fdtmem

all: $(O)/arbor.elf

deps:
	@tools/setup-deps.sh $(ARCH)

$(O)/arbor.elf: $(KERNEL_OBJS) arch/$(ARCH)/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(ARCH_LDFLAGS) -T arch/$(ARCH)/kernel.ld -o $@ $(KERNEL_OBJS) \
		$(shell $(CC) $(ARCH_CFLAGS) -print-libgcc-file-name)

$(O)/arbor.bin: $(O)/arbor.elf
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

run: deps all
	@QEMU="$(QEMU)" QEMU_MACHINE="$(QEMU_MACHINE)" QEMU_MEM="$(QEMU_MEM)" \
	 QEMU_SMP="$(QEMU_SMP)" FW="$(FW)" OPENSBI_DIR="$(OPENSBI_DIR)" \
	 BOOTARGS="$(BOOTARGS)" DTB="$(DTB)" QEMU_EXTRA="$(QEMU_EXTRA)" \
	 tools/run-qemu $(O)/arbor.elf

host-build: $(HOST_O)/arbor-host-tests

fdtmem: $(FDTMEM) $(TEST_DTBS)

host-test: $(HOST_O)/arbor-host-tests
	@$(HOST_O)/arbor-host-tests $(SUITES)

test:
	@tools/setup-deps.sh test
	@tools/run-tests

clean:
	rm -rf $(O) $(HOST_O)

distclean:
	rm -rf build
