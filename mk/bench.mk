# `make bench`: benchmarks of the page allocator, slab/kmalloc and vmalloc
# (tools/bench/, results in docs/benchmarks.md).
#
# The same mm/ and portable src/ code as the host test harness
# ($(HOST_LIB_SRCS) from mk/rules.mk, tests/host/host_*.c included), built
# again for speed into build/bench/: -O2 -g, no sanitizers, NDEBUG left
# undefined, -fno-strict-aliasing as in the kernel build.  Beside Arbor's
# benchmark program, one program per peer allocator is linked from the
# same source (tools/bench/peer_bench.c):
#
#   build/bench/arbor-bench          mm/ + the host MMU (tests/host/host_vmap.c)
#   build/bench/arbor-bench-nosync   the same, vmalloc's host MMU sync a no-op
#   build/bench/peer-glibc           malloc/free of the C library
#   build/bench/peer-jemalloc        ... of -ljemalloc
#   build/bench/peer-tcmalloc        ... of -ltcmalloc_minimal
#   build/bench/peer-mimalloc        ... of -lmimalloc
#
# tools/bench/run-bench builds these with `make bench-build`, runs them
# interleaved and writes docs/benchmarks.md.

BENCH_O		:= build/bench
BENCH_CFLAGS	:= -std=gnu11 $(WARN_CFLAGS) $(ORDER_CFLAGS) -O2 -g \
		   -fno-strict-aliasing -pthread \
		   -Dvsnprintf=arbor_vsnprintf -Dsnprintf=arbor_snprintf \
		   -Iinclude -Itests/host/include -Itests/host -I$(LIBFDT_DIR)
# The peers see no Arbor header: only the C library and tools/bench/.
BENCH_PEER_CFLAGS := -std=gnu11 $(WARN_CFLAGS) -O2 -g -pthread -Itools/bench
BENCH_LDFLAGS	:= -pthread

BENCH_LIB_OBJS	:= $(patsubst %,$(BENCH_O)/obj/%.o,$(HOST_LIB_SRCS) $(LIBFDT_SRCS))
BENCH_ARBOR_OBJ	:= $(BENCH_O)/obj/tools/bench/arbor_bench.c.o
BENCH_NOSYNC_OBJ := $(BENCH_O)/obj/tools/bench/vmap_nosync.c.o
BENCH_RELAX_OBJ	:= $(BENCH_O)/obj/tools/bench/bench_relax.c.o
BENCH_PEERS	:= glibc jemalloc tcmalloc mimalloc
BENCH_PEER_BINS	:= $(addprefix $(BENCH_O)/peer-,$(BENCH_PEERS))
BENCH_BINS	:= $(BENCH_O)/arbor-bench $(BENCH_O)/arbor-bench-nosync \
		   $(BENCH_PEER_BINS)

# Each peer's library, named explicitly (--no-as-needed: the program calls
# only malloc and free, which the library must provide ahead of libc's).
BENCH_LIB_glibc		:=
BENCH_LIB_jemalloc	:= -Wl,--no-as-needed -ljemalloc -Wl,--as-needed
BENCH_LIB_tcmalloc	:= -Wl,--no-as-needed -ltcmalloc_minimal -Wl,--as-needed
BENCH_LIB_mimalloc	:= -Wl,--no-as-needed -lmimalloc -Wl,--as-needed

.PHONY: bench-build

bench-build: $(BENCH_BINS)

$(BENCH_O)/obj/%.c.o: %.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  BENCHCC $<"
	@$(HOSTCC) $(BENCH_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_O)/obj/$(LINUX_SRC)/%.c.o: $(LINUX_SRC)/%.c $(LINUX_STAMP)
	@mkdir -p $(dir $@)
	@echo "  BENCHCC libfdt/$(notdir $<)"
	@$(HOSTCC) $(BENCH_CFLAGS) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_O)/obj/tools/bench/peer_bench.c.o: tools/bench/peer_bench.c
	@mkdir -p $(dir $@)
	@echo "  BENCHCC $<"
	@$(HOSTCC) $(BENCH_PEER_CFLAGS) -MMD -MP -c $< -o $@

# An archive, so a program that defines a host hook itself (the no-op
# vmalloc sync) does not also pull in tests/host/host_vmap.c.
$(BENCH_O)/libarbor.a: $(BENCH_LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

# Spin like a kernel (tools/bench/bench_relax.c says why): the harness's
# arch_cpu_relax() yields on every spin.
$(BENCH_O)/obj/tests/host/host_arch.c.o: BENCH_CFLAGS += -Dsched_yield=bench_sched_yield

$(BENCH_O)/arbor-bench: $(BENCH_ARBOR_OBJ) $(BENCH_RELAX_OBJ) $(BENCH_O)/libarbor.a
	@echo "  LINK    $@"
	@$(HOSTCC) $(BENCH_LDFLAGS) -o $@ $^

$(BENCH_O)/arbor-bench-nosync: $(BENCH_ARBOR_OBJ) $(BENCH_RELAX_OBJ) $(BENCH_NOSYNC_OBJ) \
			       $(BENCH_O)/libarbor.a
	@echo "  LINK    $@"
	@$(HOSTCC) $(BENCH_LDFLAGS) -o $@ $^

$(BENCH_O)/peer-%: $(BENCH_O)/obj/tools/bench/peer_bench.c.o
	@echo "  LINK    $@"
	@$(HOSTCC) $(BENCH_LDFLAGS) -o $@ $< $(BENCH_LIB_$*) -ldl
