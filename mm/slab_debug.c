// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * slab_debug.c: slub_debug, the slab allocator's debug mode, and the
 * reports every slab problem is printed with.
 *
 * What it owns
 *   The `slub_debug` boot parameter (Linux's syntax, see setup_slub_debug
 *   in slab.h) and the per-object checks of debug caches:
 *
 *     F  consistency: freelists walked and repaired on every operation,
 *        the object pointer of a free checked, double frees caught
 *     Z  red zones: SLUB_RED_ACTIVE (0xcc) around allocated objects,
 *        SLUB_RED_INACTIVE (0xbb) around free ones; for kmalloc also the
 *        bytes between the requested size (orig_size) and the class size
 *     P  poison: free objects are 0x6b ... 0x6b 0xa5, unused space 0x5a
 *     U  the last allocating and freeing caller of each object
 *
 *   The object and its metadata (slab.h draws the layout):
 *
 *     | red left | object | red right | fp | alloc track | free track | orig_size | 0x5a pad |
 *
 *   A check that finds bytes changed prints one report, restores the
 *   bytes ("FIX ... Restoring") and takes the object out of circulation:
 *   a corrupt free object is quarantined (counted in use, never handed out
 *   again); a bad free (red zone overwritten, double free, not an object
 *   start) is not performed ("FIX <cache>: Object at 0x... not freed", as
 *   Linux's free_debug_processing() says).  So each corruption is reported
 *   once, and the allocator's own lists stay intact.
 *
 *   Reports use Linux's layout:
 *     =====...
 *     BUG kmalloc-64 (Not tainted): Right Redzone overwritten
 *     -----...
 *     0x...-0x... @offset=N. First byte 0x41 instead of 0xcc
 *     Slab 0x... objects=64 used=3 fp=0x... flags=0x...(slab|node=0|zone=1)
 *     Object 0x... @offset=N fp=0x...
 *     <hex dumps of red zones, object, padding>
 *     FIX kmalloc-64: Restoring Right Redzone 0x...-0x...=0xcc
 *   @offset is from the start of the slab, as in Linux.
 *
 * Locking: the checks run under the slab's node list_lock (mm/slab.c
 * takes it); reports go through printk.  The report counter is atomic.
 * The slub_debug settings are written only at boot (or by tests before
 * kmem_cache_init()).
 */
#include <mm/slab.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/cmdline.h>

static unsigned long nr_slab_reports;

/* ---- slub_debug= ---- */

static slab_flags_t slub_debug;		/* flags for the caches that match */
static char slub_debug_list[128];	/* comma-separated names; "" = all */

/*
 * setup_slub_debug - see slab.h.  Returns 0, or -EINVAL after an unknown
 * option letter (which is skipped).
 */
int setup_slub_debug(char *arg)
{
	slab_flags_t flags = 0;
	const char *p = arg;
	int err = 0;

	slub_debug_list[0] = '\0';
	if (!p || !*p || *p == ',') {
		/* Bare `slub_debug` or no options before the list: all. */
		flags = SLAB_DEBUG_FLAGS;
	} else if (*p == '-') {
		slub_debug = 0;
		return 0;
	}
	for (; p && *p && *p != ','; p++) {
		switch (*p | 0x20) {	/* lower case */
		case 'f':
			flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'z':
			flags |= SLAB_RED_ZONE;
			break;
		case 'p':
			flags |= SLAB_POISON;
			break;
		case 'u':
			flags |= SLAB_STORE_USER;
			break;
		case 't':	/* trace, failslab, order: not in Arbor */
		case 'a':
		case 'o':
			break;
		default:
			pr_err("slub_debug option '%c' unknown. skipped\n", *p);
			err = -EINVAL;
			break;
		}
	}
	if (p && *p == ',') {
		size_t len = strnlen(p + 1, sizeof(slub_debug_list) - 1);

		memcpy(slub_debug_list, p + 1, len);
		slub_debug_list[len] = '\0';
	}
	slub_debug = flags;
	return err;
}
early_param("slub_debug", setup_slub_debug);

