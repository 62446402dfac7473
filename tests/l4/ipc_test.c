/* IPC: every variant between threads of one task and of two tasks, memory
 * words, strings, and each error L4 reports. */
#include "support.h"
#include <libc/string.h>
#include <stdbool.h>

/* Answers calls forever: replies (w0 + 1, w1 * 2, w2 ^ sender) and waits. */
static void echo_server(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);

	(void)unused;
	for (;;) {
		if (l4_ipc_error(r)) {
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
			continue;
		}
		w = words(w.w0 + 1, w.w1 * 2, w.w2 ^ client);
		r = l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
					  l4_timeouts(0, L4_US_NEVER), &client);
	}
}

static void check_echo(struct ktap_run *t, l4_threadid_t server)
{
	struct l4_words w = words(41, 21, 0x5a5a5a5a);
	uint32_t r = l4_ipc_call(server, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER);

	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	EXPECT_EQ(w.w0, 42);
	EXPECT_EQ(w.w1, 42);
	EXPECT_EQ(w.w2, 0x5a5a5a5a ^ l4_myself());
}

KTAP_CASE(ipc, call_reply_intra_task)
{
	l4_threadid_t server = spawn_thread(echo_server, 0);

	EXPECT(l4_same_task(server, l4_myself()));
	for (int i = 0; i < 3; i++)
		check_echo(t, server);
	kill_thread(server);
}

KTAP_CASE(ipc, call_reply_inter_task)
{
	l4_threadid_t server = spawn_task(echo_server, 0);

	EXPECT(!l4_same_task(server, l4_myself()));
	for (int i = 0; i < 3; i++)
		check_echo(t, server);
	kill_task(server);
}

/* Once both sides sit in call / reply-and-wait, every IPC of a round trip
 * takes the fast path, with the same results as the general path. */
KTAP_CASE(ipc, fast_path_taken)
{
	l4_threadid_t server = spawn_task(echo_server, 0);
	struct l4_kernel_counters before, after;

	check_echo(t, server);
	before = counters_now();
	for (int i = 0; i < 10; i++)
		check_echo(t, server);
	after = counters_now();
	EXPECT_EQ(after.ipcs - before.ipcs, 20);
	EXPECT_EQ(after.fast_ipcs - before.fast_ipcs, 20);
	EXPECT_EQ(after.cr3_loads - before.cr3_loads, 20);
	kill_task(server);
}

/* ---- send, closed receive, open wait --------------------------------------- */

#define IPC_NOT_DONE 0xdeadbeef

static volatile uint32_t got_w0, got_result;
static volatile l4_threadid_t got_from;

/* Receives once from the thread whose id is `arg`, records it. */
static void closed_receiver(uint32_t source)
{
	struct l4_words w = words(0, 0, 0);

	got_result = l4_ipc_receive(source, L4_IPC_SHORT_MSG, &w, NEVER);
	got_w0 = w.w0;
}

static void sender_to(uint32_t dest)
{
	struct l4_words w = words(0x1234, 0, 0);

	l4_ipc_send(dest, L4_IPC_SHORT_MSG, &w, NEVER);
}

KTAP_CASE(ipc, send_and_closed_receive)
{
	l4_threadid_t receiver, other;
	struct l4_words w = words(7, 8, 9);
	uint32_t r;

	got_result = IPC_NOT_DONE;
	receiver = spawn_thread(closed_receiver, l4_myself());
	l4_sleep(MS(20));
	/* A third thread may not get in: it waits, then times out. */
	other = spawn_task(sender_to, receiver);
	l4_sleep(MS(20));
	EXPECT_EQ(got_result, IPC_NOT_DONE);
	r = l4_ipc_send(receiver, L4_IPC_SHORT_MSG, &w, NEVER);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(got_result), L4_IPC_OK);
	EXPECT_EQ(got_w0, 7);
	kill_task(other);
	kill_thread(receiver);
}

static void numbered_sender(uint32_t number)
{
	struct l4_words w = words(number, 0, 0);

	l4_ipc_send(got_from, L4_IPC_SHORT_MSG, &w, NEVER);
}

KTAP_CASE(ipc, open_wait_many_senders)
{
	l4_threadid_t senders[5];
	uint32_t seen = 0;

	got_from = l4_myself();
	for (uint32_t i = 0; i < 5; i++)
		senders[i] = i % 2 ? spawn_task(numbered_sender, i) : spawn_thread(numbered_sender, i);
	for (int i = 0; i < 5; i++) {
		struct l4_words w;
		l4_threadid_t from;
		uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, l4_timeouts(0, MS(500)), &from);

		if (!EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK) || !EXPECT(w.w0 < 5))
			break;
		EXPECT_EQ(from, senders[w.w0]);
		seen |= 1u << w.w0;
	}
	EXPECT_EQ(seen, 0x1f);
	for (uint32_t i = 0; i < 5; i++)
		i % 2 ? kill_task(senders[i]) : kill_thread(senders[i]);
}

