// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the red-black tree (src/rbtree.c), plain and augmented.
 *
 * Items live in a static pool (no allocator needed, so the suite runs the
 * same on the host and in the kernel).  Item i has key i and a random
 * value; the augmented tree keeps in every node the largest value of its
 * subtree.  A model (one "in the tree" flag per item) says what the tree
 * must hold; check_tree() proves, besides rb_check()'s rules, that an
 * in-order walk forwards and backwards visits exactly the model's keys in
 * order and that the black height is within the red-black bound.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/rbtree.h>
#include <kernel/string.h>
#include <kernel/errno.h>

KTEST_SUITE(rbtree, NULL, NULL);

#define POOL	4096

struct item {
	struct rb_node node;
	u32 key;
	u32 val;
	u32 max;	/* augmented: largest val in the subtree */
};

static struct item pool[POOL];
static bool in_tree[POOL];
static long nr_in_tree;
static struct rb_root tree;

static u64 rng_state;

#define KT_ASSERT_NULL(t, p)	__KT_TRUE(t, (p) == NULL, return)

static u32 rnd(void)
{
	/* xorshift64*: deterministic, good enough for shuffling tests. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (u32)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static struct item *item_of(const struct rb_node *n)
{
	return rb_entry(n, struct item, node);
}

static u32 subtree_max(const struct rb_node *n)
{
	return n ? item_of(n)->max : 0;
}

static bool item_update(struct rb_node *n)
{
	struct item *it = item_of(n);
	u32 m = max(it->val, max(subtree_max(n->rb_left), subtree_max(n->rb_right)));

	if (m == it->max)
		return false;
	it->max = m;
	return true;
}

static const struct rb_augment item_aug = { .update = item_update };

static bool item_less(const struct rb_node *a, const struct rb_node *b)
{
	return item_of(a)->key < item_of(b)->key;
}

static bool item_aug_ok(const struct rb_node *n)
{
	const struct item *it = item_of(n);

	return it->max == max(it->val, max(subtree_max(n->rb_left),
					   subtree_max(n->rb_right)));
}

static void reset(u64 seed)
{
	memset(pool, 0, sizeof(pool));
	memset(in_tree, 0, sizeof(in_tree));
	for (u32 i = 0; i < POOL; i++) {
		pool[i].key = i;
		RB_CLEAR_NODE(&pool[i].node);
	}
	nr_in_tree = 0;
	tree = RB_ROOT;
	rng_state = seed;
}

static void insert(struct item *it, bool augmented)
{
	struct rb_node **link = &tree.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < item_of(parent)->key ? &parent->rb_left
						      : &parent->rb_right;
	}
	rb_link_node(&it->node, parent, link);
	if (augmented) {
		it->max = 0;
		rb_insert_augmented(&it->node, &tree, &item_aug);
	} else {
		rb_insert_color(&it->node, &tree);
	}
	in_tree[it->key] = true;
	nr_in_tree++;
}

static void erase(struct item *it, bool augmented)
{
	if (augmented)
		rb_erase_augmented(&it->node, &tree, &item_aug);
	else
		rb_erase(&it->node, &tree);
	RB_CLEAR_NODE(&it->node);
	in_tree[it->key] = false;
	nr_in_tree--;
}

static struct item *lookup(u32 key)
{
	struct rb_node *n = tree.rb_node;

	while (n) {
		struct item *it = item_of(n);

		if (key == it->key)
			return it;
		n = key < it->key ? n->rb_left : n->rb_right;
	}
	return NULL;
}

/* log2(n + 1), rounded up: the bound on black height * 1 and height / 2. */
static int log2_ceil(long n)
{
	int l = 0;

	while ((1L << l) < n + 1)
		l++;
	return l;
}

static int height(const struct rb_node *n)
{
	if (!n)
		return 0;
	return 1 + max(height(n->rb_left), height(n->rb_right));
}

/* Everything the tree must satisfy; returns false after recording why. */
static bool check_tree(struct ktest_ctx *t, bool augmented)
{
	struct rb_node *n;
	long count;
	u32 key;

	count = rb_check(&tree, "test", item_less, augmented ? item_aug_ok : NULL);
	KT_EXPECT_SEQ(t, count, nr_in_tree);
	if (count != nr_in_tree)
		return false;

	/* Forward walk: exactly the model's keys, ascending. */
	key = 0;
	for (n = rb_first(&tree); n; n = rb_next(n)) {
		while (key < POOL && !in_tree[key])
			key++;
		if (key >= POOL || item_of(n)->key != key) {
			KT_EXPECT_EQ(t, item_of(n)->key, key);
			return false;
		}
		key++;
	}
	while (key < POOL && !in_tree[key])
		key++;
	KT_EXPECT_EQ(t, key, POOL);

	/* Backward walk. */
	key = POOL;
	for (n = rb_last(&tree); n; n = rb_prev(n)) {
		do
			key--;
		while (key > 0 && !in_tree[key]);
		if (item_of(n)->key != key || !in_tree[key]) {
			KT_EXPECT_EQ(t, item_of(n)->key, key);
			return false;
		}
	}

	/* Red-black bound: height <= 2 log2(n + 1). */
	KT_EXPECT_LE(t, height(tree.rb_node), 2 * log2_ceil(nr_in_tree));
	KT_EXPECT_LE(t, rb_black_height(&tree), log2_ceil(nr_in_tree));
	if (augmented && tree.rb_node) {
		u32 m = 0;

		for (u32 i = 0; i < POOL; i++)
			if (in_tree[i])
				m = max(m, pool[i].val);
		KT_EXPECT_EQ(t, subtree_max(tree.rb_node), m);
	}
	return t->failures == 0;
}

KTEST(rbtree, empty)
{
	reset(1);
	KT_EXPECT_NULL(t, rb_first(&tree));
	KT_EXPECT_NULL(t, rb_last(&tree));
	KT_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree));
	KT_EXPECT_SEQ(t, rb_check(&tree, "empty", item_less, item_aug_ok), 0);
	KT_EXPECT_SEQ(t, rb_black_height(&tree), 0);
}