/* Does @name match one of the comma-separated patterns (a trailing '*'
 * matches any suffix)? */
static bool slub_debug_match(const char *name)
{
	const char *p = slub_debug_list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len && p[len - 1] == '*') {
			if (!strncmp(name, p, len - 1))
				return true;
		} else if (len && strlen(name) == len && !strncmp(name, p, len)) {
			return true;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

/*
 * kmem_cache_debug_flags - @flags plus the debug flags slub_debug= asks
 * for the cache @name.
 */
slab_flags_t kmem_cache_debug_flags(const char *name, slab_flags_t flags)
{
	if (!slub_debug)
		return flags;
	if (!slub_debug_list[0] || slub_debug_match(name))
		return flags | slub_debug;
	return flags;
}

/* ---- metadata ---- */

enum track_item { TRACK_ALLOC, TRACK_FREE };

/* slab_has_orig_size - does @s keep kmalloc's requested size per object? */
bool slab_has_orig_size(const struct kmem_cache *s)
{
	return (s->flags & SLAB_KMALLOC) &&
	       (s->flags & (SLAB_RED_ZONE | SLAB_STORE_USER));
}

/* slab_debug_meta_size - bytes of tracks and orig_size per object. */
unsigned int slab_debug_meta_size(slab_flags_t flags)
{
	unsigned int size = 0;

	if (flags & SLAB_STORE_USER)
		size += 2 * sizeof(struct slab_track);
	if ((flags & SLAB_KMALLOC) && (flags & (SLAB_RED_ZONE | SLAB_STORE_USER)))
		size += sizeof(unsigned long);
	return size;
}

/* Offset (from the object) of the first byte after the free pointer. */
static unsigned int fp_end(const struct kmem_cache *s)
{
	return s->offset >= s->inuse ? s->inuse + sizeof(void *) : s->inuse;
}

static struct slab_track *get_track(struct kmem_cache *s, void *obj,
				    enum track_item which)
{
	return (struct slab_track *)((char *)obj + fp_end(s)) + which;
}

static unsigned int orig_size_offset(const struct kmem_cache *s)
{
	return fp_end(s) + ((s->flags & SLAB_STORE_USER) ?
			    2 * sizeof(struct slab_track) : 0);
}

/* End of all metadata, from the object start; padding follows. */
static unsigned int meta_end(const struct kmem_cache *s)
{
	return orig_size_offset(s) + (slab_has_orig_size(s) ? sizeof(unsigned long) : 0);
}

/* slab_debug_orig_size - kmalloc's requested size of @obj (object_size
 * for caches that do not record it). */
unsigned int slab_debug_orig_size(struct kmem_cache *s, void *obj)
{
	if (!slab_has_orig_size(s))
		return s->object_size;
	return *(unsigned int *)((char *)obj + orig_size_offset(s));
}

/* slab_debug_set_orig_size - record @size as @obj's requested size. */
void slab_debug_set_orig_size(struct kmem_cache *s, void *obj, unsigned int size)
{
	if (slab_has_orig_size(s))
		*(unsigned int *)((char *)obj + orig_size_offset(s)) = size;
}

static void set_track(struct kmem_cache *s, void *obj, enum track_item which,
		      unsigned long caller)
{
	struct slab_track *t;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	t = get_track(s, obj, which);
	t->addr = caller;
	t->when = arch_clock_ns();
	t->cpu = arch_cpu_id();
}

/*
 * Fill @obj's red zones with @val and, for a poisoned cache without a
 * constructor, its bytes with the poison (Linux's init_object()).  An
 * allocated kmalloc object's bytes past the requested size are red zone.
 */
static void init_object(struct kmem_cache *s, void *obj, u8 val)
{
	u8 *p = obj;
	unsigned int poison_size = s->object_size;

	if (s->flags & SLAB_RED_ZONE) {
		memset(p - s->red_left_pad, val, s->red_left_pad);
		if (slab_has_orig_size(s) && val == SLUB_RED_ACTIVE)
			poison_size = slab_debug_orig_size(s, obj);
	}
	if ((s->flags & SLAB_POISON) && !s->ctor && poison_size) {
		memset(p, POISON_FREE, poison_size - 1);
		p[poison_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + poison_size, val, s->inuse - poison_size);
}

/* ---- reports ---- */

/* slab_bug_reports - BUG reports printed since boot. */
unsigned long slab_bug_reports(void)
{
	return __atomic_load_n(&nr_slab_reports, __ATOMIC_RELAXED);
}

/* slab_bug - the report's banner; counts one report. */
void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	__atomic_add_fetch(&nr_slab_reports, 1, __ATOMIC_RELAXED);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, buf);
	pr_err("-----------------------------------------------------------------------------\n");
	pr_err("\n");
}

