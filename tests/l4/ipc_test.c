/* IPC: every variant between threads of one task and of two tasks, memory
 * words, strings, and each error L4 reports. */
#include "support.h"
#include <libc/string.h>

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
