// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host "arch": the pieces of the arch interface (DESIGN.md §5) that let
 * mm/ and src/ run as an ordinary Linux program under ASan/UBSan.
 *
 * Fake physical memory is a memfd the size of the physical window, mapped
 * shared at host_phys_window.  Because it is a file, a later test (vmalloc)
 * can map the same physical page a second time at another address, as a
 * page table would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sched.h>
#include <unistd.h>

#include <kernel/printk.h>
#include <asm/page.h>
#include <asm/memlayout.h>
#include <asm/cpu.h>
#include <asm/early_console.h>
#include <kernel/kernel.h>
#include <mm/arch_mm.h>
#include <mm/memblock.h>
#include "host.h"

char *host_phys_window;
char *host_vmemmap_window;
char *host_vmalloc_window;
int host_phys_fd = -1;
__thread int host_cpu_id;
unsigned long host_tlb_flushes;
jmp_buf *host_panic_jmp;
char host_panic_msg[512];
bool host_log_echo = true;
bool host_mem_recycle;

/* With host_mem_recycle: the physical ranges mapped so far (page-aligned). */
#define MAX_RECYCLED	32
static struct { phys_addr_t start, end; } recycled[MAX_RECYCLED];
static unsigned int nr_recycled;

#define PHYS_WINDOW_SIZE	(1UL << HOST_PHYS_BITS)
#define VMALLOC_WINDOW_SIZE	(64UL << 30)

static void *reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "host: cannot reserve %zu bytes: %s\n", size,
			strerror(errno));
		exit(2);
	}
	return p;
}

static void make_phys_file(void)
{
	if (host_phys_fd >= 0)
		close(host_phys_fd);
	host_phys_fd = memfd_create("arbor-phys", 0);
	if (host_phys_fd < 0 || ftruncate(host_phys_fd, PHYS_WINDOW_SIZE)) {
		perror("host: memfd");
		exit(2);
	}
}

void host_arch_init(void)
{
	host_phys_window = reserve(PHYS_WINDOW_SIZE);
	host_vmemmap_window = reserve(VMEMMAP_SIZE);
	host_vmalloc_window = reserve(VMALLOC_WINDOW_SIZE);
	make_phys_file();
}

/*
 * Zero recycled RAM.  Not memset(): ASan's memset checks its shadow for
 * every byte (as long again as the zeroing); this memory is no ASan
 * object.  (tests/fuzz/no-coverage.txt keeps coverage hooks out too.)
 */
#ifdef __clang__
__attribute__((no_sanitize("address", "undefined"), no_builtin("memset")))
#else
__attribute__((no_sanitize_address, no_sanitize_undefined))
#endif
static void host_zero_ram(char *p, size_t len)
{
	typedef unsigned long v2 __attribute__((vector_size(16)));
	v2 *w = (v2 *)p, zero = { 0, 0 };

	/* Page-aligned and a multiple of pages: whole vectors. */
	for (size_t i = 0; i < len / sizeof(*w); i++)
		w[i] = zero;
}

void host_mem_map(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t start = base & PAGE_MASK;
	phys_addr_t end = (base + size + PAGE_SIZE - 1) & PAGE_MASK;

	if (end > PHYS_WINDOW_SIZE || end < start) {
		fprintf(stderr, "host: [0x%llx, 0x%llx) is outside the %d-bit window\n",
			(unsigned long long)base, (unsigned long long)(base + size),
			HOST_PHYS_BITS);
		abort();
	}
	if (host_mem_recycle) {
		/* Still mapped from before?  Then only zero it. */
		for (unsigned int i = 0; i < nr_recycled; i++)
			if (recycled[i].start <= start && end <= recycled[i].end) {
				host_zero_ram(host_phys_window + start, end - start);
				return;
			}
		if (nr_recycled == MAX_RECYCLED) {
			fprintf(stderr, "host: more than %d recycled ranges\n", MAX_RECYCLED);
			abort();
		}
		recycled[nr_recycled].start = start;
		recycled[nr_recycled++].end = end;
	}
	if (mmap(host_phys_window + start, end - start, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, host_phys_fd, start) == MAP_FAILED) {
		perror("host: map phys");
		abort();
	}
}

void host_vmemmap_map(unsigned long start, unsigned long end)
{
	start &= PAGE_MASK;
	end = (end + PAGE_SIZE - 1) & PAGE_MASK;
	if (start < VMEMMAP_START || end > VMEMMAP_START + VMEMMAP_SIZE) {
		fprintf(stderr, "host: vmemmap [0x%lx, 0x%lx) outside window\n",
			start, end);
		abort();
	}
	if (mprotect((void *)start, end - start, PROT_READ | PROT_WRITE)) {
		perror("host: vmemmap");
		abort();
	}
}

