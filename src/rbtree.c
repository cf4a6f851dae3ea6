// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Red-black trees with optional augmentation (include/kernel/rbtree.h has
 * the rules and the pictures).
 *
 * What it owns
 *   Rebalancing after a caller linked a node (insert), unlinking and
 *   rebalancing (erase), in-order stepping, and a checker.  The algorithms
 *   are the textbook ones (Cormen et al., "Introduction to Algorithms",
 *   ch. 13) written with parent pointers and NULL for empty slots:
 *
 *   insert  the new node is red; while its parent is red too, either
 *           recolour (red uncle: push the problem two levels up) or
 *           rotate once or twice (black uncle: done);
 *   erase   a node with two children is replaced by its in-order
 *           successor, so the node that really leaves its place has at
 *           most one child; if it was black, the path through its
 *           replacement is one black short, repaired by recolouring
 *           upwards or by at most three rotations.
 *
 *   Every rotation and every changed path goes through the augmentation
 *   callback when one is given, so both kinds of tree share one code path
 *   (a NULL callback costs one test per step).
 *
 * Locking: none.  The caller serialises each tree.
 */
#include <kernel/rbtree.h>
#include <kernel/printk.h>
#include <kernel/errno.h>

/* ---- small helpers ---- */

static inline void rb_set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__parent_color = (unsigned long)p | (n->__parent_color & RB_BLACK);
}

static inline void rb_set_color(struct rb_node *n, unsigned long color)
{
	n->__parent_color = (n->__parent_color & ~RB_BLACK) | color;
}

static inline unsigned long rb_color(const struct rb_node *n)
{
	return n->__parent_color & RB_BLACK;
}

static inline void rb_set_black(struct rb_node *n)
{
	n->__parent_color |= RB_BLACK;
}

static inline void rb_set_red(struct rb_node *n)
{
	n->__parent_color &= ~RB_BLACK;
}

static inline void aug_update(const struct rb_augment *aug, struct rb_node *n)
{
	if (aug)
		aug->update(n);
}

/* Make @new take @old's place under @old's parent (or as the root). */
static void rb_replace_child(struct rb_node *old, struct rb_node *new,
			     struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x                y
 *    / \              / \
 *   a   y     =>     x   c
 *      / \          / \
 *     b   c        a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root,
			   const struct rb_augment *aug)
{
	struct rb_node *y = x->rb_right;
	struct rb_node *p = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, p);
	rb_replace_child(x, y, p, root);
	y->rb_left = x;
	rb_set_parent(x, y);
	aug_update(aug, x);
	aug_update(aug, y);
}

/* The mirror image of rb_rotate_left(). */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root,
			    const struct rb_augment *aug)
{
	struct rb_node *y = x->rb_left;
	struct rb_node *p = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, p);
	rb_replace_child(x, y, p, root);
	y->rb_right = x;
	rb_set_parent(x, y);
	aug_update(aug, x);
	aug_update(aug, y);
}

/* ---- insert ---- */

static void __rb_insert(struct rb_node *n, struct rb_root *root,
			const struct rb_augment *aug)
{
	struct rb_node *p, *g, *uncle;

	while ((p = rb_parent(n)) && rb_is_red(p)) {
		g = rb_parent(p);	/* a red parent is never the root */
		if (p == g->rb_left) {
			uncle = g->rb_right;
			if (rb_is_red(uncle)) {
				/* Recolour; g may now clash with its parent. */
				rb_set_black(p);
				rb_set_black(uncle);
				rb_set_red(g);
				n = g;
				continue;
			}
			if (n == p->rb_right) {
				/* Bring n to the outside: one more rotation. */
				rb_rotate_left(p, root, aug);
				n = p;
				p = rb_parent(n);
			}
			rb_set_black(p);
			rb_set_red(g);
			rb_rotate_right(g, root, aug);
		} else {
			uncle = g->rb_left;
			if (rb_is_red(uncle)) {
				rb_set_black(p);
				rb_set_black(uncle);
				rb_set_red(g);
				n = g;
				continue;
			}
			if (n == p->rb_left) {
				rb_rotate_right(p, root, aug);
				n = p;
				p = rb_parent(n);
			}
			rb_set_black(p);
			rb_set_red(g);
			rb_rotate_left(g, root, aug);
		}
	}
	rb_set_black(root->rb_node);
}

