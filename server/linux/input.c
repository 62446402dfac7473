/* Console input from interrupt-driven drivers (uart.c, kbd.c), the way
 * DESIGN.md orders them: each driver's top half, at the highest of the
 * server's priorities, takes its interrupt as IPC and stores bytes in a
 * ring of its own; one bottom half drains every ring and hands the bytes
 * to the main thread (tty.c's line discipline), a message at a time.
 *
 * Each ring has one writer (its top half) and one reader (the bottom half),
 * so it needs no lock. Waking the bottom half: it sets bottom_idle just
 * before it waits; a top half that has stored bytes takes the flag with an
 * atomic exchange and, if it was set, sends. Only one top half can take
 * it, so no top half waits on the bottom half for more than the few
 * instructions before its receive; the bottom half looks at the rings once
 * more after setting the flag, so no byte stays unseen. */
#include "server.h"
#include <l4/timeout.h>

#define INPUT_RINGS	2		/* the UART's and the keyboard's */

static struct input_ring *rings[INPUT_RINGS];
static uint32_t ring_count;
static volatile bool bottom_idle;
static l4_threadid_t bottom_id;
static uint8_t bottom_stack[4096] __attribute__((aligned(16)));

void driver_start_thread(uint32_t lthread, void (*fn)(void), uint8_t *stack, uint32_t size,
			 uint32_t priority)
{
	struct l4_exregs r = l4_lthread_ex_regs(lthread, (uint32_t)fn, (uint32_t)(stack + size),
						L4_EXREGS_UNCHANGED, L4_EXREGS_UNCHANGED);

	l4_thread_schedule(r.id, L4_SCHED_PRIORITY(priority));
}

void input_register(struct input_ring *r)
{
	if (ring_count < INPUT_RINGS)
		rings[ring_count++] = r;
}

void input_wake(void)
{
	struct l4_words w = { 0, 0, 0 };

	if (__atomic_exchange_n(&bottom_idle, false, __ATOMIC_SEQ_CST))
		l4_ipc_send(bottom_id, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
}

static bool rings_empty(void)
{
	for (uint32_t i = 0; i < ring_count; i++)
		if (rings[i]->head != rings[i]->tail)
			return false;
	return true;
}

/* Up to 8 bytes of r to the main thread, in words 1 and 2. */
static void hand_over(struct input_ring *r)
{
	struct l4_words w = { 0, 0, 0 };
	uint8_t chars[8];
	uint32_t n = 0;

	while (n < sizeof(chars) && r->head != r->tail) {
		chars[n++] = r->bytes[r->tail % INPUT_RING];
		r->tail++;
	}
	w.w0 = n;
	memcpy(&w.w1, chars, n < 4 ? n : 4);
	if (n > 4)
		memcpy(&w.w2, chars + 4, n - 4);
	l4_ipc_call(server_id, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
}

static void __attribute__((noreturn)) bottom_half(void)
{
	struct l4_words w;
	l4_threadid_t from;

	for (;;) {
		while (!rings_empty())
			for (uint32_t i = 0; i < ring_count; i++)
				if (rings[i]->head != rings[i]->tail)
					hand_over(rings[i]);
		bottom_idle = true;
		/* Bytes came after the last look: go on, unless a top half
		 * has taken the flag; then its message is on its way. */
		if (!rings_empty() && __atomic_exchange_n(&bottom_idle, false, __ATOMIC_SEQ_CST))
			continue;
		/* Only the server's own threads wake us; a message from
		 * anybody else is ignored. */
		while (!l4_ipc_error(l4_ipc_wait(L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER, &from)) &&
		       l4_task_of(from) != l4_task_of(server_id))
			;
	}
}

void input_start(void)
{
	if (!ring_count)
		return;
	bottom_id = l4_make_id(l4_task_of(server_id), LTHREAD_BOTTOM_HALF,
			       l4_version_of(server_id));
	driver_start_thread(LTHREAD_BOTTOM_HALF, bottom_half, bottom_stack, sizeof(bottom_stack),
			    BOTTOM_HALF_PRIORITY);
}

bool input_is_bottom_half(l4_threadid_t id)
{
	return ring_count && id == bottom_id;
}
