# libfdt from Debian's linux-source-6.1 (DESIGN.md §7), extracted at build
# time by tools/fetch-linux-source.sh into build/; never committed.
LINUX_SRC	:= build/linux-source-6.1
LINUX_STAMP	:= $(LINUX_SRC)/.extracted
LIBFDT_DIR	:= $(LINUX_SRC)/scripts/dtc/libfdt
LIBFDT_NAMES	:= fdt fdt_ro fdt_wip fdt_rw fdt_sw fdt_strerror fdt_addresses \
		   fdt_empty_tree
LIBFDT_SRCS	:= $(addprefix $(LIBFDT_DIR)/,$(addsuffix .c,$(LIBFDT_NAMES)))

$(LINUX_STAMP):
	@tools/fetch-linux-source.sh build

$(LIBFDT_SRCS): $(LINUX_STAMP)