/* rb_insert_color - rebalance after rb_link_node(); cannot fail. */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	__rb_insert(node, root, NULL);
}

/*
 * rb_insert_augmented - rebalance after rb_link_node(), keeping the
 * augmented values: the new leaf's ancestors first (the values are right
 * before any rotation), then the rotations repair themselves.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment *aug)
{
	aug->update(node);
	if (rb_parent(node))
		rb_augment_propagate(rb_parent(node), aug);
	__rb_insert(node, root, aug);
}

/* ---- erase ---- */

/*
 * Restore rule 3 after a black node left the path through @x's slot:
 * @x (possibly NULL) counts one black short; @parent is its parent.
 */
static void rb_erase_fixup(struct rb_node *x, struct rb_node *parent,
			   struct rb_root *root, const struct rb_augment *aug)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		if (x == parent->rb_left) {
			w = parent->rb_right;	/* non-NULL: it has a black more */
			if (rb_is_red(w)) {
				/* Make the sibling black by rotating it up. */
				rb_set_black(w);
				rb_set_red(parent);
				rb_rotate_left(parent, root, aug);
				w = parent->rb_right;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				/* Take a black off both sides; go up. */
				rb_set_red(w);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_right)) {
				/* The red nephew must be on the far side. */
				rb_set_black(w->rb_left);
				rb_set_red(w);
				rb_rotate_right(w, root, aug);
				w = parent->rb_right;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(w->rb_right);
			rb_rotate_left(parent, root, aug);
			x = root->rb_node;
			break;
		} else {
			w = parent->rb_left;
			if (rb_is_red(w)) {
				rb_set_black(w);
				rb_set_red(parent);
				rb_rotate_right(parent, root, aug);
				w = parent->rb_left;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_red(w);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_left)) {
				rb_set_black(w->rb_right);
				rb_set_red(w);
				rb_rotate_left(w, root, aug);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(w->rb_left);
			rb_rotate_right(parent, root, aug);
			x = root->rb_node;
			break;
		}
	}
	if (x)
		rb_set_black(x);
}

static void __rb_erase(struct rb_node *z, struct rb_root *root,
		       const struct rb_augment *aug)
{
	struct rb_node *x, *xparent, *y, *n;
	unsigned long removed_color;

	if (!z->rb_left || !z->rb_right) {
		/* At most one child: it takes z's place. */
		x = z->rb_left ? z->rb_left : z->rb_right;
		xparent = rb_parent(z);
		removed_color = rb_color(z);
		if (x)
			rb_set_parent(x, xparent);
		rb_replace_child(z, x, xparent, root);
	} else {
		/*
		 * Two children: the successor y (leftmost of z's right
		 * subtree, so it has no left child) moves into z's place
		 * and takes z's colour; y's old slot is what loses a node.
		 */
		y = z->rb_right;
		while (y->rb_left)
			y = y->rb_left;
		removed_color = rb_color(y);
		x = y->rb_right;
		if (rb_parent(y) == z) {
			xparent = y;
		} else {
			xparent = rb_parent(y);
			xparent->rb_left = x;
			if (x)
				rb_set_parent(x, xparent);
			y->rb_right = z->rb_right;
			rb_set_parent(y->rb_right, y);
		}
		y->rb_left = z->rb_left;
		rb_set_parent(y->rb_left, y);
		y->__parent_color = z->__parent_color;	/* z's parent and colour */
		rb_replace_child(z, y, rb_parent(z), root);
	}

	/* Every subtree from the hole up to the root lost a member. */
	if (aug)
		for (n = xparent; n; n = rb_parent(n))
			aug->update(n);

	if (removed_color == RB_BLACK)
		rb_erase_fixup(x, xparent, root, aug);
}

