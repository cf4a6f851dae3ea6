# Source lists and compile rules shared by the kernel and host builds.
#
# Kernel: src/ + mm/ + tests/unit/ + arch/$(ARCH)/ + libfdt, objects in $(O)/.
# Host:   mm/ + the portable part of src/ + tests/unit/ + tests/host/ +
#         libfdt, objects in build/host/, with ASan/UBSan.

# src/ files that only make sense inside a kernel (hardware, boot, libc).
KERNEL_ONLY_SRCS := src/string.c src/main.c $(wildcard src/serial_*.c)

GENERIC_SRCS	:= $(wildcard src/*.c) $(wildcard mm/*.c)
UNIT_TEST_SRCS	:= $(wildcard tests/unit/*.c)
ARCH_SRCS	:= $(wildcard arch/$(ARCH)/*/*.c arch/$(ARCH)/*/*.S)

KERNEL_SRCS	:= $(GENERIC_SRCS) $(UNIT_TEST_SRCS) $(ARCH_SRCS)
KERNEL_OBJS	:= $(patsubst %,$(O)/obj/%.o,$(KERNEL_SRCS)) \
		   $(patsubst %,$(O)/obj/%.o,$(LIBFDT_SRCS))

HOST_O		:= build/host
HOST_LIB_SRCS	:= $(filter-out $(KERNEL_ONLY_SRCS),$(GENERIC_SRCS)) \
		   $(wildcard tests/host/host_*.c)
HOST_LIB_OBJS	:= $(patsubst %,$(HOST_O)/obj/%.o,$(HOST_LIB_SRCS) $(LIBFDT_SRCS))
HOST_TEST_SRCS	:= $(UNIT_TEST_SRCS) $(wildcard tests/host/*_test.c) \
		   tests/host/main.c
HOST_TEST_OBJS	:= $(patsubst %,$(HOST_O)/obj/%.o,$(HOST_TEST_SRCS))

# Kernel objects.
$(O)/obj/%.c.o: %.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/obj/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KERNEL_ASFLAGS) -MMD -MP -c $< -o $@

# libfdt is upstream code: compiled unmodified, without -Werror's extras.
$(O)/obj/$(LINUX_SRC)/%.c.o: $(LINUX_SRC)/%.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      libfdt/$(notdir $<)"
	@$(CC) $(KERNEL_CFLAGS) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

# Host objects.
$(HOST_O)/obj/%.c.o: %.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_O)/obj/$(LINUX_SRC)/%.c.o: $(LINUX_SRC)/%.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  libfdt/$(notdir $<)"
	@$(HOSTCC) $(HOST_CFLAGS) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_O)/libarbor.a: $(HOST_LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

# Whole-archive: test cases and early_params are found by the linker, not
# referenced by name.
$(HOST_O)/arbor-host-tests: $(HOST_TEST_OBJS) $(HOST_LIB_OBJS)
	@echo "  LINK    $@"
	@$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^

-include $(shell find build -name '*.d' 2>/dev/null)
