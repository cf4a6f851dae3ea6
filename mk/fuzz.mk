# libFuzzer targets (tests/fuzz/): the boot path and the allocators fed
# arbitrary bytes.
#
# The same mm/ and portable src/ code as the host harness ($(HOST_LIB_SRCS)
# from mk/rules.mk, tests/host/host_*.c included) and libfdt, compiled
# again with clang for coverage-guided fuzzing under ASan and UBSan:
#
#   build/fuzz/obj/...              objects (-fsanitize=fuzzer-no-link)
#   build/fuzz/libarbor.a           the library, linked as an archive so a
#                                   target pulls in only what it uses
#   build/fuzz/fuzz-NAME            one program per tests/fuzz/fuzz_NAME.c
#   build/fuzz/seeds/NAME/          seed inputs made at build time: the
#                                   project's DTBs for `dt`, a few
#                                   pseudo-random operation streams for the
#                                   others (tests/fuzz/gen-seeds)
#   build/fuzz/corpus/NAME/         what libFuzzer keeps (grows as it runs)
#   build/fuzz/artifacts/NAME/      crashing inputs, if any
#
# Every crash that was found and fixed is kept, minimized, in
# tests/fuzz/regressions/NAME/ and replayed by `make fuzz` and by
# tools/run-tests before fuzzing.
#
#   make fuzz-build                  build the targets and their seeds
#   make fuzz FUZZ_SECONDS=60        replay the regressions, then fuzz each
#                                    target for FUZZ_SECONDS (default 60);
#                                    the Makefile's `fuzz` installs clang
#                                    if needed and runs `fuzz-run`

FUZZ_O		:= build/fuzz
FUZZCC		?= clang
FUZZ_TARGETS	:= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS	:= $(addprefix $(FUZZ_O)/fuzz-,$(FUZZ_TARGETS))
FUZZ_SECONDS	?= 60

# The host harness's flags with libFuzzer's instrumentation added.  clang
# has no -fno-toplevel-reorder: it only orders ktest tables, which the
# fuzz targets do not use.
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined
# The checkers that run after every step carry no coverage hooks
# (tests/fuzz/no-coverage.txt says why).
FUZZ_NOCOV	:= tests/fuzz/no-coverage.txt
FUZZ_CFLAGS	:= -std=gnu11 $(WARN_CFLAGS) -O1 -g \
		   -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		   -fsanitize-coverage-ignorelist=$(FUZZ_NOCOV) \
		   -Dvsnprintf=arbor_vsnprintf -Dsnprintf=arbor_snprintf \
		   -Iinclude -Itests/host/include -Itests/host -I$(LIBFDT_DIR)
FUZZ_LDFLAGS	:= $(FUZZ_SAN) -fsanitize=fuzzer

FUZZ_LIB_OBJS	:= $(patsubst %,$(FUZZ_O)/obj/%.o,$(HOST_LIB_SRCS) $(LIBFDT_SRCS))

# DTB seeds: the scenario trees of tests/dts/ and the board trees of dts/.
FUZZ_DT_SEEDS	:= $(patsubst tests/dts/%.dts,$(FUZZ_O)/seeds/dt/test-%.dtb,$(TEST_DTS)) \
		   $(patsubst dts/%.dts,$(FUZZ_O)/seeds/dt/board-%.dtb,$(wildcard dts/*.dts))
FUZZ_OP_STAMP	:= $(FUZZ_O)/seeds/.ops

.PHONY: fuzz fuzz-run fuzz-build fuzz-seeds

fuzz-build: $(FUZZ_BINS) fuzz-seeds

fuzz-seeds: $(FUZZ_DT_SEEDS) $(FUZZ_OP_STAMP)

$(FUZZ_O)/obj/%.c.o: %.c $(LINUX_STAMP) $(FUZZ_NOCOV)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZCC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_O)/obj/$(LINUX_SRC)/%.c.o: $(LINUX_SRC)/%.c $(LINUX_STAMP) $(FUZZ_NOCOV)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  libfdt/$(notdir $<)"
	@$(FUZZCC) $(FUZZ_CFLAGS) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_O)/libarbor.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_O)/fuzz-%: $(FUZZ_O)/obj/tests/fuzz/fuzz_%.c.o $(FUZZ_O)/libarbor.a
	@echo "  LINK    $@"
	@$(FUZZCC) $(FUZZ_LDFLAGS) -o $@ $^

$(FUZZ_O)/seeds/dt/test-%.dtb: tests/dts/%.dts
	@mkdir -p $(dir $@)
	@$(DTC) -q -I dts -O dtb -o $@ $<

$(FUZZ_O)/seeds/dt/board-%.dtb: dts/%.dts
	@mkdir -p $(dir $@)
	@$(DTC) -q -I dts -O dtb -o $@ $<

$(FUZZ_OP_STAMP): tests/fuzz/gen-seeds
	@tests/fuzz/gen-seeds $(FUZZ_O)/seeds $(filter-out dt,$(FUZZ_TARGETS))
	@touch $@

# Replay every regression input, then fuzz each target in turn
# (tests/fuzz/fuzzrun.py; tools/run-tests uses the same module).
fuzz-run: fuzz-build
	@python3 tests/fuzz/fuzzrun.py --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)