void host_mem_reset(void)
{
	if (host_mem_recycle) {
		/*
		 * Keep the physical ranges mapped (and their pages resident):
		 * host_mem_map() finds them still there and zeroes what the
		 * next machine maps, far cheaper than faulting every page in
		 * again.
		 */
		if (mmap(host_vmemmap_window, VMEMMAP_SIZE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
			 -1, 0) == MAP_FAILED) {
			perror("host: reset");
			abort();
		}
		return;
	}
	/* Replace every window with fresh inaccessible space. */
	nr_recycled = 0;
	if (mmap(host_phys_window, PHYS_WINDOW_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED ||
	    mmap(host_vmemmap_window, VMEMMAP_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED) {
		perror("host: reset");
		abort();
	}
	make_phys_file();
}

/* ---- console: stdout plus a capture buffer ---- */

#define LOG_CAP (1u << 20)
static char log_buf[LOG_CAP + 1];
static size_t log_len;

static void host_console_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	if (host_log_echo)
		fwrite(s, 1, len, stdout);
	if (len > LOG_CAP) {
		s += len - LOG_CAP;
		len = LOG_CAP;
	}
	if (log_len + len > LOG_CAP) {
		size_t drop = log_len + len - LOG_CAP;

		memmove(log_buf, log_buf + drop, log_len - drop);
		log_len -= drop;
	}
	memcpy(log_buf + log_len, s, len);
	log_len += len;
	log_buf[log_len] = '\0';
}

static struct console host_console = {
	.name = "host",
	.write = host_console_write,
};

void early_console_init(void)
{
	register_console(&host_console);
}

const char *host_log(void)
{
	return log_buf;
}

void host_log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

bool host_log_contains(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

/* ---- power and panic ---- */

void arch_poweroff(int status)
{
	fflush(stdout);
	exit(status);
}

void arch_halt(void)
{
	fflush(stdout);
	abort();
}

/* ---- mm hooks (include/mm/arch_mm.h) ---- */

/*
 * Zone limits.  By default the host answers as RISC-V does: no DMA zone,
 * DMA32 up to min(4 GiB, end of memory), Normal to the end of memory.  A
 * test that wants another layout (x86-64's 16 MiB DMA zone, say) fills
 * host_max_zone_pfn and sets host_zone_limits_override; nothing resets
 * them but the test.
 */
unsigned long host_max_zone_pfn[MAX_NR_ZONES];
bool host_zone_limits_override;
/* Set to make arch_vmemmap_populate() fail (error-path tests). */
bool host_vmemmap_populate_fail;

void arch_zone_limits(unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	unsigned long end = PHYS_PFN(memblock_end_of_DRAM());

	if (host_zone_limits_override) {
		memcpy(max_zone_pfn, host_max_zone_pfn,
		       sizeof(host_max_zone_pfn));
		return;
	}
	max_zone_pfn[ZONE_DMA] = 0;
	max_zone_pfn[ZONE_DMA32] = end < PHYS_PFN(SZ_4G) ? end : PHYS_PFN(SZ_4G);
	max_zone_pfn[ZONE_NORMAL] = end;
}

int arch_vmemmap_populate(unsigned long start, unsigned long end)
{
	if (host_vmemmap_populate_fail)
		return -ENOMEM;
	host_vmemmap_map(start, end);
	return 0;
}

/*
 * Stand-ins for the kernel image's section markers (include/kernel/
 * sections.h binds them to these "arbor_" names in a hosted build): one
 * 64 KiB array laid out like a small kernel, in kernel.ld's order, so the
 * "Memory:" line and the kernel-map code see fixed, sane sizes:
 *
 *   0      24K       32K      36K      44K             64K
 *   | text | rodata  | init   | data   | bss            |
 *   _start/_stext    __init_begin     __bss_start  __bss_stop/_end
 */
static char host_image[64 * 1024] __attribute__((aligned(4096), used));

__asm__(".globl arbor__start\n"		".set arbor__start, host_image\n"
	".globl arbor__stext\n"		".set arbor__stext, host_image\n"
	".globl arbor__etext\n"		".set arbor__etext, host_image + 0x6000\n"
	".globl arbor___start_rodata\n"	".set arbor___start_rodata, host_image + 0x6000\n"
	".globl arbor___end_rodata\n"	".set arbor___end_rodata, host_image + 0x8000\n"
	".globl arbor___init_begin\n"	".set arbor___init_begin, host_image + 0x8000\n"
	".globl arbor___init_end\n"	".set arbor___init_end, host_image + 0x9000\n"
	".globl arbor__sdata\n"		".set arbor__sdata, host_image + 0x9000\n"
	".globl arbor__edata\n"		".set arbor__edata, host_image + 0xb000\n"
	".globl arbor___bss_start\n"	".set arbor___bss_start, host_image + 0xb000\n"
	".globl arbor___bss_stop\n"	".set arbor___bss_stop, host_image + 0x10000\n"
	".globl arbor__end\n"		".set arbor__end, host_image + 0x10000\n");

void host_cpu_relax(void)
{
	sched_yield();
}