KTEST(rbtree, single_node)
{
	reset(1);
	insert(&pool[7], false);
	KT_EXPECT_TRUE(t, rb_is_black(tree.rb_node));
	KT_EXPECT_TRUE(t, rb_first(&tree) == &pool[7].node);
	KT_EXPECT_TRUE(t, rb_last(&tree) == &pool[7].node);
	KT_EXPECT_NULL(t, rb_next(&pool[7].node));
	KT_EXPECT_NULL(t, rb_prev(&pool[7].node));
	KT_EXPECT_FALSE(t, RB_EMPTY_NODE(&pool[7].node));
	erase(&pool[7], false);
	KT_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree));
	KT_EXPECT_TRUE(t, RB_EMPTY_NODE(&pool[7].node));
}

/* Sorted input is the worst case for an unbalanced tree. */
KTEST(rbtree, ascending_then_descending)
{
	reset(2);
	for (u32 i = 0; i < POOL; i++)
		insert(&pool[i], false);
	KT_ASSERT_TRUE(t, check_tree(t, false));
	for (u32 i = 0; i < POOL / 2; i++)
		erase(&pool[i], false);
	KT_ASSERT_TRUE(t, check_tree(t, false));
	for (u32 i = POOL; i-- > POOL / 2;)
		erase(&pool[i], false);
	KT_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree));

	for (u32 i = POOL; i-- > 0;)
		insert(&pool[i], false);
	KT_ASSERT_TRUE(t, check_tree(t, false));
	KT_EXPECT_TRUE(t, item_of(rb_first(&tree))->key == 0);
	KT_EXPECT_TRUE(t, item_of(rb_last(&tree))->key == POOL - 1);
}