/* ---- timeouts ---------------------------------------------------------------- */

KTAP_CASE(ipc, zero_timeouts)
{
	l4_threadid_t idle = spawn_thread(closed_receiver, L4_NIL_ID);
	struct l4_words w = words(1, 2, 3);
	uint32_t r;

	l4_sleep(MS(10));
	r = l4_ipc_send(idle, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SETIMEOUT);
	r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0), NULL);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_RETIMEOUT);
	r = l4_ipc_receive(idle, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_RETIMEOUT);
	kill_thread(idle);
}

KTAP_CASE(ipc, finite_timeouts_expire)
{
	l4_threadid_t idle = spawn_thread(closed_receiver, L4_NIL_ID);
	struct l4_words w = words(1, 2, 3);
	uint32_t before, r;

	l4_sleep(MS(10));
	before = counters_now().ticks;
	r = l4_ipc_receive(L4_NIL_ID, L4_IPC_SHORT_MSG, &w, l4_timeouts(0, MS(30)));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_RETIMEOUT);
	EXPECT(counters_now().ticks - before >= 30);
	before = counters_now().ticks;
	r = l4_ipc_send(idle, L4_IPC_SHORT_MSG, &w, l4_timeouts(MS(20), 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SETIMEOUT);
	EXPECT(counters_now().ticks - before >= 20);
	EXPECT(counters_now().ticks - before < 200);
	kill_thread(idle);
}

/* Nobody receives from a thread that is sending: it waits out its timeout. */
KTAP_CASE(ipc, send_to_self)
{
	struct l4_words w = words(1, 2, 3);
	uint32_t r = l4_ipc_send(l4_myself(), L4_IPC_SHORT_MSG, &w, l4_timeouts(0, 0));

	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SETIMEOUT);
	r = l4_ipc_call(l4_myself(), L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
			l4_timeouts(MS(5), MS(5)));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SETIMEOUT);
}

/* ---- partners that do not exist ------------------------------------------------ */

KTAP_CASE(ipc, nonexistent_partner)
{
	struct l4_words w = words(1, 2, 3);
	l4_threadid_t nobody = l4_make_id(1000, 3, 77);
	uint32_t r = l4_ipc_send(nobody, L4_IPC_SHORT_MSG, &w, NEVER);

	EXPECT_EQ(l4_ipc_error(r), L4_IPC_ENOT_EXISTENT);
	r = l4_ipc_receive(nobody, L4_IPC_SHORT_MSG, &w, NEVER);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_ENOT_EXISTENT);
	r = l4_ipc_call(0xffffffff, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_ENOT_EXISTENT);
	EXPECT_EQ(l4_id_nearest(nobody), L4_NIL_ID);
}

/* A deleted task's ids stay dead, also after the number is reused. */
KTAP_CASE(ipc, stale_id_version)
{
	l4_threadid_t old = spawn_task(echo_server, 0), fresh;
	struct l4_words w = words(1, 2, 3);
	uint32_t r;

	check_echo(t, old);
	kill_task(old);
	r = l4_ipc_call(old, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_ENOT_EXISTENT);
	fresh = l4_task_new(old, 255, 0, (uint32_t)echo_server, pager_id());
	if (!EXPECT(fresh != L4_NIL_ID))
		return;
	EXPECT_EQ(l4_task_of(fresh), l4_task_of(old));
	EXPECT(l4_version_of(fresh) != l4_version_of(old));
	r = l4_ipc_call(old, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_ENOT_EXISTENT);
	l4_task_new(fresh, l4_myself(), 0, 0, L4_NIL_ID);
}

/* ---- cancellation by lthread_ex_regs --------------------------------------- */

static volatile uint32_t cancelled_result;

/* Where the cancelled thread continues: eax still holds the IPC result. */
__attribute__((naked)) static void cancelled_entry(void)
{
	__asm__ volatile("movl %eax, cancelled_result\n\t"
			 "call l4_sleep_forever");
}

