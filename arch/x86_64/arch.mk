# x86-64 specifics of the kernel build (toolchain.mk has the base flags).
#
# No unwind tables: nothing unwinds, and .eh_frame would only be discarded.
KERNEL_CFLAGS	+= -fno-asynchronous-unwind-tables -fno-unwind-tables
# The image's segments are R X / R / R W by construction (kernel.ld).
ARCH_LDFLAGS	+= -z noexecstack

# `make ARCH=x86_64 iso`: a GRUB rescue CD (grub-mkrescue, BIOS/i386-pc)
# that boots the same arbor.elf through Multiboot2.  BOOTARGS become the
# multiboot2 command line in grub.cfg; the ISO is rebuilt when they change.
ISO_DIR		:= $(O)/iso

.PHONY: x86-iso-always
x86-iso-always:

$(O)/iso-bootargs: x86-iso-always
	@mkdir -p $(dir $@)
	@printf '%s\n' $(call shq,$(BOOTARGS)) | cmp -s - $@ 2>/dev/null || \
		printf '%s\n' $(call shq,$(BOOTARGS)) > $@

$(O)/arbor.iso: $(O)/arbor.elf $(O)/iso-bootargs arch/x86_64/arch.mk
	@tools/setup-deps.sh iso
	@echo "  ISO     $@"
	@rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	@cp $< $(ISO_DIR)/boot/arbor.elf
	@printf '%s\n' 'set timeout=0' 'set default=0' \
		'menuentry "Arbor" {' \
		'	multiboot2 /boot/arbor.elf '$(call shq,$(BOOTARGS)) \
		'	boot' '}' > $(ISO_DIR)/boot/grub/grub.cfg
	@grub-mkrescue -o $@ $(ISO_DIR) >$(O)/grub-mkrescue.log 2>&1 || \
		{ cat $(O)/grub-mkrescue.log; exit 1; }
