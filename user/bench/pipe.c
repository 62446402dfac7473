/* The L4 pipe (l4pipe.h) between the benchmark and a child task, the
 * shapes of the Linux pipe rows (user/linux/proc_bench.c):
 *   l4pipe_roundtrip  one byte to the child and back over two pipes
 *   l4pipe_64k        per 64 KB: 1 MB written in 64 KB writes, read by the
 *                     child in 64 KB reads
 * The buffer threads are threads of the benchmark task, which made the
 * pipes before starting the child, as a Linux parent does before fork. A
 * check of every path (bytes in words, strings, a writer held for room)
 * runs first. */
#include "bench.h"
#include "l4pipe.h"
#include <libc/string.h>

#define ROUND_TRIPS	1000
#define MEGABYTE	16		/* writes of CHUNK */
#define CHUNK		65536
#define TO_CHILD_LTHREAD	4
#define FROM_CHILD_LTHREAD	5

static struct l4pipe to_child, from_child;
static uint8_t child_stack[4096] __attribute__((aligned(4096)));
static uint8_t child_buffer[CHUNK] __attribute__((aligned(4096)));
static uint8_t parent_buffer[2 * CHUNK] __attribute__((aligned(4096)));
static volatile uint32_t child_read_size;	/* what the echo child asks for */

/* Writes back whatever it reads. */
static void echo_child(void)
{
	for (;;) {
		int32_t n = l4pipe_read(to_child.buffer, child_buffer, child_read_size);

		if (n <= 0 || l4pipe_write(from_child.buffer, child_buffer, (uint32_t)n) != n)
			l4_sleep_forever();
	}
}

static void sink_child(void)
{
	while (l4pipe_read(to_child.buffer, child_buffer, CHUNK) > 0)
		continue;
	l4_sleep_forever();
}

static uint8_t pattern(uint32_t i, uint32_t n)
{
	return (uint8_t)(i * 7 + n);
}

/* n bytes to the echo child and back; true if they came back unchanged. */
static bool echo_ok(uint32_t n)
{
	uint32_t got = 0;

	for (uint32_t i = 0; i < n; i++)
		parent_buffer[i] = pattern(i, n);
	if (l4pipe_write(to_child.buffer, parent_buffer, n) != (int32_t)n)
		return false;
	memset(parent_buffer, 0, n);
	while (got < n) {
		int32_t k = l4pipe_read(from_child.buffer, parent_buffer + got, n - got);

		if (k <= 0)
			return false;
		got += (uint32_t)k;
	}
	for (uint32_t i = 0; i < n; i++)
		if (parent_buffer[i] != pattern(i, n))
			return false;
	return true;
}

/* Sizes in words, as strings, and beyond what one pipe holds. */
static bool pipe_works(void)
{
	static const uint32_t sizes[] = { 1, 5, 8, 9, 100, 4096, CHUNK, CHUNK + CHUNK / 2 };

	child_read_size = CHUNK;
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (!echo_ok(sizes[i])) {
			l4_printf("# bench: the L4 pipe lost %u bytes\n", sizes[i]);
			return false;
		}
	return true;
}

static void ping_pong(uint32_t round_trips)
{
	uint8_t byte = 0;

	for (uint32_t i = 0; i < round_trips; i++) {
		l4pipe_write(to_child.buffer, &byte, 1);
		l4pipe_read(from_child.buffer, &byte, 1);
	}
}

static void write_chunks(uint32_t chunks)
{
	for (uint32_t i = 0; i < chunks; i++)
		l4pipe_write(to_child.buffer, parent_buffer, CHUNK);
}

static void bench_latency(void)
{
	l4_threadid_t child = bench_task(26, echo_child, child_stack);

	if (pipe_works()) {
		child_read_size = 1;
		bench_report("l4pipe_roundtrip", bench_run(ping_pong, ROUND_TRIPS));
	}
	bench_task_delete(child);
}

static void bench_bandwidth(void)
{
	l4_threadid_t child = bench_task(27, sink_child, child_stack);

	bench_report("l4pipe_64k", bench_run(write_chunks, MEGABYTE));
	bench_task_delete(child);
}

void bench_pipe(void)
{
	memset(child_buffer, 0, sizeof(child_buffer));	/* the child gets our pages */
	if (l4pipe_create(&to_child, TO_CHILD_LTHREAD) == L4_NIL_ID ||
	    l4pipe_create(&from_child, FROM_CHILD_LTHREAD) == L4_NIL_ID) {
		l4_printf("# bench: cannot start the pipes' buffer threads\n");
		return;
	}
	bench_latency();
	l4pipe_destroy(&to_child);
	l4pipe_destroy(&from_child);
	l4pipe_create(&to_child, TO_CHILD_LTHREAD);	/* empty again for the sink */
	bench_bandwidth();
	l4pipe_destroy(&to_child);
}