/* slab_fix - what was done about it ("FIX <cache>: ..."). */
void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_err("FIX %s: %s\n", s->name, buf);
}

/* print_slab_info - the "Slab ..." line. */
void print_slab_info(struct page *slab)
{
	pr_err("Slab %p objects=%u used=%u fp=%p flags=%#lx(%s%s|node=%d|zone=%u)\n",
	       (void *)slab, slab_objects(slab), slab_inuse(slab), slab->freelist,
	       slab->flags & ~SLAB_COUNTERS_MASK, PageSlab(slab) ? "slab" : "",
	       PageHead(slab) ? "|head" : "", page_to_nid(slab),
	       page_zonenum(slab));
}

/* A hex dump in print_hex_dump()'s address + bytes + ASCII layout. */
static void print_section(const char *text, const u8 *addr, unsigned int len)
{
	unsigned int limit = min(len, 128u), i, j;

	for (i = 0; i < limit; i += 16) {
		char line[100];
		int n = 0;

		for (j = i; j < i + 16 && j < limit; j++)
			n += scnprintf(line + n, sizeof(line) - n, "%02x ", addr[j]);
		for (; j < i + 16; j++)
			n += scnprintf(line + n, sizeof(line) - n, "   ");
		n += scnprintf(line + n, sizeof(line) - n, " ");
		for (j = i; j < i + 16 && j < limit; j++)
			n += scnprintf(line + n, sizeof(line) - n, "%c",
				       addr[j] >= 0x20 && addr[j] < 0x7f ? addr[j] : '.');
		pr_err("%s%016lx: %s\n", text, (unsigned long)(addr + i), line);
	}
	if (limit < len)
		pr_err("%s... %u more bytes\n", text, len - limit);
}

static void print_tracking(struct kmem_cache *s, void *obj)
{
	static const char *const what[] = { "Allocated", "Freed" };
	u64 now = arch_clock_ns();

	if (!(s->flags & SLAB_STORE_USER))
		return;
	for (int i = TRACK_ALLOC; i <= TRACK_FREE; i++) {
		struct slab_track *t = get_track(s, obj, i);

		if (t->addr)
			pr_err("INFO: %s in %p age=%llu cpu=%d pid=0\n", what[i],
			       (void *)t->addr,
			       (unsigned long long)(now - t->when), t->cpu);
	}
}

static void print_trailer(struct kmem_cache *s, struct page *slab, void *obj)
{
	u8 *p = obj, *base = slab_address(slab);
	unsigned int end = s->size - s->red_left_pad;

	print_tracking(s, obj);
	print_slab_info(slab);
	pr_err("Object %p @offset=%lu fp=%p\n", obj, (unsigned long)(p - base),
	       get_freepointer(s, obj));
	pr_err("\n");
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	print_section("Object   ", p, s->object_size);
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size,
			      s->inuse - s->object_size);
	if (kmem_cache_debug(s) && meta_end(s) < end)
		print_section("Padding  ", p + meta_end(s), end - meta_end(s));
}

