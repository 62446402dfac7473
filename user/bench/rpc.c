/* Synchronous L4 RPC between the benchmark and a server task:
 *   l4_rpc_roundtrip  a call carrying an operation and 8 bytes of arguments
 *                     in registers, answered with their sum
 *   l4_map_rpc        a call whose answer maps a 4 KB page of the server
 *                     into the client's receive window; the client reads
 *                     it and unmaps it, so the next call maps it afresh:
 *                     per RPC, the unmap included
 * The paper's "synchronous L4 RPC" and "synchronous mapping RPC" (Table 4).
 * vm.c's map_unmap_4k is the same mapping without the page being used. */
#include "bench.h"
#include <l4/syscalls.h>
#include <l4/timeout.h>

#define RPC_ROUND_TRIPS	2000
#define MAP_RPCS	500
#define RPC_ADD		1
#define RPC_PAGE	2
#define MAP_WINDOW	0x31000000u
#define PAGE_MAGIC	0x4c34524fu	/* what the server's page holds */
#define SERVER_TASK	28

static uint8_t server_stack[4096] __attribute__((aligned(4096)));
static volatile uint32_t server_page[1024] __attribute__((aligned(4096)));
static l4_threadid_t server;
static uint32_t bad_answers;

/* Fills the answer to a request; returns its send descriptor. */
static uint32_t answer(struct l4_words *w)
{
	if (w->w0 == RPC_PAGE) {
		*w = (struct l4_words){ 0, L4_FPAGE((uint32_t)server_page, 12, 1), 0 };
		return L4_IPC_DESC_MAP;
	}
	*w = (struct l4_words){ w->w1 + w->w2, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

static void rpc_server(void)
{
	struct l4_words w;
	l4_threadid_t client;

	(void)server_page[0];	/* a page must be ours before we can map it on */
	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;)
		l4_ipc_reply_and_wait(client, answer(&w), L4_IPC_SHORT_MSG, &w,
				      l4_timeouts(0, L4_US_NEVER), &client);
}

static void add_calls(uint32_t calls)
{
	l4_threadid_t dest = server;

	for (uint32_t i = 0; i < calls; i++) {
		struct l4_words w = { RPC_ADD, i, 1 };

		l4_ipc_call(dest, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		bad_answers += w.w0 != i + 1;
	}
}

static void page_calls(uint32_t calls)
{
	l4_threadid_t dest = server;

	for (uint32_t i = 0; i < calls; i++) {
		struct l4_words w = { RPC_PAGE, 0, 0 };
		uint32_t r = l4_ipc_call(dest, L4_IPC_SHORT_MSG,
					 L4_FPAGE(MAP_WINDOW, 12, 0) | L4_IPC_DESC_MAP, &w,
					 L4_TIMEOUT_NEVER);

		if (!(r & L4_DOPE_FPAGE_RECEIVED) || *(volatile uint32_t *)MAP_WINDOW != PAGE_MAGIC)
			bad_answers++;
		l4_fpage_unmap(L4_FPAGE(MAP_WINDOW, 12, 0), L4_UNMAP_FLUSH | L4_UNMAP_ALL_SPACES);
	}
}

/* Reports the figure only if every answer was right. */
static void run_checked(const char *name, bench_batch batch, uint32_t calls)
{
	struct bench_sample s;

	bad_answers = 0;
	s = bench_run(batch, calls);
	if (bad_answers)
		l4_printf("# bench: %s: %u wrong answers\n", name, bad_answers);
	else
		bench_report(name, s);
}

void bench_rpc(void)
{
	server_page[0] = PAGE_MAGIC;
	server = bench_task(SERVER_TASK, rpc_server, server_stack);
	run_checked("l4_rpc_roundtrip", add_calls, RPC_ROUND_TRIPS);
	run_checked("l4_map_rpc", page_calls, MAP_RPCS);
	bench_task_delete(server);
}