/* Moves a waiting thread to cancelled_entry; returns what its IPC gave. */
static uint32_t cancel_waiting(l4_threadid_t waiter)
{
	cancelled_result = 0;
	l4_lthread_ex_regs(l4_lthread_of(waiter), (uint32_t)cancelled_entry, L4_EXREGS_UNCHANGED,
			   L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	l4_sleep(MS(20));
	return cancelled_result;
}

KTAP_CASE(ipc, cancel_by_ex_regs)
{
	l4_threadid_t receiver = spawn_thread(closed_receiver, L4_NIL_ID);
	l4_threadid_t sender = spawn_thread(sender_to, l4_myself());
	struct l4_exregs old;

	l4_sleep(MS(20));
	/* Reading alone changes nothing. */
	old = l4_lthread_ex_regs(l4_lthread_of(receiver), L4_EXREGS_UNCHANGED,
				 L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	EXPECT_EQ(old.id, receiver);
	EXPECT_EQ(l4_thread_schedule(receiver, L4_SCHED_UNCHANGED).state, L4_STATE_RECEIVING);

	EXPECT_EQ(l4_ipc_error(cancel_waiting(receiver)), L4_IPC_RECANCELED);
	EXPECT_EQ(l4_thread_schedule(sender, L4_SCHED_UNCHANGED).state, L4_STATE_SENDING);
	EXPECT_EQ(l4_ipc_error(cancel_waiting(sender)), L4_IPC_SECANCELED);
	kill_thread(receiver);
	kill_thread(sender);
}

/* ---- memory messages and strings ----------------------------------------- */

#define MSG_WORDS 32

struct msg {
	l4_fpage_t rcv_window;
	l4_msgdope_t size, send;
	uint32_t words[MSG_WORDS];
	struct l4_string strings[2];
};

static struct msg send_msg, recv_msg;
static volatile uint32_t child_result;
static uint8_t big_source[8192] __attribute__((aligned(4096)));
static uint8_t big_target[8192] __attribute__((aligned(4096)));
static uint8_t small_source[100], small_target[64];

/* A buffer for MSG_WORDS words and `strings` strings (the string items sit
 * right after size.words word slots). */
static void msg_init(struct msg *m, uint32_t strings)
{
	memset(m, 0, sizeof(*m));
	m->size = L4_DOPE(MSG_WORDS, strings);
}

/* A child that sends send_msg (prepared by the root) to `dest`. */
static void memory_sender(uint32_t dest)
{
	struct l4_words w = words(100, 101, 102);

	child_result = l4_ipc_send(dest, (uint32_t)&send_msg, &w, NEVER);
}

/* A child that receives into recv_msg from `source`. */
static void memory_receiver(uint32_t source)
{
	struct l4_words w;

	child_result = l4_ipc_receive(source, (uint32_t)&recv_msg, &w, NEVER);
}

static uint32_t receive_from(l4_threadid_t sender, struct l4_words *w)
{
	return l4_ipc_receive(sender, (uint32_t)&recv_msg, w, l4_timeouts(0, MS(500)));
}

#define WORDS_SENT 20

static uint32_t word_value(uint32_t i)
{
	return 0x1000u + i * i;
}

/* A child sends WORDS_SENT words; we receive into a buffer with room for
 * `capacity` words. Returns our result; the child's is in child_result. */
static uint32_t receive_words_from_child(uint32_t capacity, struct l4_words *w)
{
	l4_threadid_t sender;
	uint32_t r;

	msg_init(&send_msg, 0);
	send_msg.send = L4_DOPE(WORDS_SENT, 0);
	for (uint32_t i = 0; i < MSG_WORDS; i++)
		send_msg.words[i] = word_value(i);
	msg_init(&recv_msg, 0);
	recv_msg.size = L4_DOPE(capacity, 0);
	child_result = IPC_NOT_DONE;
	sender = spawn_task(memory_sender, l4_myself());
	r = receive_from(sender, w);
	l4_sleep(MS(20));
	kill_task(sender);
	return r;
}

KTAP_CASE(ipc, memory_words)
{
	struct l4_words w;
	uint32_t r = receive_words_from_child(MSG_WORDS, &w);

	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	EXPECT_EQ(L4_DOPE_WORDS(r), WORDS_SENT);
	EXPECT_EQ(w.w0, 100);
	EXPECT_EQ(w.w2, 102);
	for (uint32_t i = 3; i < WORDS_SENT; i++)
		EXPECT_EQ(recv_msg.words[i], word_value(i));
	EXPECT_EQ(recv_msg.words[WORDS_SENT], 0);
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_OK);
}

KTAP_CASE(ipc, message_longer_than_buffer)
{
	struct l4_words w;
	uint32_t r = receive_words_from_child(8, &w);

	EXPECT_EQ(l4_ipc_error(r), L4_IPC_REMSGCUT);
	EXPECT_EQ(L4_DOPE_WORDS(r), 8);
	EXPECT_EQ(recv_msg.words[7], word_value(7));
	EXPECT_EQ(recv_msg.words[8], 0);
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_SEMSGCUT);
}