/* slab_err - a report about a whole slab. */
void slab_err(struct kmem_cache *s, struct page *slab, const char *fmt, ...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	slab_bug(s, "%s", buf);
	print_slab_info(slab);
}

/* object_err - a report about one object, with its trailer. */
void object_err(struct kmem_cache *s, struct page *slab, void *obj,
		const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, slab, obj);
}

/*
 * Are the @bytes at @start all @value?  If not, report "<what>
 * overwritten" with the first and last wrong byte, and restore them.
 */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *slab,
				   void *obj, const char *what, u8 *start,
				   u8 value, unsigned int bytes)
{
	u8 *fault = NULL, *end = start + bytes, *p;
	u8 *base = slab_address(slab);

	for (p = start; p < end; p++) {
		if (*p != value) {
			fault = p;
			break;
		}
	}
	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;

	slab_bug(s, "%s overwritten", what);
	pr_err("%p-%p @offset=%lu. First byte 0x%x instead of 0x%x\n",
	       fault, end - 1, (unsigned long)(fault - base), *fault, value);
	print_trailer(s, slab, obj);
	memset(fault, value, end - fault);
	slab_fix(s, "Restoring %s %p-%p=0x%x", what, fault, end - 1, value);
	return false;
}

/* ---- checks ---- */

/*
 * slab_debug_check_object - are @obj's red zones (@val: active or
 * inactive), poison and padding intact?  Reports and restores what is
 * not; returns false if anything was wrong.
 */
bool slab_debug_check_object(struct kmem_cache *s, struct page *slab,
			     void *obj, u8 val)
{
	u8 *p = obj, *endobj = p + s->object_size;
	unsigned int pad_end = s->size - s->red_left_pad;
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(s, slab, obj, "Left Redzone",
					    p - s->red_left_pad, val, s->red_left_pad))
			ok = false;
		if (!check_bytes_and_report(s, slab, obj, "Right Redzone", endobj,
					    val, s->inuse - s->object_size))
			ok = false;
		if (slab_has_orig_size(s) && val == SLUB_RED_ACTIVE) {
			unsigned int orig = slab_debug_orig_size(s, obj);

			if (orig < s->object_size &&
			    !check_bytes_and_report(s, slab, obj, "kmalloc Redzone",
						    p + orig, val,
						    s->object_size - orig))
				ok = false;
		}
	} else if ((s->flags & SLAB_POISON) && s->object_size < s->inuse) {
		if (!check_bytes_and_report(s, slab, obj, "Alignment padding",
					    endobj, POISON_INUSE,
					    s->inuse - s->object_size))
			ok = false;
	}

	if (s->flags & SLAB_POISON) {
		if (val == SLUB_RED_INACTIVE && !s->ctor &&
		    (!check_bytes_and_report(s, slab, obj, "Poison", p,
					     POISON_FREE, s->object_size - 1) ||
		     !check_bytes_and_report(s, slab, obj, "End Poison",
					     endobj - 1, POISON_END, 1)))
			ok = false;
		if (meta_end(s) < pad_end &&
		    !check_bytes_and_report(s, slab, obj, "Object padding",
					    p + meta_end(s), POISON_INUSE,
					    pad_end - meta_end(s)))
			ok = false;
	}
	return ok;
}

/*
 * slab_debug_check_padding - is the space after a poisoned slab's last
 * object still POISON_INUSE?  Reports and restores it if not.
 */
