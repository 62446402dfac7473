/* The message transfer, performed by the sender while the receiver is
 * locked: register words, memory words, strings (copied once, straight from
 * the sender's space into the receiver's) and map items.
 *
 * Error codes here are receive-side (RE*); the sender gets the same code
 * with L4_IPC_SEND_ERROR set. */
#include "ipc.h"
#include "ioport.h"
#include "map.h"
#include "pagefault.h"
#include "sched.h"
#include "space.h"
#include "timeout.h"

#define MSG_HEADER_WORDS 3	/* rcv_window, size, send */
#define STRING_DOPE_WORDS 4	/* snd_size, snd_str, rcv_size, rcv_str */
#define REGISTER_WORDS 3

/* One side of the transfer as seen from the kernel. */
struct msg_side {
	uint32_t buffer;	/* user address of struct l4_msg, 0 if registers only */
	uint32_t words;		/* words sent / capacity for words (>= 3) */
	uint32_t strings;	/* strings sent / capacity for strings */
	uint32_t window;	/* receive window fpage, 0 if none */
};

/* The receiver asks its own pager for a page the sender could not write or
 * read on its side, then hands back to the sender. */
void ipc_serve_partner_fault(struct tcb *r)
{
	struct tcb *s = r->ipc.locked_with;

	r->ipc.fault_pending = false;
	if (!pagefault_resolve(r, r->ipc.fault_address, r->ipc.fault_write, r->ipc.fault_timeout))
		r->ipc.fault_failed = true;
	if (r->partner_lost || r->cancel_pending || !s || s->ipc.locked_with != r ||
	    s->state != THREAD_SEND_LOCKED) {
		ipc_release_partner(r);		/* wakes the sender if it still waits */
		if (r->ipc.result == IPC_PENDING)
			r->ipc.result = L4_IPC_REABORTED;
		return;
	}
	r->state = THREAD_RECV_LOCKED;
	thread_wake(s);
	switch_to(s);
}

/* A page the copy needs is missing in `f->space`; have it mapped by the
 * pager of the side that owns it. Returns 0 or an RE* error. */
static uint32_t resolve_fault(struct tcb *s, struct tcb *r, const struct copy_fault *f)
{
	if (f->space == s->space) {
		if (!pagefault_resolve(s, f->address, f->write, timeout_receive_pf(r->ipc.timeouts)))
			return s->partner_lost || s->cancel_pending ? L4_IPC_REABORTED
								    : L4_IPC_RESNDPFTO;
	} else {
		r->ipc.fault_address = f->address;
		r->ipc.fault_write = f->write;
		r->ipc.fault_timeout = timeout_send_pf(s->ipc.timeouts);
		r->ipc.fault_pending = true;
		r->ipc.fault_failed = false;
		thread_wake(r);
		s->state = THREAD_SEND_LOCKED;
		switch_to(r);
		if (s->partner_lost || s->cancel_pending)
			return L4_IPC_REABORTED;
		if (r->ipc.fault_failed)
			return L4_IPC_RERCVPFTO;
	}
	return s->partner_lost || s->cancel_pending ? L4_IPC_REABORTED : 0;
}

/* space_copy that resolves missing pages on either side. */
static uint32_t copy(struct tcb *s, struct tcb *r, struct space *dst_space, uint32_t dst,
		     struct space *src_space, uint32_t src, uint32_t len)
{
	uint32_t done = 0;

	while (done < len) {
		struct copy_fault fault;
		uint32_t error;

		done += space_copy(dst_space, dst + done, src_space, src + done, len - done, &fault);
		if (done == len)
			break;
		error = resolve_fault(s, r, &fault);
		if (error)
			return error;
	}
	return 0;
}

static uint32_t read_user(struct tcb *s, struct tcb *r, struct tcb *owner, uint32_t address,
			  void *buf, uint32_t len)
{
	if (!user_range_ok(address, len))
		return owner == s ? L4_IPC_RESNDPFTO : L4_IPC_RERCVPFTO;
	return copy(s, r, NULL, (uint32_t)buf, owner->space, address, len);
}

