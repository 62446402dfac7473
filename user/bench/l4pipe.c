/* l4pipe.c: the L4 pipe (l4pipe.h): its buffer thread, then the calls a
 * writer and a reader make. A request's word 0 is its length << 4 | op. */
#include "l4pipe.h"
#include "bench.h"
#include <l4/timeout.h>
#include <libc/string.h>

enum pipe_op {
	OP_WRITE_INLINE = 1,	/* words 1, 2: the bytes; answer: how many were taken */
	OP_WRITE = 2,		/* answer: the room; then the bytes come as a string */
	OP_READ_INLINE = 3,	/* answer: how many, and the bytes in words 1, 2 */
	OP_READ = 4,		/* answer: how many, and the bytes as a string */
};
#define OP_MASK		0xf
#define LENGTH_SHIFT	4
#define BAD_REQUEST	0xffffffffu	/* the answer to an op nobody knows */

/* Answers go out with a send timeout of 0: their callers wait in their
 * receive phase already, and one that was cancelled must not stop the pipe. */
#define ANSWER_TIMEOUTS l4_timeouts(0, L4_US_NEVER)

static uint32_t min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static uint32_t request_length(const struct l4_words *w)
{
	return w->w0 >> LENGTH_SHIFT;
}

/* Up to L4PIPE_INLINE bytes in message words 1 and 2, and back. */
static void pack(struct l4_words *w, const void *data, uint32_t n)
{
	uint32_t words[2] = { 0, 0 };

	memcpy(words, data, n);
	w->w1 = words[0];
	w->w2 = words[1];
}

static void unpack(const struct l4_words *w, void *data, uint32_t n)
{
	uint32_t words[2] = { w->w1, w->w2 };

	memcpy(data, words, n);
}

/* ---- the buffer thread ------------------------------------------------------------- */

static uint32_t unread(const struct l4pipe *p)
{
	return p->tail - p->head;
}

static uint32_t room(const struct l4pipe *p)
{
	return L4PIPE_SIZE - p->tail;
}

/* The answer to a read from the pipe's front: the bytes in words 1 and 2
 * or as p->msg's string. Returns its send descriptor. The bytes stay in
 * data[] until the next write, which comes after the answer is sent. */
static uint32_t answer_read(struct l4pipe *p, struct l4_words request, struct l4_words *w)
{
	bool in_words = (request.w0 & OP_MASK) == OP_READ_INLINE;
	uint32_t k = min32(request_length(&request), unread(p));
	uint32_t desc = L4_IPC_SHORT_MSG;

	if (in_words)
		k = min32(k, L4PIPE_INLINE);
	*w = (struct l4_words){ k, 0, 0 };
	if (in_words) {
		pack(w, p->data + p->head, k);
	} else {
		p->msg.send = L4_DOPE(3, 1);
		p->msg.string.snd_size = k;
		p->msg.string.snd_str = p->data + p->head;
		desc = (uint32_t)&p->msg;
	}
	p->head += k;
	if (p->head == p->tail)
		p->head = p->tail = 0;	/* empty: all the room again */
	return desc;
}

static uint32_t hold(struct l4pipe_waiter *waiter, l4_threadid_t client, const struct l4_words *w)
{
	waiter->id = client;
	waiter->request = *w;
	return L4_IPC_NIL_DESCRIPTOR;
}

/* Bytes came in: a reader held back gets its answer now. */
static void wake_reader(struct l4pipe *p)
{
	struct l4_words w;
	uint32_t desc;

	if (p->reader.id == L4_NIL_ID)
		return;
	desc = answer_read(p, p->reader.request, &w);
	l4_ipc_send(p->reader.id, desc, &w, ANSWER_TIMEOUTS);
	p->reader.id = L4_NIL_ID;
}

/* Tells the writer the room it may fill and receives that (or less) as a
 * string straight behind tail. Returns how many bytes came. */
static uint32_t receive_chunk(struct l4pipe *p, l4_threadid_t writer, uint32_t wanted)
{
	struct l4_words w = { min32(wanted, room(p)), 0, 0 };
	uint32_t result;

	p->msg.string.rcv_size = w.w0;
	p->msg.string.rcv_str = p->data + p->tail;
	result = l4_ipc(writer, L4_IPC_SHORT_MSG, (uint32_t)&p->msg, ANSWER_TIMEOUTS, &w, NULL);
	if (l4_ipc_error(result))
		return 0;
	p->tail += p->msg.string.snd_size;
	return p->msg.string.snd_size;
}

static uint32_t serve(struct l4pipe *p, l4_threadid_t *client, struct l4_words *w);