bool slab_debug_check_padding(struct kmem_cache *s, struct page *slab)
{
	u8 *start = slab_address(slab), *end, *pad, *fault = NULL, *p;
	unsigned long length = PAGE_SIZE << slab_order(slab);
	unsigned long remainder = length - (unsigned long)slab_objects(slab) * s->size;

	if (!(s->flags & SLAB_POISON) || !remainder)
		return true;
	end = start + length;
	pad = end - remainder;
	for (p = pad; p < end; p++) {
		if (*p != POISON_INUSE) {
			fault = p;
			break;
		}
	}
	if (!fault)
		return true;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_err(s, slab, "Padding overwritten. %p-%p @offset=%lu", fault,
		 end - 1, (unsigned long)(fault - start));
	print_section("Padding  ", pad, remainder);
	memset(fault, POISON_INUSE, end - fault);
	slab_fix(s, "Restoring slab padding %p-%p=0x%x", fault, end - 1,
		 POISON_INUSE);
	return false;
}

/*
 * slab_debug_init_slab - a new slab of a debug cache: poison everything
 * (P), then give each object the look of a free one.
 */
void slab_debug_init_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned int i;

	if (s->flags & SLAB_POISON)
		memset(slab_address(slab), POISON_INUSE, PAGE_SIZE << slab_order(slab));
	for (i = 0; i < slab_objects(slab); i++) {
		void *obj = slab_object(s, slab, i);

		if (s->flags & SLAB_STORE_USER)
			memset(get_track(s, obj, TRACK_ALLOC), 0,
			       2 * sizeof(struct slab_track));
		slab_debug_set_orig_size(s, obj, s->object_size);
		init_object(s, obj, SLUB_RED_INACTIVE);
	}
}

/*
 * slab_debug_on_freelist - walk @slab's freelist: cut it where a pointer
 * leaves the slab or the chain is longer than the slab ("Freepointer
 * corrupt", "Freechain corrupt"), and correct inuse if it disagrees with
 * the count ("Wrong object count").  Returns true if @search is on it.
 */
bool slab_debug_on_freelist(struct kmem_cache *s, struct kmem_cache_node *n,
			    struct page *slab, void *search)
{
	unsigned int objects = slab_objects(slab), nr = 0;
	void *prev = NULL, *p = slab->freelist;
	bool cut = false;

	while (p) {
		if (p == search)
			return true;
		if (!slab_valid_object(s, slab, p) || nr >= objects) {
			if (prev) {
				object_err(s, slab, prev, nr >= objects ?
					   "Freechain corrupt" : "Freepointer corrupt");
				set_freepointer(s, prev, NULL);
			} else {
				slab_err(s, slab, "Freepointer corrupt: freelist head %p", p);
				slab->freelist = NULL;
			}
			slab_fix(s, "Isolate corrupted freechain");
			cut = true;
			break;
		}
		prev = p;
		p = get_freepointer(s, p);
		nr++;
	}
	if (slab_inuse(slab) != objects - nr) {
		/* After a cut the lost objects count as in use (leaked). */
		if (!cut) {
			slab_err(s, slab, "Wrong object count. Counter is %u but counted were %u",
				 slab_inuse(slab), objects - nr);
			slab_fix(s, "Object count adjusted");
		}
		n->nr_inuse += (long)(objects - nr) - (long)slab_inuse(slab);
		slab_set_inuse(slab, objects - nr);
	}
	if (cut)
		slab_debug_isolate_lost(s, slab);
	return false;
}

static DEFINE_SPINLOCK(lost_lock);
static unsigned long lost_map[SLAB_MAX_OBJECTS / (8 * sizeof(long)) + 1];

/*
 * slab_debug_isolate_lost - after @slab's freelist was cut at a corrupt
 * pointer, the objects beyond the cut are neither free nor allocated (they
 * are counted in use: leaked).  With red zones they still wear the free
 * pattern, which a later check of allocated objects would report again:
 * give them the allocated look and count them quarantined.
 */
