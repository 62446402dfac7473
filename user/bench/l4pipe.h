/* l4pipe.h: a pipe on bare L4 IPC, no Linux server (the paper's "L4 pipe").
 *
 * A buffer thread owns the pipe's bytes; a writer and a reader call it with
 * POSIX-like l4pipe_write and l4pipe_read. Up to L4PIPE_INLINE bytes travel
 * in the message registers, so a one-byte write or read is a short call
 * (the kernel's fast path). A longer write asks for room first and then
 * sends a string straight into the buffer; a longer read gets a string
 * straight from it: each byte is copied twice, as in a kernel's pipe.
 *
 * Blocking is the buffer thread holding back its answer: a read of an empty
 * pipe, a write finding no room, gets it when the other side has moved. One
 * caller of each kind may wait at a time (one writer, one reader). The
 * bytes lie in data[head, tail); both go back to 0 when the pipe empties,
 * so room is what lies behind tail, and a writer finding none waits until
 * the reader has taken everything. */
#pragma once

#include <l4/types.h>
#include <l4/syscalls.h>

#define L4PIPE_SIZE	65536	/* bytes the pipe holds, as a Linux pipe */
#define L4PIPE_INLINE	8	/* bytes that travel in message words 1 and 2 */

/* A memory message of the three register words and one string. */
struct l4pipe_msg {
	l4_fpage_t rcv_window;
	l4_msgdope_t size, send;
	uint32_t words[3];	/* not read: words 0..2 travel in registers */
	struct l4_string string;
};

/* A call the buffer thread holds back, and the request it made. */
struct l4pipe_waiter {
	l4_threadid_t id;	/* nil: nobody waits */
	struct l4_words request;
};

struct l4pipe {
	l4_threadid_t buffer;		/* the buffer thread: the pipe's name */
	uint32_t head, tail;		/* the bytes not read yet are data[head, tail) */
	struct l4pipe_waiter reader;	/* waits for bytes */
	struct l4pipe_waiter writer;	/* waits for room */
	struct l4pipe_msg msg;		/* the buffer thread's strings, in and out */
	uint8_t stack[4096] __attribute__((aligned(16)));
	uint8_t data[L4PIPE_SIZE] __attribute__((aligned(4096)));
};

/* Starts the buffer thread of `pipe` as lthread `lthread` of the caller's
 * task (its pager: the caller's). Returns its id, nil if refused. */
l4_threadid_t l4pipe_create(struct l4pipe *pipe, uint32_t lthread);
void l4pipe_destroy(struct l4pipe *pipe);

/* Writes all n bytes, waiting for room; returns n, or -1 on an IPC error. */
int32_t l4pipe_write(l4_threadid_t pipe, const void *data, uint32_t n);
/* Reads up to n bytes (n > 0), waiting while the pipe is empty; returns
 * how many, or -1 on an IPC error. */
int32_t l4pipe_read(l4_threadid_t pipe, void *data, uint32_t n);
