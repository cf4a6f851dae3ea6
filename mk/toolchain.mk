# Toolchains (DESIGN.md §9, §10).  Selected by $(ARCH).
#
# RISC-V: Debian's riscv64-unknown-elf-gcc (non-PIE by default).  medany so
# code linked at 0xffffffff80000000 may run at its load address before the
# MMU is on; -mno-relax so no gp-relative accesses exist; no FPU in the
# kernel (lp64, rv64imac).
HOSTCC		?= gcc

ifeq ($(ARCH),riscv)
CROSS_COMPILE	?= riscv64-unknown-elf-
ARCH_CFLAGS	:= -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
		   -mno-relax -mstrict-align
ARCH_LDFLAGS	:= --no-relax
# gcc's multilib matching does not know the _zicsr_zifencei spelling: ask
# for the soft-float rv64imac/lp64 libgcc by its plain name.
LIBGCC_FLAGS	:= -march=rv64imac -mabi=lp64
else ifeq ($(ARCH),x86_64)
CROSS_COMPILE	?=
ARCH_CFLAGS	:= -m64 -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
		   -fno-pic -fno-pie -fcf-protection=none
ARCH_LDFLAGS	:= -z max-page-size=0x1000 -no-pie
LIBGCC_FLAGS	:= $(ARCH_CFLAGS)
else
$(error ARCH=$(ARCH) is not supported (riscv, x86_64))
endif

CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
OBJCOPY		:= $(CROSS_COMPILE)objcopy
OBJDUMP		:= $(CROSS_COMPILE)objdump
NM		:= $(CROSS_COMPILE)nm

WARN_CFLAGS	:= -Wall -Wextra -Werror -Wno-unused-parameter
# Keep linker-collected tables (ktest cases, early_params) in source order.
ORDER_CFLAGS	:= -fno-toplevel-reorder
KERNEL_CFLAGS	:= -std=gnu11 $(WARN_CFLAGS) $(ORDER_CFLAGS) -O2 -g -ffreestanding -nostdlib \
		   -fno-stack-protector -fno-common -fno-omit-frame-pointer \
		   -fno-strict-aliasing -fno-tree-loop-distribute-patterns \
		   -ffunction-sections -fdata-sections \
		   $(ARCH_CFLAGS) -Iinclude -Iarch/$(ARCH)/include -I$(LIBFDT_DIR)
KERNEL_ASFLAGS	:= $(KERNEL_CFLAGS) -D__ASSEMBLY__

# Host harness: the same mm/ and src/ code as a Linux program under
# ASan/UBSan.  Our formatter replaces the C library's under another name.
HOST_CFLAGS	:= -std=gnu11 $(WARN_CFLAGS) $(ORDER_CFLAGS) -O1 -g -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		   -Dvsnprintf=arbor_vsnprintf -Dsnprintf=arbor_snprintf \
		   -Iinclude -Itests/host/include -Itests/host -I$(LIBFDT_DIR)
HOST_LDFLAGS	:= -fsanitize=address,undefined