static uint32_t serve_write_inline(struct l4pipe *p, l4_threadid_t *client, struct l4_words *w)
{
	uint32_t n = min32(request_length(w), L4PIPE_INLINE);

	if (room(p) < n)
		return hold(&p->writer, *client, w);
	unpack(w, p->data + p->tail, n);
	p->tail += n;
	wake_reader(p);
	*w = (struct l4_words){ n, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

static uint32_t serve_write(struct l4pipe *p, l4_threadid_t *client, struct l4_words *w)
{
	uint32_t n;

	if (request_length(w) == 0) {	/* it would send no string to end our wait */
		*w = (struct l4_words){ BAD_REQUEST, 0, 0 };
		return L4_IPC_SHORT_MSG;
	}
	if (room(p) == 0)
		return hold(&p->writer, *client, w);
	n = receive_chunk(p, *client, request_length(w));
	wake_reader(p);
	*w = (struct l4_words){ n, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

/* A read that empties the pipe makes room: the reader gets its answer at
 * once, and a writer held back is served as if it had just called. */
static uint32_t serve_read(struct l4pipe *p, l4_threadid_t *client, struct l4_words *w)
{
	uint32_t desc;

	if (unread(p) == 0)
		return hold(&p->reader, *client, w);
	desc = answer_read(p, *w, w);
	if (p->writer.id == L4_NIL_ID || room(p) == 0)
		return desc;
	l4_ipc_send(*client, desc, w, ANSWER_TIMEOUTS);
	*client = p->writer.id;
	*w = p->writer.request;
	p->writer.id = L4_NIL_ID;
	return serve(p, client, w);
}

/* Returns the send descriptor of the answer to *client (which a held
 * writer may have replaced), or nil to answer nobody now. */
static uint32_t serve(struct l4pipe *p, l4_threadid_t *client, struct l4_words *w)
{
	switch (w->w0 & OP_MASK) {
	case OP_WRITE_INLINE:
		return serve_write_inline(p, client, w);
	case OP_WRITE:
		return serve_write(p, client, w);
	case OP_READ_INLINE:
	case OP_READ:
		return serve_read(p, client, w);
	}
	*w = (struct l4_words){ BAD_REQUEST, 0, 0 };
	return L4_IPC_SHORT_MSG;
}

/* Answers and waits, as a server does; a failed answer (the caller has
 * gone) only means waiting anew. */
static void buffer_thread(struct l4pipe *p)
{
	l4_threadid_t client = L4_NIL_ID;
	uint32_t desc = L4_IPC_NIL_DESCRIPTOR;
	struct l4_words w = { 0, 0, 0 };

	for (;;) {
		uint32_t result = l4_ipc(client, desc, L4_IPC_SHORT_MSG | L4_IPC_DESC_OPEN,
					 ANSWER_TIMEOUTS, &w, &client);

		desc = l4_ipc_error(result) ? L4_IPC_NIL_DESCRIPTOR : serve(p, &client, &w);
	}
}

l4_threadid_t l4pipe_create(struct l4pipe *p, uint32_t lthread)
{
	uint32_t *top = (uint32_t *)(p->stack + sizeof(p->stack));
	struct l4_exregs old;

	memset(p, 0, sizeof(*p));	/* also maps every page before anybody needs it */
	p->msg.size = L4_DOPE(3, 1);
	top[-3] = (uint32_t)p;		/* buffer_thread's argument, above its return address */
	old = l4_lthread_ex_regs(lthread, (uint32_t)buffer_thread, (uint32_t)&top[-4],
				 L4_EXREGS_UNCHANGED, 0);
	p->buffer = old.eflags == L4_EXREGS_FAILED ? L4_NIL_ID : old.id;
	return p->buffer;
}

void l4pipe_destroy(struct l4pipe *p)
{
	bench_thread_delete(p->buffer);
	p->buffer = L4_NIL_ID;
}

/* ---- the writer's and the reader's calls ---------------------------------------------- */

/* Returns the answer's word 0, or BAD_REQUEST on an IPC error. */
static uint32_t pipe_call(l4_threadid_t pipe, uint32_t snd_desc, uint32_t rcv_desc,
			  struct l4_words *w)
{
	if (l4_ipc_error(l4_ipc_call(pipe, snd_desc, rcv_desc, w, L4_TIMEOUT_NEVER)))
		return BAD_REQUEST;
	return w->w0;
}

static uint32_t write_inline(l4_threadid_t pipe, const uint8_t *data, uint32_t n)
{
	struct l4_words w = { n << LENGTH_SHIFT | OP_WRITE_INLINE, 0, 0 };

	pack(&w, data, n);
	return pipe_call(pipe, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w);
}

/* Asks for room, then sends that much as a string. */
static uint32_t write_chunk(l4_threadid_t pipe, const uint8_t *data, uint32_t n)
{
	struct l4_words w = { n << LENGTH_SHIFT | OP_WRITE, 0, 0 };
	struct l4pipe_msg msg = { .size = L4_DOPE(3, 1), .send = L4_DOPE(3, 1) };
	uint32_t granted = pipe_call(pipe, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w);

	if (granted == 0 || granted > n)
		return BAD_REQUEST;
	msg.string = (struct l4_string){ granted, data, 0, NULL };
	return pipe_call(pipe, (uint32_t)&msg, L4_IPC_SHORT_MSG, &w);
}

int32_t l4pipe_write(l4_threadid_t pipe, const void *data, uint32_t n)
{
	const uint8_t *bytes = data;
	uint32_t done = 0;

	while (done < n) {
		uint32_t left = n - done;
		uint32_t k = left <= L4PIPE_INLINE ? write_inline(pipe, bytes + done, left)
						   : write_chunk(pipe, bytes + done, left);

		if (k == 0 || k > left)
			return -1;
		done += k;
	}
	return (int32_t)n;
}

int32_t l4pipe_read(l4_threadid_t pipe, void *data, uint32_t n)
{
	struct l4_words w = { n << LENGTH_SHIFT | OP_READ, 0, 0 };
	struct l4pipe_msg msg = { .size = L4_DOPE(3, 1) };
	uint32_t k;

	if (n <= L4PIPE_INLINE) {
		w.w0 = n << LENGTH_SHIFT | OP_READ_INLINE;
		k = pipe_call(pipe, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w);
		if (k <= n)
			unpack(&w, data, k);
	} else {
		msg.string = (struct l4_string){ 0, NULL, n, data };
		k = pipe_call(pipe, L4_IPC_SHORT_MSG, (uint32_t)&msg, &w);
	}
	return k <= n ? (int32_t)k : -1;
}