static void fill_pattern(uint8_t *p, uint32_t n, uint32_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7 + (i >> 8));
}

static bool check_pattern(const uint8_t *p, uint32_t n, uint32_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)(seed + i * 7 + (i >> 8)))
			return false;
	return true;
}

/* Two strings, the second into a buffer too small for it. */
KTAP_CASE(ipc, strings_copied_once)
{
	struct l4_words w;
	l4_threadid_t sender;
	uint32_t r;

	fill_pattern(big_source, sizeof(big_source), 3);
	fill_pattern(small_source, sizeof(small_source), 9);
	memset(big_target, 0, sizeof(big_target));
	memset(small_target, 0, sizeof(small_target));
	msg_init(&send_msg, 2);
	send_msg.send = L4_DOPE(3, 2);
	send_msg.strings[0] = (struct l4_string){ 6000, big_source, 0, 0 };
	send_msg.strings[1] = (struct l4_string){ sizeof(small_source), small_source, 0, 0 };
	msg_init(&recv_msg, 2);
	recv_msg.strings[0] = (struct l4_string){ 0, 0, sizeof(big_target), big_target };
	recv_msg.strings[1] = (struct l4_string){ 0, 0, sizeof(small_target), small_target };
	sender = spawn_task(memory_sender, l4_myself());
	r = receive_from(sender, &w);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_REMSGCUT);
	EXPECT_EQ(L4_DOPE_STRINGS(r), 2);
	EXPECT_EQ(recv_msg.strings[0].snd_size, 6000);
	EXPECT(check_pattern(big_target, 6000, 3));
	EXPECT_EQ(big_target[6000], 0);
	EXPECT_EQ(recv_msg.strings[1].snd_size, sizeof(small_target));
	EXPECT(check_pattern(small_target, sizeof(small_target), 9));
	kill_task(sender);
}

/* One 8 KB string from big_source (pattern `seed`) into big_target. */
static void prepare_big_string(uint32_t seed)
{
	fill_pattern(big_source, sizeof(big_source), seed);
	memset(big_target, 0, sizeof(big_target));
	msg_init(&send_msg, 1);
	send_msg.send = L4_DOPE(3, 1);
	send_msg.strings[0] = (struct l4_string){ sizeof(big_source), big_source, 0, 0 };
	msg_init(&recv_msg, 1);
	recv_msg.strings[0] = (struct l4_string){ 0, 0, sizeof(big_target), big_target };
}

/* The sending child has never touched the source pages: the copy faults in
 * its space, its pager maps them, the copy goes on. When the pager refuses,
 * both sides see a page-fault timeout in the sender's space. */
KTAP_CASE(ipc, string_from_unmapped_source_page)
{
	struct l4_words w;
	l4_threadid_t sender;
	uint32_t r, faults = pager_faults();

	prepare_big_string(5);
	sender = spawn_task(memory_sender, l4_myself());
	r = receive_from(sender, &w);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	EXPECT(check_pattern(big_target, sizeof(big_target), 5));
	EXPECT(pager_faults() - faults >= 3);	/* code, stack, message, 2 string pages */
	kill_task(sender);

	pager_refuse((uint32_t)big_source, (uint32_t)big_source + sizeof(big_source));
	child_result = IPC_NOT_DONE;
	sender = spawn_task(memory_sender, l4_myself());
	r = receive_from(sender, &w);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_RESNDPFTO);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_SESNDPFTO);
	pager_refuse(0, 0);
	kill_task(sender);
}

/* The receiving child has never touched its buffer: the receiver's own
 * pager maps it in the middle of the transfer. */
KTAP_CASE(ipc, string_into_unmapped_receive_page)
{
	struct l4_words w = words(1, 2, 3);
	l4_threadid_t receiver;
	uint32_t r;

	prepare_big_string(11);
	child_result = IPC_NOT_DONE;
	receiver = spawn_task(memory_receiver, l4_myself());
	r = l4_ipc_send(receiver, (uint32_t)&send_msg, &w, l4_timeouts(MS(500), 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_OK);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_OK);
	EXPECT(check_pattern(big_target, sizeof(big_target), 11));
	kill_task(receiver);

	pager_refuse((uint32_t)big_target, (uint32_t)big_target + sizeof(big_target));
	child_result = IPC_NOT_DONE;
	receiver = spawn_task(memory_receiver, l4_myself());
	r = l4_ipc_send(receiver, (uint32_t)&send_msg, &w, l4_timeouts(MS(500), 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SERCVPFTO);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_RERCVPFTO);
	pager_refuse(0, 0);
	kill_task(receiver);
}