/* Reads the struct l4_msg header a descriptor points to. */
static uint32_t read_side(struct tcb *s, struct tcb *r, struct tcb *owner, uint32_t desc,
			  bool sending, struct msg_side *side)
{
	uint32_t header[MSG_HEADER_WORDS], error, dope;

	side->buffer = desc & ~L4_IPC_DESC_FLAGS;
	side->words = REGISTER_WORDS;
	side->strings = 0;
	side->window = 0;
	if (!sending && (desc & L4_IPC_DESC_MAP)) {
		side->window = side->buffer;	/* register form: the descriptor is the window */
		side->buffer = 0;
		return 0;
	}
	if (!side->buffer)
		return 0;
	error = read_user(s, r, owner, side->buffer, header, sizeof(header));
	if (error)
		return error;
	dope = sending ? header[2] : header[1];
	side->words = L4_DOPE_WORDS(dope) > REGISTER_WORDS ? L4_DOPE_WORDS(dope) : REGISTER_WORDS;
	side->strings = L4_DOPE_STRINGS(dope);
	side->window = sending ? 0 : header[0];
	return 0;
}

static uint32_t word_address(const struct msg_side *side, uint32_t i)
{
	return side->buffer + (MSG_HEADER_WORDS + i) * 4;
}

/* Sender's buffer: its own size.words places the string dopes. */
static uint32_t string_dope_address(struct tcb *s, struct tcb *r, struct tcb *owner,
				    const struct msg_side *side, uint32_t i, uint32_t *address)
{
	uint32_t size_dope, error = read_user(s, r, owner, side->buffer + 4, &size_dope, 4);

	*address = word_address(side, L4_DOPE_WORDS(size_dope) + i * STRING_DOPE_WORDS);
	return error;
}

static uint32_t transfer_words(struct tcb *s, struct tcb *r, const struct msg_side *snd,
			       const struct msg_side *rcv, uint32_t count)
{
	for (int i = 0; i < REGISTER_WORDS; i++)
		r->ipc.words[i] = s->ipc.words[i];
	if (count <= REGISTER_WORDS)
		return 0;
	if (!user_range_ok(word_address(rcv, REGISTER_WORDS), (count - REGISTER_WORDS) * 4))
		return L4_IPC_RERCVPFTO;
	if (!user_range_ok(word_address(snd, REGISTER_WORDS), (count - REGISTER_WORDS) * 4))
		return L4_IPC_RESNDPFTO;
	return copy(s, r, r->space, word_address(rcv, REGISTER_WORDS), s->space,
		    word_address(snd, REGISTER_WORDS), (count - REGISTER_WORDS) * 4);
}

/* One string: data straight between the spaces, then the received length
 * into the receiver's dope. Sets *cut if the receive buffer was too small. */
static uint32_t transfer_string(struct tcb *s, struct tcb *r, const struct msg_side *snd,
				const struct msg_side *rcv, uint32_t i, bool *cut)
{
	uint32_t sd_addr, rd_addr, sd[STRING_DOPE_WORDS], rd[STRING_DOPE_WORDS], len, error;

	if ((error = string_dope_address(s, r, s, snd, i, &sd_addr)) ||
	    (error = string_dope_address(s, r, r, rcv, i, &rd_addr)) ||
	    (error = read_user(s, r, s, sd_addr, sd, sizeof(sd))) ||
	    (error = read_user(s, r, r, rd_addr, rd, sizeof(rd))))
		return error;
	len = sd[0] < rd[2] ? sd[0] : rd[2];
	*cut |= sd[0] > rd[2];
	if (!user_range_ok(sd[1], len))
		return L4_IPC_RESNDPFTO;
	if (!user_range_ok(rd[3], len))
		return L4_IPC_RERCVPFTO;
	error = copy(s, r, r->space, rd[3], s->space, sd[1], len);
	if (error)
		return error;
	return copy(s, r, r->space, rd_addr, NULL, (uint32_t)&len, 4);
}

