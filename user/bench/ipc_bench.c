/* IPC pingpong: short round trips between tasks and within a task, memory
 * messages of 8, 32 and 64 words, strings of 4 KB and 64 KB. The client is
 * the boot task; servers run in a child task paged by the boot task (it
 * maps its own pages) or as a second thread. */
#include "bench.h"
#include <l4/syscalls.h>
#include <l4/timeout.h>
#include <libc/string.h>

#define ROUND_TRIPS 2000
#define STRING_TRIPS 200
#define MAX_WORDS 64

struct msg {
	l4_fpage_t rcv_window;
	l4_msgdope_t size, send;
	uint32_t words[MAX_WORDS];
	struct l4_string string;
};

static uint8_t pager_stack[4096] __attribute__((aligned(4096)));
static uint8_t server_stack[4096] __attribute__((aligned(4096)));
static uint8_t short_stack[4096] __attribute__((aligned(4096)));
static uint8_t string_buffer[65536] __attribute__((aligned(4096)));
static uint8_t server_buffer[65536] __attribute__((aligned(4096)));
static struct msg client_msg, server_msg;
static l4_threadid_t server, short_server_id;

extern char _end[];

/* Maps the boot task's own pages into the server task. */
static void pager(void)
{
	struct l4_words w;
	l4_threadid_t client;

	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;) {
		uint32_t page = w.w0 & ~0xfffu;

		if (page < 0x400000 || page >= (uint32_t)_end) {
			l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
			continue;
		}
		w = (struct l4_words){ page, L4_FPAGE(page, 12, 1), 0 };
		l4_ipc_reply_and_wait(client, L4_IPC_DESC_MAP, L4_IPC_SHORT_MSG, &w,
				      l4_timeouts(0, L4_US_NEVER), &client);
	}
}

/* Replies to every call with the same words: the short round trip. */
static void short_server(void)
{
	struct l4_words w;
	l4_threadid_t client;

	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &client);
	for (;;)
		l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
				      L4_TIMEOUT_NEVER, &client);
}

/* The same, receiving memory words and strings into server_msg. */
static void echo_server(void)
{
	struct l4_words w;
	l4_threadid_t client;

	l4_ipc_wait((uint32_t)&server_msg, &w, L4_TIMEOUT_NEVER, &client);
	for (;;)
		l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, (uint32_t)&server_msg, &w,
				      L4_TIMEOUT_NEVER, &client);
}

static void call_short(uint32_t iterations)
{
	struct l4_words w = { 1, 2, 3 };
	l4_threadid_t dest = short_server_id;

	for (uint32_t i = 0; i < iterations; i++)
		l4_ipc_call(dest, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
}

static void call_memory(uint32_t iterations)
{
	struct l4_words w = { 1, 2, 3 };
	l4_threadid_t dest = server;

	for (uint32_t i = 0; i < iterations; i++)
		l4_ipc_call(dest, (uint32_t)&client_msg, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
}

static void setup_messages(uint32_t words, uint32_t string_bytes)
{
	memset(&client_msg, 0, sizeof(client_msg));
	client_msg.size = L4_DOPE(MAX_WORDS, 1);
	client_msg.send = L4_DOPE(words, string_bytes ? 1 : 0);
	client_msg.string = (struct l4_string){ string_bytes, string_buffer, 0, 0 };
	memset(&server_msg, 0, sizeof(server_msg));
	server_msg.size = L4_DOPE(MAX_WORDS, 1);
	server_msg.string = (struct l4_string){ 0, 0, sizeof(server_buffer), server_buffer };
}

static l4_threadid_t start_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack,
				  l4_threadid_t pager_id)
{
	return l4_lthread_ex_regs(lthread, (uint32_t)fn, (uint32_t)stack + 4096 - 16, pager_id,
				  0).id;
}

static void run_suite(const char *kind)
{
	static const uint32_t sizes[] = { 8, 32, 64 };
	char name[48];

	snprintf(name, sizeof(name), "ipc_roundtrip_%s", kind);
	bench_report(name, bench_run(call_short, ROUND_TRIPS));
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		setup_messages(sizes[i], 0);
		snprintf(name, sizeof(name), "ipc_words%u_%s", sizes[i], kind);
		bench_report(name, bench_run(call_memory, ROUND_TRIPS));
	}
	setup_messages(3, 4096);
	snprintf(name, sizeof(name), "ipc_string4k_%s", kind);
	bench_report(name, bench_run(call_memory, STRING_TRIPS));
	setup_messages(3, 65536);
	snprintf(name, sizeof(name), "ipc_string64k_%s", kind);
	bench_report(name, bench_run(call_memory, STRING_TRIPS / 10));
}

int main(void)
{
	l4_threadid_t pager_id = start_thread(1, pager, pager_stack, L4_NIL_ID);
	l4_threadid_t task_a, task_b;

	memset(string_buffer, 0x5a, sizeof(string_buffer));
	task_a = l4_task_new(l4_make_id(20, 0, 0), 255, (uint32_t)server_stack + 4096 - 16,
			     (uint32_t)echo_server, pager_id);
	task_b = l4_task_new(l4_make_id(21, 0, 0), 255, (uint32_t)short_stack + 4096 - 16,
			     (uint32_t)short_server, pager_id);
	server = task_a;
	short_server_id = task_b;
	run_suite("inter");
	l4_task_new(task_a, l4_myself(), 0, 0, L4_NIL_ID);
	l4_task_new(task_b, l4_myself(), 0, 0, L4_NIL_ID);
	server = start_thread(2, echo_server, server_stack, L4_NIL_ID);
	short_server_id = start_thread(3, short_server, short_stack, L4_NIL_ID);
	run_suite("intra");
	l4_printf("BENCH done\n");
	return 0;
}
