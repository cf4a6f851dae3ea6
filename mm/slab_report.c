// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * slab_report.c: /proc/slabinfo for the monitor, in Linux's version 2.1
 * format (SLUB prints no tunables and no shared data, so those columns are
 * 0, and active slabs equal all slabs):
 *
 *   slabinfo - version: 2.1
 *   # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
 *   kmalloc-64           256    256     64   64    1 : tunables    0    0    0 : slabdata      4      4      0
 *
 * objsize is the stride (object plus metadata), as Linux prints s->size.
 * active_objs is exact: objects in use in every slab minus those sitting
 * on the CPUs' private freelists.
 *
 * Locking: slab_caches_lock for the walk over caches, each node's
 * list_lock for its counters; the per-CPU counts are read without a lock
 * (a report, not a proof: slab_check() is the proof).
 */
#include <mm/slab.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

/* kmem_cache_get_info - fill @info for @s (see struct slabinfo). */
void kmem_cache_get_info(struct kmem_cache *s, struct slabinfo *info)
{
	unsigned long inuse = 0, cpu_free = 0, objs = 0, slabs = 0;
	int nid, cpu;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		unsigned long flags;

		spin_lock_irqsave(&n->list_lock, flags);
		inuse += n->nr_inuse;
		objs += n->total_objects;
		slabs += n->nr_slabs;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct slab_sheaf *sh = READ_ONCE(s->cpu_slab[cpu].sheaf);

		/* A racy look at other CPUs, exact when they are idle. */
		cpu_free += slab_cpu_free_objects(s, cpu);
		if (sh)
			cpu_free += READ_ONCE(sh->size);
	}

	info->active_objs = inuse >= cpu_free ? inuse - cpu_free : 0;
	info->num_objs = objs;
	info->active_slabs = slabs;
	info->num_slabs = slabs;
	info->objsize = s->size;
	info->objects_per_slab = s->objects;
	info->pages_per_slab = 1u << s->order;
}

/* slabinfo_show - print every cache, newest first, as /proc/slabinfo does. */
void slabinfo_show(void)
{
	/* Not list_for_each_entry: the head is no (aligned) kmem_cache. */
	struct list_head *pos;
	struct kmem_cache *s;
	unsigned long flags;

	printk("slabinfo - version: 2.1\n");
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches) {
		struct slabinfo si;

		s = list_entry(pos, struct kmem_cache, list);
		kmem_cache_get_info(s, &si);
		printk("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
		       s->name, si.active_objs, si.num_objs, si.objsize,
		       si.objects_per_slab, si.pages_per_slab, 0u, 0u, 0u,
		       si.active_slabs, si.num_slabs, 0UL);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}
