/* Address spaces: map, grant and unmap along chains of spaces with the
 * mapping database, windows of other sizes than the item, pagers stacked
 * on pagers, 4 MB mappings, and sigma0's rules. What a space maps is read
 * with L4_KDEBUG_LOOKUP (the root is a boot task, so it may). */
#include "support.h"
#include <l4/kip.h>
#include <l4/sigma0.h>

#define WINDOW(n)	(0x20000000u + (n) * 0x01000000u)	/* outside every image */
#define PAGE		4096u

/* A child that takes one map item into its window and passes it on to
 * `next` (if any), mapping or granting; `rounds` counts what it did. */
struct relay {
	l4_threadid_t next;
	l4_fpage_t window;		/* where it receives */
	uint32_t grant;			/* pass on with L4_FPAGE_GRANT */
	volatile uint32_t rounds;
};

static struct relay relays[4];

static void relay(uint32_t index)
{
	struct relay *r = &relays[index];

	for (;;) {
		struct l4_words w;
		uint32_t res = l4_ipc_wait(r->window | L4_IPC_DESC_MAP, &w, NEVER, NULL);

		if (!l4_ipc_error(res) && (res & L4_DOPE_FPAGE_RECEIVED) && r->next) {
			uint32_t base = L4_FPAGE_BASE(r->window);
			struct l4_words fwd = words(base, L4_FPAGE(base, L4_FPAGE_SIZE_LOG2(r->window), 1) |
							      r->grant, 0);

			l4_ipc_send(r->next, L4_IPC_DESC_MAP, &fwd, NEVER);
		}
		r->rounds++;
	}
}

/* Three children in a chain 0 -> 1 -> 2 (the last one keeps the page). */
static void start_chain(l4_threadid_t ids[3], uint32_t grant_from)
{
	for (int i = 2; i >= 0; i--) {
		relays[i] = (struct relay){ i < 2 ? ids[i + 1] : L4_NIL_ID,
					    L4_FPAGE(WINDOW(i), 12, 0), (uint32_t)i >= grant_from ?
					    L4_FPAGE_GRANT : 0, 0 };
		ids[i] = spawn_task(relay, (uint32_t)i);
	}
}

static void stop_chain(l4_threadid_t ids[3])
{
	for (int i = 0; i < 3; i++)
		kill_task(ids[i]);
}

static void send_map(l4_threadid_t to, uint32_t base, uint32_t log2, uint32_t send_base,
		     uint32_t flags)
{
	struct l4_words w = words(send_base, L4_FPAGE(base, log2, 1) | flags, 0);

	l4_ipc_send(to, L4_IPC_DESC_MAP, &w, l4_timeouts(MS(500), 0));
	l4_sleep(MS(20));
}

static uint32_t phys(l4_threadid_t task, uint32_t va)
{
	uint32_t e = l4_kdebug_lookup(task, va);

	if (!e)
		return 0;
	return (e & L4_KDEBUG_ENTRY_LARGE) ? (e & 0xffc00000) | (va & 0x003ff000) : e & ~0xfffu;
}

static uint8_t page_a[PAGE] __attribute__((aligned(PAGE)));
static uint8_t region[0x10000] __attribute__((aligned(0x10000)));

KTAP_CASE(map, chain_and_recursive_revoke)
{
	struct l4_kernel_counters before = counters_now();
	l4_threadid_t ids[3];
	uint32_t p = phys(l4_myself(), (uint32_t)page_a);

	start_chain(ids, 3);
	EXPECT(p != 0);
	send_map(ids[0], (uint32_t)page_a, 12, (uint32_t)page_a, 0);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(phys(ids[i], WINDOW(i)), p);
	/* revoking from the middle leaves the first one */
	l4_fpage_unmap(L4_FPAGE(WINDOW(1), 12, 0), 0);	/* only the caller's own space: no-op */
	EXPECT_EQ(phys(ids[2], WINDOW(2)), p);
	l4_fpage_unmap(L4_FPAGE((uint32_t)page_a, 12, 0), L4_UNMAP_FLUSH);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(phys(ids[i], WINDOW(i)), 0);
	EXPECT_EQ(phys(l4_myself(), (uint32_t)page_a), p);	/* ours stays */
	stop_chain(ids);
	EXPECT_EQ(counters_now().mapping_nodes, before.mapping_nodes);
	EXPECT_EQ(counters_now().free_frames, before.free_frames);
	EXPECT_EQ(counters_now().tasks, before.tasks);
}