/* Random inserts and erases against the model, checker every 1000 steps. */
static void random_ops(struct ktest_ctx *t, bool augmented, u64 seed)
{
	reset(seed);
	for (long step = 1; step <= 100000; step++) {
		struct item *it = &pool[rnd() % POOL];

		if (in_tree[it->key]) {
			KT_ASSERT_TRUE(t, lookup(it->key) == it);
			erase(it, augmented);
		} else {
			KT_ASSERT_NULL(t, lookup(it->key));
			it->val = rnd() % 1000000;
			insert(it, augmented);
		}
		if (step % 1000 == 0 && !check_tree(t, augmented))
			return;
	}
	/* Drain in random order. */
	while (nr_in_tree) {
		struct item *it = &pool[rnd() % POOL];

		if (in_tree[it->key])
			erase(it, augmented);
		if (nr_in_tree % 500 == 0 && !check_tree(t, augmented))
			return;
	}
	KT_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree));
}

KTEST(rbtree, random_plain)
{
	random_ops(t, false, 0x1234567);
}

KTEST(rbtree, random_augmented)
{
	random_ops(t, true, 0x89abcdef);
}

/* A value changed in place is repaired by rb_augment_propagate(). */
KTEST(rbtree, augment_propagate)
{
	reset(3);
	for (u32 i = 0; i < 1000; i++) {
		pool[i].val = i % 97;
		insert(&pool[i], true);
	}
	KT_ASSERT_TRUE(t, check_tree(t, true));
	KT_EXPECT_EQ(t, subtree_max(tree.rb_node), 96);

	pool[500].val = 5000;			/* grows */
	rb_augment_propagate(&pool[500].node, &item_aug);
	KT_ASSERT_TRUE(t, check_tree(t, true));
	KT_EXPECT_EQ(t, subtree_max(tree.rb_node), 5000);

	pool[500].val = 0;			/* shrinks back */
	rb_augment_propagate(&pool[500].node, &item_aug);
	KT_ASSERT_TRUE(t, check_tree(t, true));
	KT_EXPECT_EQ(t, subtree_max(tree.rb_node), 96);

	for (u32 i = 0; i < 1000; i++) {
		pool[i].val = rnd() % 100000;
		rb_augment_propagate(&pool[i].node, &item_aug);
	}
	KT_EXPECT_TRUE(t, check_tree(t, true));
}

/* The checker itself notices each kind of damage. */
KTEST(rbtree, checker_finds_damage)
{
	struct rb_node *r, *c;
	unsigned long pc;
	u32 saved;

	reset(4);
	for (u32 i = 0; i < 64; i++) {
		pool[i].val = i;
		insert(&pool[i], true);
	}
	KT_ASSERT_TRUE(t, check_tree(t, true));
	r = tree.rb_node;

	/* Wrong augmented value. */
	saved = item_of(r)->max;
	item_of(r)->max = saved + 1;
	KT_EXPECT_SEQ(t, rb_check(&tree, "damage", item_less, item_aug_ok), -EINVAL);
	item_of(r)->max = saved;

	/* Out of order keys. */
	saved = item_of(r)->key;
	item_of(r)->key = POOL + 1;
	KT_EXPECT_SEQ(t, rb_check(&tree, "damage", item_less, NULL), -EINVAL);
	item_of(r)->key = saved;

	/* Red root. */
	r->__parent_color &= ~RB_BLACK;
	KT_EXPECT_SEQ(t, rb_check(&tree, "damage", NULL, NULL), -EINVAL);
	r->__parent_color |= RB_BLACK;

	/* A black node turned red: red-red or unequal black heights. */
	c = rb_first(&tree);
	if (rb_is_black(c)) {
		c->__parent_color &= ~RB_BLACK;
		KT_EXPECT_SEQ(t, rb_check(&tree, "damage", NULL, NULL), -EINVAL);
		c->__parent_color |= RB_BLACK;
	}

	/* Bad parent pointer. */
	c = r->rb_left;
	pc = c->__parent_color;
	c->__parent_color = (unsigned long)&pool[100].node | (pc & RB_BLACK);
	KT_EXPECT_SEQ(t, rb_check(&tree, "damage", NULL, NULL), -EINVAL);
	c->__parent_color = pc;
	KT_EXPECT_TRUE(t, check_tree(t, true));
}
