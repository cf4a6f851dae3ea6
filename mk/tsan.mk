# The host harness again, under ThreadSanitizer (`make tsan-test`).
#
# The same sources as build/host/arbor-host-tests (mk/rules.mk:
# $(HOST_LIB_SRCS) and $(HOST_TEST_SRCS)), compiled with -fsanitize=thread
# instead of ASan/UBSan (the two cannot share a program) into build/tsan/.
# Only the suites where threads play CPUs run: smp_stress (every CPU
# allocating and freeing pages, objects and vmalloc areas at once, through
# src/smp.c's cross-CPU calls), buddy, slab and slab_host (threads freeing
# each other's objects), with a time limit: about 10 s.  buddy_host and
# vmalloc_host (threaded cases too) pass as well but take longer:
# TSAN_SUITES=... adds them.  Any race report fails the run
# (TSAN_OPTIONS halt_on_error=1, exitcode 66).  -Wno-tsan: GCC warns
# that atomic_thread_fence() is not modelled (mm/pgtable.c publishes new
# tables with a release fence); such accesses are READ_ONCE/WRITE_ONCE.
#
#   make tsan-build        build/tsan/arbor-tsan-tests
#   make tsan-test         run it; TSAN_SUITES=... TSAN_TIMEOUT=seconds
#
# tools/run-tests runs it as its `tsan` suite.

TSAN_O		:= build/tsan
TSAN_CFLAGS	:= -std=gnu11 $(WARN_CFLAGS) $(ORDER_CFLAGS) -O1 -g \
		   -fno-omit-frame-pointer -fsanitize=thread -Wno-tsan \
		   -Dvsnprintf=arbor_vsnprintf -Dsnprintf=arbor_snprintf \
		   -Iinclude -Itests/host/include -Itests/host -I$(LIBFDT_DIR)
TSAN_LDFLAGS	:= -fsanitize=thread -pthread
TSAN_SUITES	?= smp_stress,buddy,slab,slab_host
TSAN_TIMEOUT	?= 300
TSAN_ENV	:= TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

TSAN_OBJS	:= $(patsubst %,$(TSAN_O)/obj/%.o,$(HOST_LIB_SRCS) $(LIBFDT_SRCS) \
		   $(HOST_TEST_SRCS))

.PHONY: tsan-build tsan-test

tsan-build: $(TSAN_O)/arbor-tsan-tests

$(TSAN_O)/obj/%.c.o: %.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TSANCC  $<"
	@$(HOSTCC) $(TSAN_CFLAGS) -MMD -MP -c $< -o $@

$(TSAN_O)/obj/$(LINUX_SRC)/%.c.o: $(LINUX_SRC)/%.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TSANCC  libfdt/$(notdir $<)"
	@$(HOSTCC) $(TSAN_CFLAGS) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

$(TSAN_O)/arbor-tsan-tests: $(TSAN_OBJS)
	@echo "  LINK    $@"
	@$(HOSTCC) $(TSAN_LDFLAGS) -o $@ $^

tsan-test: $(TSAN_O)/arbor-tsan-tests
	@$(TSAN_ENV) timeout $(TSAN_TIMEOUT) $< $(TSAN_SUITES)