KTAP_CASE(map, rights_only_revoke)
{
	l4_threadid_t ids[3];

	start_chain(ids, 3);
	send_map(ids[0], (uint32_t)page_a, 12, (uint32_t)page_a, 0);
	for (int i = 0; i < 3; i++)
		EXPECT(l4_kdebug_lookup(ids[i], WINDOW(i)) & L4_KDEBUG_ENTRY_WRITE);
	l4_fpage_unmap(L4_FPAGE((uint32_t)page_a, 12, 0), 0);	/* write access only */
	for (int i = 0; i < 3; i++) {
		uint32_t e = l4_kdebug_lookup(ids[i], WINDOW(i));

		EXPECT(e != 0);
		EXPECT(!(e & L4_KDEBUG_ENTRY_WRITE));
	}
	EXPECT(l4_kdebug_lookup(l4_myself(), (uint32_t)page_a) & L4_KDEBUG_ENTRY_WRITE);
	stop_chain(ids);
}

/* Child 0 maps on, child 1 grants on: child 1 loses the page, child 2 has
 * it in the granted node's place in the tree, so the root's revoke still
 * reaches it. */
KTAP_CASE(map, grant_removes_the_source)
{
	struct l4_kernel_counters before;
	l4_threadid_t ids[3];
	uint32_t p = phys(l4_myself(), (uint32_t)page_a);

	start_chain(ids, 1);
	l4_sleep(MS(20));	/* the children have faulted in code and stack */
	before = counters_now();
	send_map(ids[0], (uint32_t)page_a, 12, (uint32_t)page_a, 0);
	EXPECT_EQ(phys(ids[0], WINDOW(0)), p);
	EXPECT_EQ(phys(ids[1], WINDOW(1)), 0);
	EXPECT_EQ(phys(ids[2], WINDOW(2)), p);
	EXPECT_EQ(counters_now().mapping_nodes, before.mapping_nodes + 2);
	l4_fpage_unmap(L4_FPAGE((uint32_t)page_a, 12, 0), L4_UNMAP_FLUSH);
	EXPECT_EQ(phys(ids[0], WINDOW(0)), 0);
	EXPECT_EQ(phys(ids[2], WINDOW(2)), 0);
	EXPECT_EQ(counters_now().mapping_nodes, before.mapping_nodes);
	stop_chain(ids);
}

/* A 64 KB fpage into a 16 KB window: the part holding the send base.
 * A 4 KB fpage into a 64 KB window: at the send base's offset. */
KTAP_CASE(map, windows_smaller_and_larger)
{
	l4_threadid_t child;
	uint32_t r = (uint32_t)region;

	relays[3] = (struct relay){ L4_NIL_ID, L4_FPAGE(WINDOW(3), 14, 0), 0, 0 };
	child = spawn_task(relay, 3);
	l4_sleep(MS(20));
	send_map(child, r, 16, r + 0x9000, 0);
	for (uint32_t i = 0; i < 4; i++)
		EXPECT_EQ(phys(child, WINDOW(3) + i * PAGE), phys(l4_myself(), r + 0x8000 + i * PAGE));
	EXPECT_EQ(phys(child, WINDOW(3) + 4 * PAGE), 0);
	kill_task(child);

	relays[3] = (struct relay){ L4_NIL_ID, L4_FPAGE(WINDOW(3), 16, 0), 0, 0 };
	child = spawn_task(relay, 3);
	l4_sleep(MS(20));
	send_map(child, (uint32_t)page_a, 12, 0x3000, 0);
	EXPECT_EQ(phys(child, WINDOW(3) + 0x3000), phys(l4_myself(), (uint32_t)page_a));
	EXPECT_EQ(phys(child, WINDOW(3)), 0);
	kill_task(child);
}

/* Task b pages task c; b's own pages come from the root's pager. */
static volatile uint32_t grandchild_read;
static const volatile uint32_t pattern_word = 0x5eed1234;

