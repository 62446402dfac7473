/* IPC pingpong: short round trips between tasks and within a task, memory
 * messages of 8, 32 and 64 words, strings of 4 KB and 64 KB. The client is
 * the boot task; servers run in a child task paged by the boot task's
 * pager thread (bench_pager: it maps the boot task's own pages) or as a
 * second thread. */
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

static uint8_t server_stack[4096] __attribute__((aligned(4096)));
static uint8_t short_stack[4096] __attribute__((aligned(4096)));
static uint8_t string_buffer[65536] __attribute__((aligned(4096)));
static uint8_t server_buffer[65536] __attribute__((aligned(4096)));
static struct msg client_msg, server_msg;
static l4_threadid_t server, short_server_id;

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

/* The shape of a Linux system call: the caller has a 4 GB TLS segment (as
 * glibc's set_thread_area gives it), the server runs in a small space. */
static void bench_small_tls(void)
{
	l4_threadid_t task = bench_task(22, short_server, short_stack);
	char name[48];

	short_server_id = task;
	if (!bench_make_small(task, 1) || l4_segment_set(0, 0, 0xffffffff, 1) == L4_SEGMENT_FAILED) {
		l4_printf("# bench: cannot set up the small server and TLS\n");
	} else {
		snprintf(name, sizeof(name), "ipc_roundtrip_small_tls%s", bench_small_suffix());
		bench_report(name, bench_run(call_short, ROUND_TRIPS));
		l4_segment_set(0, 0, 0, 0);
	}
	bench_task_delete(task);
}

void bench_ipc(void)
{
	l4_threadid_t task_a, task_b;

	memset(string_buffer, 0x5a, sizeof(string_buffer));
	task_a = bench_task(20, echo_server, server_stack);
	task_b = bench_task(21, short_server, short_stack);
	server = task_a;
	short_server_id = task_b;
	run_suite("inter");
	bench_task_delete(task_a);
	bench_task_delete(task_b);
	bench_small_tls();
	server = bench_thread(2, echo_server, server_stack);
	short_server_id = bench_thread(3, short_server, short_stack);
	run_suite("intra");
	bench_thread_delete(server);
	bench_thread_delete(short_server_id);
}