/* Strings whose buffers run from the last user page across 3 GB into the
 * kernel are refused whole, on either side: nothing is copied. */
#define ACROSS_3GB ((void *)0xbffff800u)
#define ACROSS_BYTES 0x1000u

KTAP_CASE(ipc, strings_across_3gb_refused)
{
	struct l4_words w = words(1, 2, 3);
	l4_threadid_t child;
	uint32_t r;

	prepare_big_string(13);
	send_msg.strings[0] = (struct l4_string){ ACROSS_BYTES, ACROSS_3GB, 0, 0 };
	child_result = IPC_NOT_DONE;
	child = spawn_task(memory_sender, l4_myself());
	r = receive_from(child, &w);
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_RESNDPFTO);
	EXPECT_EQ(big_target[0], 0);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_SESNDPFTO);
	kill_task(child);

	prepare_big_string(13);
	recv_msg.strings[0] = (struct l4_string){ 0, 0, ACROSS_BYTES, ACROSS_3GB };
	child_result = IPC_NOT_DONE;
	child = spawn_task(memory_receiver, l4_myself());
	r = l4_ipc_send(child, (uint32_t)&send_msg, &w, l4_timeouts(MS(500), 0));
	EXPECT_EQ(l4_ipc_error(r), L4_IPC_SERCVPFTO);
	l4_sleep(MS(20));
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_RERCVPFTO);
	kill_task(child);
}

/* ---- a partner that goes away while the other waits for its pager ---------- */

static volatile uint32_t receiver_result;

/* Maps the root's pages at once, except the string source's: those after
 * `delay_ms`. */
static void slow_string_pager(uint32_t delay_ms)
{
	struct l4_words w;
	l4_threadid_t client;
	uint32_t r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);

	for (;;) {
		uint32_t page = w.w0 & ~0xfffu;

		if (l4_ipc_error(r) || L4_IS_EXCEPTION_MSG(w.w0)) {
			r = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
			continue;
		}
		if (page >= (uint32_t)big_source && page < (uint32_t)big_source + sizeof(big_source))
			l4_sleep(MS(delay_ms));
		(void)*(volatile uint8_t *)page;
		w = words(page, L4_FPAGE(page, L4_PAGE_SIZE_LOG2, 1), 0);
		r = l4_ipc_reply_and_wait(client, L4_IPC_DESC_MAP, L4_IPC_SHORT_MSG, &w,
					  l4_timeouts(0, L4_US_NEVER), &client);
	}
}

static void open_receiver_into_msg(uint32_t unused)
{
	struct l4_words w;

	(void)unused;
	receiver_result = l4_ipc_wait((uint32_t)&recv_msg, &w, NEVER, NULL);
}

/* The child sends a string from pages it does not have; its pager takes
 * 50 ms to give them. Meanwhile the receiver is deleted (end = 0) or moved by
 * lthread_ex_regs (end = 1). The sender must end with "aborted" and touch
 * nothing of the receiver. */
static void partner_leaves_during_fault(struct ktap_run *t, int end)
{
	l4_threadid_t pager, receiver, sender;

	prepare_big_string(13);
	child_result = receiver_result = IPC_NOT_DONE;
	pager = spawn_thread(slow_string_pager, 50);
	receiver = spawn_thread(open_receiver_into_msg, 0);
	l4_sleep(MS(10));
	sender = spawn_task_paged(memory_sender, receiver, pager);
	l4_sleep(MS(20));			/* the sender waits for its pager */
	EXPECT_EQ(child_result, IPC_NOT_DONE);
	/* in its page-fault IPC: the pager has the request, the answer is due */
	EXPECT_EQ(l4_thread_schedule(sender, L4_SCHED_UNCHANGED).state, L4_STATE_RECEIVING);
	EXPECT_EQ(l4_thread_schedule(sender, L4_SCHED_UNCHANGED).partner, pager);
	if (end == 0)
		kill_thread(receiver);
	else
		l4_lthread_ex_regs(l4_lthread_of(receiver), (uint32_t)l4_sleep_forever,
				   L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);
	l4_sleep(MS(100));			/* the pager has answered */
	EXPECT_EQ(l4_ipc_error(child_result), L4_IPC_SEABORTED);
	if (end == 1)
		kill_thread(receiver);
	kill_task(sender);
	kill_thread(pager);
}

KTAP_CASE(ipc, receiver_deleted_while_sender_faults)
{
	partner_leaves_during_fault(t, 0);
}

KTAP_CASE(ipc, receiver_moved_while_sender_faults)
{
	partner_leaves_during_fault(t, 1);
}