static void read_pattern(uint32_t unused)
{
	(void)unused;
	grandchild_read = pattern_word;
}

KTAP_CASE(map, pager_paged_by_another_pager)
{
	l4_threadid_t b, c;
	uint32_t faults = pager_faults();

	grandchild_read = 0;
	b = spawn_task(serve_page_faults, 0);
	c = spawn_task_paged(read_pattern, 0, b);
	l4_sleep(MS(50));
	EXPECT_EQ(grandchild_read, 0x5eed1234);
	EXPECT(pager_faults() - faults >= 4);	/* c's faults in b, b's own in the root */
	EXPECT(phys(c, (uint32_t)&pattern_word) == phys(l4_myself(), (uint32_t)&pattern_word));
	kill_task(c);
	kill_task(b);
}

/* A superpage from sigma0, mapped whole (4 MB) and in part (4 KB). */
KTAP_CASE(map, superpages)
{
	l4_fpage_t got = 0;
	uint32_t e, super;
	l4_threadid_t child;

	if (!(l4_kdebug_lookup(L4_SIGMA0_ID, L4_KIP_ADDRESS))) {
		ktap_skip(t, "no sigma0");
		return;
	}
	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_ANY, 22, L4_WHOLE_SPACE, &got), L4_SIGMA0_OK))
		return;
	super = L4_FPAGE_BASE(got);
	EXPECT_EQ(L4_FPAGE_SIZE_LOG2(got), 22);
	e = l4_kdebug_lookup(l4_myself(), super);
	EXPECT(e & L4_KDEBUG_ENTRY_LARGE);
	EXPECT_EQ(phys(l4_myself(), super + 0x5000), super + 0x5000);	/* 1:1 */

	relays[3] = (struct relay){ L4_NIL_ID, L4_FPAGE(0x40000000, 22, 0), 0, 0 };
	child = spawn_task(relay, 3);
	l4_sleep(MS(20));
	send_map(child, super, 22, super, 0);
	EXPECT(l4_kdebug_lookup(child, 0x40000000) & L4_KDEBUG_ENTRY_LARGE);
	EXPECT_EQ(phys(child, 0x40123000), super + 0x123000);
	l4_fpage_unmap(L4_FPAGE(super, 22, 0), L4_UNMAP_FLUSH);
	EXPECT_EQ(phys(child, 0x40000000), 0);
	EXPECT(l4_kdebug_lookup(l4_myself(), super) & L4_KDEBUG_ENTRY_LARGE);

	/* 4 KB of it; revoking a 4 KB part of our superpage reaches it */
	send_map(child, super + 0x5000, 12, 0x5000, 0);
	EXPECT_EQ(phys(child, 0x40005000), super + 0x5000);
	EXPECT(!(l4_kdebug_lookup(child, 0x40005000) & L4_KDEBUG_ENTRY_LARGE));
	l4_fpage_unmap(L4_FPAGE(super + 0x4000, 14, 0), L4_UNMAP_FLUSH);
	EXPECT_EQ(phys(child, 0x40005000), 0);
	kill_task(child);
}

/* A window with L4_FPAGE_SMALL_PAGES takes 4 MB from sigma0 as 4 KB
 * mappings: none is large, each page is 1:1, and one page given back
 * leaves its neighbours mapped. */
KTAP_CASE(map, small_pages_window)
{
	l4_fpage_t got = 0;
	uint32_t super;

	if (!(l4_kdebug_lookup(L4_SIGMA0_ID, L4_KIP_ADDRESS))) {
		ktap_skip(t, "no sigma0");
		return;
	}
	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_ANY, 22, L4_WHOLE_SPACE | L4_FPAGE_SMALL_PAGES,
					 &got), L4_SIGMA0_OK))
		return;
	super = L4_FPAGE_BASE(got);
	EXPECT_EQ(L4_FPAGE_SIZE_LOG2(got), 22);
	EXPECT(!(l4_kdebug_lookup(l4_myself(), super) & L4_KDEBUG_ENTRY_LARGE));
	EXPECT(!(l4_kdebug_lookup(l4_myself(), super + 0x3ff000) & L4_KDEBUG_ENTRY_LARGE));
	EXPECT_EQ(phys(l4_myself(), super), super);
	EXPECT_EQ(phys(l4_myself(), super + 0x3ff000), super + 0x3ff000);
	l4_fpage_unmap(L4_FPAGE(super + 0x1000, 12, 0), L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	EXPECT_EQ(phys(l4_myself(), super + 0x1000), 0);
	EXPECT_EQ(phys(l4_myself(), super + 0x2000), super + 0x2000);
}

