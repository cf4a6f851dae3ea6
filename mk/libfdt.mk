# libfdt from Debian's linux-source-6.1 (DESIGN.md §7), extracted at build
# time by tools/fetch-linux-source.sh into build/; never committed.
LINUX_SRC	:= build/linux-source-6.1
LINUX_STAMP	:= $(LINUX_SRC)/.extracted
LIBFDT_DIR	:= $(LINUX_SRC)/scripts/dtc/libfdt
LIBFDT_NAMES	:= fdt fdt_ro fdt_wip fdt_rw fdt_sw fdt_strerror fdt_addresses \
		   fdt_empty_tree
LIBFDT_SRCS	:= $(addprefix $(LIBFDT_DIR)/,$(addsuffix .c,$(LIBFDT_NAMES)))
# Added to every build's flags for libfdt's sources.  -fno-strict-overflow,
# as Linux builds all its code: libfdt 6.1's fdt_next_tag() adds a
# property's 32-bit length to an int offset, which a hostile length
# overflows (UBSan caught it in the dt fuzz target,
# tests/fuzz/regressions/dt/).  Wrapping makes the sum negative, and
# fdt_offset_ptr()'s unsigned bounds check then ends the walk (FDT_END).
LIBFDT_CFLAGS	:= -Wno-sign-compare -fno-strict-overflow

$(LINUX_STAMP):
	@tools/fetch-linux-source.sh build

$(LIBFDT_SRCS): $(LINUX_STAMP)