/* rb_erase - unlink @node and rebalance; cannot fail. */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	__rb_erase(node, root, NULL);
}

/* rb_erase_augmented - unlink @node, rebalance, repair the values. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment *aug)
{
	__rb_erase(node, root, aug);
}

/* rb_augment_propagate - recompute @node and ancestors until unchanged. */
void rb_augment_propagate(struct rb_node *node, const struct rb_augment *aug)
{
	while (node && aug->update(node))
		node = rb_parent(node);
}

/* ---- traversal ---- */

/* rb_first - the smallest node, NULL for an empty tree. */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

/* rb_last - the largest node, NULL for an empty tree. */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/* rb_next - the in-order successor of @node, NULL after the last. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Climb until we come up from a left child. */
	while ((p = rb_parent(node)) && node == p->rb_right)
		node = p;
	return p;
}

/* rb_prev - the in-order predecessor of @node, NULL before the first. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((p = rb_parent(node)) && node == p->rb_left)
		node = p;
	return p;
}

/* ---- checker ---- */

struct rb_check_state {
	const char *name;
	bool (*less)(const struct rb_node *a, const struct rb_node *b);
	bool (*aug_ok)(const struct rb_node *node);
	const struct rb_node *prev;	/* last node visited in order */
	long count;
	bool failed;
};

static void rb_check_fail(struct rb_check_state *s, const struct rb_node *n,
			  const char *what)
{
	if (!s->failed)
		pr_err("rbtree %s: node %p (node %ld in order): %s\n",
		       s->name, n, s->count, what);
	s->failed = true;
}

/* Returns the black height below @n, or -1 once something failed. */
static int rb_check_subtree(struct rb_check_state *s, const struct rb_node *n,
			    const struct rb_node *parent)
{
	int lh, rh;

	if (!n)
		return 0;
	if (rb_parent(n) != parent) {
		rb_check_fail(s, n, "parent pointer does not match");
		return -1;
	}
	if (n->__parent_color & 2UL) {
		rb_check_fail(s, n, "stray bit 1 in the parent word");
		return -1;
	}
	if (rb_is_red(n) && (rb_is_red(n->rb_left) || rb_is_red(n->rb_right))) {
		rb_check_fail(s, n, "red node with a red child");
		return -1;
	}
	lh = rb_check_subtree(s, n->rb_left, n);
	if (lh < 0)
		return -1;
	if (s->less && s->prev &&
	    (!s->less(s->prev, n) || s->less(n, s->prev))) {
		rb_check_fail(s, n, "out of order with its in-order predecessor");
		return -1;
	}
	s->prev = n;
	s->count++;
	if (s->aug_ok && !s->aug_ok(n)) {
		rb_check_fail(s, n, "augmented value wrong");
		return -1;
	}
	rh = rb_check_subtree(s, n->rb_right, n);
	if (rh < 0)
		return -1;
	if (lh != rh) {
		rb_check_fail(s, n, "black heights of the two subtrees differ");
		return -1;
	}
	return lh + (rb_is_black(n) ? 1 : 0);
}

/* rb_check - prove the invariants; see rbtree.h.  Nodes or -EINVAL. */
long rb_check(const struct rb_root *root, const char *name,
	      bool (*less)(const struct rb_node *a, const struct rb_node *b),
	      bool (*aug_ok)(const struct rb_node *node))
{
	struct rb_check_state s = {
		.name = name, .less = less, .aug_ok = aug_ok,
	};

	if (root->rb_node && rb_is_red(root->rb_node)) {
		rb_check_fail(&s, root->rb_node, "red root");
		return -EINVAL;
	}
	if (rb_check_subtree(&s, root->rb_node, NULL) < 0)
		return -EINVAL;
	return s.count;
}

/* rb_black_height - black nodes on any root-to-slot path. */
int rb_black_height(const struct rb_root *root)
{
	const struct rb_node *n;
	int h = 0;

	for (n = root->rb_node; n; n = n->rb_left)
		if (rb_is_black(n))
			h++;
	return h;
}