/* sigma0 hands out a page once, never kernel memory, the KIP to anybody. */
static volatile uint32_t child_answer;

static void ask_sigma0_for(uint32_t address)
{
	child_answer = l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(address, 12, 1), L4_WHOLE_SPACE,
					 NULL);
}

KTAP_CASE(map, sigma0_rules)
{
	const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;
	l4_fpage_t got = 0;
	l4_threadid_t child;
	uint32_t page;

	EXPECT_EQ(kip->magic, L4_KIP_MAGIC);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(0x100000, 12, 1), L4_WHOLE_SPACE, NULL),
		  L4_SIGMA0_ENOTMINE);	/* the kernel image */
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_ANY, 13, L4_WHOLE_SPACE, NULL), L4_SIGMA0_EINVAL);
	EXPECT_EQ(l4_sigma0_request(0x7, 0, L4_WHOLE_SPACE, NULL), L4_SIGMA0_EINVAL);
	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_ANY, 12, L4_WHOLE_SPACE, &got), L4_SIGMA0_OK))
		return;
	page = L4_FPAGE_BASE(got);
	EXPECT_EQ(phys(l4_myself(), page), page);
	*(volatile uint32_t *)page = 0xabcd;	/* it is ours, writable */
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, got, L4_WHOLE_SPACE, NULL), L4_SIGMA0_OK);

	child_answer = 99;
	child = spawn_task(ask_sigma0_for, page);
	l4_sleep(MS(20));
	EXPECT_EQ(child_answer, L4_SIGMA0_ETAKEN);
	EXPECT_EQ(phys(child, page), 0);
	kill_task(child);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_KIP, 0, L4_WHOLE_SPACE, &got), L4_SIGMA0_OK);
	EXPECT_EQ(L4_FPAGE_BASE(got), L4_KIP_ADDRESS);
}

/* The VGA window is the one device memory sigma0 gives: a 4 KB page by
 * request, to one task; not as a superpage, and nothing beside it. */
KTAP_CASE(map, sigma0_device_window)
{
	uint32_t text = 0xb8000;
	l4_threadid_t child;
	l4_fpage_t got = 0;

	if (!EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(text, 12, 1), L4_WHOLE_SPACE,
					 &got), L4_SIGMA0_OK))
		return;
	EXPECT_EQ(L4_FPAGE_BASE(got), text);
	EXPECT_EQ(phys(l4_myself(), text), text);
	*(volatile uint16_t *)(text + 158) = 0x0721;	/* a '!' at the end of row 0 */
	EXPECT_EQ(*(volatile uint16_t *)(text + 158), 0x0721);

	child_answer = 99;
	child = spawn_task(ask_sigma0_for, text);
	l4_sleep(MS(20));
	EXPECT_EQ(child_answer, L4_SIGMA0_ETAKEN);
	kill_task(child);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(L4_VGA_WINDOW_END, 12, 1),
				    L4_WHOLE_SPACE, NULL), L4_SIGMA0_ENOTMINE);	/* the video BIOS */
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(L4_VGA_WINDOW_BASE - 0x1000, 12, 1),
				    L4_WHOLE_SPACE, NULL), L4_SIGMA0_ENOTMINE);	/* the EBDA */
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(0, 22, 1), L4_WHOLE_SPACE, NULL),
		  L4_SIGMA0_ENOTMINE);
}

/* A hostile child: it flushes its whole space (what it got from us goes,
 * ours stays), then offers us map items for pages it does not have and
 * for the kernel. Nothing arrives; our pages and sigma0's stay. */