void slab_debug_isolate_lost(struct kmem_cache *s, struct page *slab)
{
	unsigned int objects = slab_objects(slab), walked = 0, lost = 0, i;
	const unsigned int bpl = 8 * sizeof(long);
	void *p;

	if (!(s->flags & SLAB_RED_ZONE))
		return;
	spin_lock(&lost_lock);
	memset(lost_map, 0, (objects / bpl + 1) * sizeof(long));
	for (p = slab->freelist; p && walked++ < objects &&
	     slab_valid_object(s, slab, p); p = get_freepointer(s, p)) {
		i = slab_obj_index(s, slab, p);
		lost_map[i / bpl] |= 1UL << (i % bpl);
	}
	for (i = 0; i < objects; i++) {
		u8 *obj = slab_object(s, slab, i), *rz = obj - s->red_left_pad;
		unsigned int k;

		if (lost_map[i / bpl] & (1UL << (i % bpl)))
			continue;
		for (k = 0; k < s->red_left_pad && rz[k] == SLUB_RED_INACTIVE; k++)
			;
		if (k < s->red_left_pad)
			continue;
		slab_debug_set_orig_size(s, obj, s->object_size);
		init_object(s, obj, SLUB_RED_ACTIVE);
		lost++;
	}
	spin_unlock(&lost_lock);
	if (lost) {
		__atomic_add_fetch(&s->quarantined, lost, __ATOMIC_RELAXED);
		slab_fix(s, "%u objects cut off the freelist quarantined", lost);
	}
}

/*
 * slab_debug_alloc_check - may the free object @obj be handed out?  False
 * (after a report) if its poison or red zones were written while free.
 */
bool slab_debug_alloc_check(struct kmem_cache *s, struct page *slab, void *obj)
{
	return slab_debug_check_object(s, slab, obj, SLUB_RED_INACTIVE);
}

/* slab_debug_alloc_done - @obj is being handed out for @orig_size bytes. */
void slab_debug_alloc_done(struct kmem_cache *s, void *obj, size_t orig_size,
			   unsigned long caller)
{
	slab_debug_set_orig_size(s, obj, orig_size);
	init_object(s, obj, SLUB_RED_ACTIVE);
	set_track(s, obj, TRACK_ALLOC, caller);
}

/*
 * slab_debug_quarantine - @obj was found corrupt: keep it counted in use
 * for good, looking like an allocated object so checks stay quiet.
 */
void slab_debug_quarantine(struct kmem_cache *s, void *obj)
{
	slab_debug_set_orig_size(s, obj, s->object_size);
	init_object(s, obj, SLUB_RED_ACTIVE);
	__atomic_add_fetch(&s->quarantined, 1, __ATOMIC_RELAXED);
	slab_fix(s, "Object %p quarantined: it is never handed out again", obj);
}

/*
 * slab_debug_free_check - may @obj be freed to @slab?  False (after one
 * report) if it is not an object start, already free, or its red zones
 * were overwritten; the object then stays allocated.  On success poisons
 * it and records the caller.
 */
bool slab_debug_free_check(struct kmem_cache *s, struct kmem_cache_node *n,
			   struct page *slab, void *obj, unsigned long caller)
{
	if (!slab_valid_object(s, slab, obj)) {
		unsigned long off = (unsigned long)((char *)obj -
						    (char *)slab_address(slab));

		slab_err(s, slab, "Invalid object pointer %p", obj);
		pr_err("%p @offset=%lu is not the start of an object (objects of %u bytes every %u bytes from offset %u)\n",
		       obj, off, s->object_size, s->size, s->red_left_pad);
		slab_fix(s, "Object at %p not freed", obj);
		return false;
	}
	if (slab_debug_on_freelist(s, n, slab, obj)) {
		object_err(s, slab, obj, "Object already free");
		slab_fix(s, "Object at %p not freed", obj);
		return false;
	}
	if (!slab_debug_check_object(s, slab, obj, SLUB_RED_ACTIVE)) {
		slab_fix(s, "Object at %p not freed", obj);
		return false;
	}
	set_track(s, obj, TRACK_FREE, caller);
	init_object(s, obj, SLUB_RED_INACTIVE);
	return true;
}
