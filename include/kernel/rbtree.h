/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Red-black trees, intrusive (the node lives inside the caller's struct),
 * with optional augmentation: a value kept per node that summarises its
 * whole subtree (e.g. the largest free block below it) and is repaired
 * along every path the tree changes.
 *
 * The tree does not know the key.  The caller searches and picks the
 * empty slot itself, then links and rebalances:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		link = key < rb_entry(parent, struct thing, node)->key ?
 *		       &parent->rb_left : &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * Rules kept after every operation (rb_check() proves them):
 *
 *          B            1. every node is red or black; the root is black
 *        /   \          2. a red node has no red child
 *       R     B         3. every path from a node down to an empty slot
 *      / \   / \           crosses the same number of black nodes
 *     B   B .   .       so the longest path is at most twice the shortest
 *    . . . .            and a search, insert or erase is O(log n).
 *
 * The parent pointer and the colour share one word: nodes are at least
 * 4-byte aligned, so bit 0 of the parent's address is free for the colour.
 *
 * ---- Augmentation ----
 *
 * An augmented tree passes a struct rb_augment whose update() recomputes
 * one node's value from the node itself and its two children's values,
 * and says whether it changed.  Because a subtree's value depends only on
 * what is in it, the tree needs to call update() only where that set
 * changes:
 *
 *   - insert: the new node (a leaf) and its ancestors, bottom-up, stopping
 *     at the first ancestor whose value did not change;
 *   - erase:  every node from the lowest one whose subtree lost a member
 *     up to the root;
 *   - rotate: the two nodes that swap places, lower one first.  The
 *     rotated subtree as a whole holds the same nodes, so nothing above it
 *     changes:
 *
 *            x                     y
 *           / \    rotate_left    / \
 *          a   y   ----------->  x   c      update(x), then update(y);
 *             / \                / \        y now has x's old value
 *            b   c              a   b
 *
 *   - a caller that changes a node's own contribution in place (a free
 *     block that grows) calls rb_augment_propagate() from that node.
 *
 * Locking: none; the caller serialises every access to one tree.
 */
#ifndef _KERNEL_RBTREE_H
#define _KERNEL_RBTREE_H

#include <kernel/types.h>
#include <kernel/kernel.h>

struct rb_node {
	unsigned long __parent_color;	/* parent pointer | colour in bit 0 */
	struct rb_node *rb_left;
	struct rb_node *rb_right;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT		(struct rb_root){ NULL }
#define RB_RED		0UL
#define RB_BLACK	1UL

#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member)				\
	({ __typeof__(ptr) ____p = (ptr);				\
	   ____p ? rb_entry(____p, type, member) : NULL; })

static inline struct rb_node *rb_parent(const struct rb_node *n)
{
	return (struct rb_node *)(n->__parent_color & ~3UL);
}

/* An empty slot (NULL) counts as black. */
static inline bool rb_is_black(const struct rb_node *n)
{
	return !n || (n->__parent_color & RB_BLACK);
}

static inline bool rb_is_red(const struct rb_node *n)
{
	return !rb_is_black(n);
}

static inline bool RB_EMPTY_ROOT(const struct rb_root *root)
{
	return root->rb_node == NULL;
}

/*
 * A node that is in no tree points to itself: RB_CLEAR_NODE() marks it,
 * RB_EMPTY_NODE() tests it (so "is it linked?" needs no extra field).
 */
#define RB_CLEAR_NODE(n)	((n)->__parent_color = (unsigned long)(n))
#define RB_EMPTY_NODE(n)	((n)->__parent_color == (unsigned long)(n))

/*
 * rb_link_node - put @node (red, no children) into the empty slot @link
 * under @parent (NULL for the root).  The tree may now break rule 2:
 * follow with rb_insert_color() or rb_insert_augmented().
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->__parent_color = (unsigned long)parent | RB_RED;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*link = node;
}

/* How an augmented tree keeps its per-node summary (see above). */
struct rb_augment {
	/*
	 * Recompute @node's value from @node and its children's values
	 * (either child may be NULL); return true if the stored value
	 * changed.  Must not touch the tree's shape.
	 */
	bool (*update)(struct rb_node *node);
};

/* Rebalance after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Unlink @node from @root and rebalance.  @node may be reused after. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/*
 * The same for an augmented tree: @node's own value must already be set
 * (as for a leaf) before rb_insert_augmented(); after rb_erase_augmented()
 * every value in the tree is correct again.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment *aug);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment *aug);

/*
 * rb_augment_propagate - @node's own contribution changed in place:
 * recompute it and its ancestors, stopping at the first value that did
 * not change.
 */
void rb_augment_propagate(struct rb_node *node, const struct rb_augment *aug);

/* In-order traversal: NULL at either end.  O(log n) worst, O(1) amortised. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * rb_check - prove @root's invariants: parent pointers agree with child
 * pointers, the root is black, no red node has a red child, every path
 * has the same black height, and, if @less is not NULL, the in-order
 * sequence is strictly increasing under @less (for each in-order pair
 * (a, b): less(a, b) and !less(b, a)).  If @aug_ok is not NULL it is
 * called for every node and must say whether the node's stored augmented
 * value equals what its subtree implies.
 *
 * Recursion depth is the tree's height (at most 2 log2(n + 1)).
 * Returns the number of nodes, or -EINVAL after printing the first
 * violation (prefixed with @name).
 */
long rb_check(const struct rb_root *root, const char *name,
	      bool (*less)(const struct rb_node *a, const struct rb_node *b),
	      bool (*aug_ok)(const struct rb_node *node));

/* Black height of @root (empty slots not counted); for tests. */
int rb_black_height(const struct rb_root *root);

#endif /* _KERNEL_RBTREE_H */