static void hostile_mapper(uint32_t root)
{
	struct l4_words w;

	l4_fpage_unmap(L4_WHOLE_SPACE, L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	w = words(0, L4_FPAGE(WINDOW(5), 16, 1), 0);		/* never mapped here */
	l4_ipc_send(root, L4_IPC_DESC_MAP, &w, NEVER);
	w = words(0, L4_FPAGE(0xf0000000, 22, 1), 0);		/* the kernel */
	l4_ipc_send(root, L4_IPC_DESC_MAP, &w, NEVER);
	l4_sleep_forever();
}

KTAP_CASE(map, hostile_map_and_unmap_change_nothing)
{
	l4_fpage_t window = L4_FPAGE(WINDOW(6), 22, 0);
	uint32_t canary = phys(l4_myself(), (uint32_t)page_a), r;
	l4_threadid_t child;
	struct l4_words w;

	page_a[0] = 0x5a;
	child = spawn_task(hostile_mapper, l4_myself());
	for (int i = 0; i < 2; i++) {
		r = l4_ipc_receive(child, window | L4_IPC_DESC_MAP, &w, l4_timeouts(0, MS(500)));
		EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	}
	for (uint32_t va = WINDOW(6); va < WINDOW(6) + 0x400000; va += 0x10000)
		EXPECT_EQ(l4_kdebug_lookup(l4_myself(), va), 0);
	EXPECT_EQ(phys(l4_myself(), (uint32_t)page_a), canary);
	EXPECT_EQ(page_a[0], 0x5a);
	EXPECT_EQ(l4_sigma0_request(L4_SIGMA0_KIP, 0, L4_WHOLE_SPACE, NULL), L4_SIGMA0_OK);
	kill_task(child);
}

/* A pager that never answers stops only the faulting thread: the rest of
 * its task and the system go on, and the thread can still be deleted. */
static volatile uint32_t sibling_runs;

static void touch_far_away(uint32_t unused)
{
	(void)unused;
	(void)*(volatile uint32_t *)0x70000000;	/* the root's pager ignores this */
	sibling_runs = 1000;
}

static void count_forever(uint32_t unused)
{
	(void)unused;
	for (;;) {
		sibling_runs++;
		l4_sleep(MS(1));
	}
}

KTAP_CASE(map, silent_pager_blocks_only_the_faulting_thread)
{
	l4_threadid_t stuck = spawn_thread(touch_far_away, 0), busy;
	uint32_t runs;

	sibling_runs = 0;
	busy = spawn_thread(count_forever, 0);
	l4_sleep(MS(20));
	runs = sibling_runs;
	l4_sleep(MS(20));
	EXPECT(sibling_runs > runs);
	EXPECT(sibling_runs < 1000);
	EXPECT_EQ(l4_thread_schedule(stuck, L4_SCHED_UNCHANGED).partner, pager_id());
	kill_thread(stuck);
	kill_thread(busy);
}

/* At most L4_MAP_ITEMS_MAX map items per message; one more cuts it. */
static struct {
	l4_fpage_t rcv_window;
	l4_msgdope_t size, send;
	uint32_t words[2 * (L4_MAP_ITEMS_MAX + 1)];
} many_items;

KTAP_CASE(map, too_many_map_items_cut_the_message)
{
	l4_threadid_t child;
	uint32_t r;

	relays[3] = (struct relay){ L4_NIL_ID, L4_FPAGE(WINDOW(3), 12, 0), 0, 0 };
	child = spawn_task(relay, 3);
	l4_sleep(MS(20));
	many_items.size = many_items.send = L4_DOPE(2 * (L4_MAP_ITEMS_MAX + 1), 0);
	for (uint32_t i = 0; i <= L4_MAP_ITEMS_MAX; i++) {
		many_items.words[2 * i] = (uint32_t)page_a;
		many_items.words[2 * i + 1] = L4_FPAGE((uint32_t)page_a, 12, 1);
	}
	/* words 0..2 travel in registers */
	struct l4_words w = words((uint32_t)page_a, L4_FPAGE((uint32_t)page_a, 12, 1),
				  (uint32_t)page_a);
	r = l4_ipc_send(child, (uint32_t)&many_items | L4_IPC_DESC_MAP, &w, l4_timeouts(MS(500), 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SEMSGCUT);
	kill_task(child);
}