/* Word i of the sender's message: registers first, then its buffer. */
static uint32_t send_word(struct tcb *s, struct tcb *r, const struct msg_side *snd, uint32_t i,
			  uint32_t *word)
{
	if (i < REGISTER_WORDS) {
		*word = s->ipc.words[i];
		return 0;
	}
	return read_user(s, r, s, word_address(snd, i), word, 4);
}

/* One map item into the receiver's window: I/O ports or memory. */
static uint32_t map_item(struct tcb *s, struct tcb *r, uint32_t base, l4_fpage_t fpage,
			 l4_fpage_t window)
{
	if (L4_IS_IO_FPAGE(fpage))
		return io_map(s->task, fpage, r->task, window, fpage & L4_FPAGE_GRANT);
	return map_fpage(s->space, base, fpage, r->space, window);
}

/* Map items: pairs (send base, fpage) from word 0 on, until a nil fpage.
 * Without a receive window they are dropped. */
static uint32_t transfer_map_items(struct tcb *s, struct tcb *r, const struct msg_side *snd,
				   const struct msg_side *rcv, uint32_t *flags)
{
	for (uint32_t i = 0; i + 1 < snd->words; i += 2) {
		uint32_t base, fpage, error;

		if (i / 2 == L4_MAP_ITEMS_MAX)
			return L4_IPC_REMSGCUT;	/* bounds the time one IPC can take */
		if ((error = send_word(s, r, snd, i, &base)) ||
		    (error = send_word(s, r, snd, i + 1, &fpage)))
			return error;
		if (!fpage)
			break;
		if (!rcv->window)
			continue;
		if ((error = map_item(s, r, base, fpage, rcv->window)))
			return error;
		*flags |= L4_DOPE_FPAGE_RECEIVED;
	}
	return 0;
}

/* Registers only on both sides, as page faults and most calls are: the
 * three words and, if the sender says so, the map item in words 0 and 1.
 * What the general path does for such a message, without its reads. */
static uint32_t transfer_registers(struct tcb *s, struct tcb *r, uint32_t window,
				  uint32_t *dope)
{
	uint32_t base = s->ipc.words[0], fpage = s->ipc.words[1], error;

	for (int i = 0; i < REGISTER_WORDS; i++)
		r->ipc.words[i] = s->ipc.words[i];
	*dope = L4_DOPE(REGISTER_WORDS, 0);
	if (!(s->ipc.snd_desc & L4_IPC_DESC_MAP) || !fpage || !window)
		return 0;
	error = map_item(s, r, base, fpage, window);
	if (!error)
		*dope |= L4_DOPE_FPAGE_RECEIVED;
	return error;
}

uint32_t ipc_transfer(struct tcb *s, struct tcb *r, uint32_t *dope)
{
	struct msg_side snd, rcv;
	uint32_t words, strings, flags = 0, error;
	uint32_t rcv_desc = r->ipc.rcv_desc;
	bool cut;

	if (!(s->ipc.snd_desc & ~L4_IPC_DESC_FLAGS) &&
	    ((rcv_desc & L4_IPC_DESC_MAP) || !(rcv_desc & ~L4_IPC_DESC_FLAGS)))
		return transfer_registers(s, r,
					  rcv_desc & L4_IPC_DESC_MAP ? rcv_desc & ~L4_IPC_DESC_FLAGS
								     : 0, dope);
	if ((error = read_side(s, r, s, s->ipc.snd_desc, true, &snd)) ||
	    (error = read_side(s, r, r, r->ipc.rcv_desc, false, &rcv)))
		return error;
	words = snd.words < rcv.words ? snd.words : rcv.words;
	strings = snd.strings < rcv.strings ? snd.strings : rcv.strings;
	cut = snd.words > rcv.words || snd.strings > rcv.strings;
	error = transfer_words(s, r, &snd, &rcv, words);
	for (uint32_t i = 0; !error && i < strings; i++)
		error = transfer_string(s, r, &snd, &rcv, i, &cut);
	if (!error && (s->ipc.snd_desc & L4_IPC_DESC_MAP))
		error = transfer_map_items(s, r, &snd, &rcv, &flags);
	*dope = L4_DOPE(words, strings) | flags;
	if (error)
		return error;
	return cut ? L4_IPC_REMSGCUT : 0;
}
