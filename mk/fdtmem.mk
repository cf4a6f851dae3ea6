# tools/fdtmem (the device-tree boot scan as a host program) and the
# scenario device trees of tests/dts/, compiled for the host tests and
# for fdtmem.
#
#   build/host/fdtmem            tools/fdtmem.c + the host library
#   build/host/dtb/NAME.dtb      from tests/dts/NAME.dts
#
# Some scenarios are broken on purpose (bad reg lengths, odd cells), so
# dtc runs with -q: its warnings about them are expected.
DTC		?= dtc
FDTMEM		:= $(HOST_O)/fdtmem
TEST_DTS	:= $(wildcard tests/dts/*.dts)
TEST_DTBS	:= $(patsubst tests/dts/%.dts,$(HOST_O)/dtb/%.dtb,$(TEST_DTS))

# Linked against the archive of $(HOST_LIB_OBJS), so only what the scan
# needs comes in (not ktest's linker-collected tables, for instance).
$(FDTMEM): $(HOST_O)/obj/tools/fdtmem.c.o $(HOST_O)/libarbor.a
	@echo "  LINK    $@"
	@$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^

$(HOST_O)/dtb/%.dtb: tests/dts/%.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	@$(DTC) -q -I dts -O dtb -o $@ $<

# The fdt_scan tests read the .dtb files at run time (order-only: the
# test binary need not relink when a .dts changes).
$(HOST_O)/arbor-host-tests: | $(TEST_DTBS)
