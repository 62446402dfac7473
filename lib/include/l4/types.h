/* l4/types.h: the data types of the Tessera L4 interface, shared by the
 * kernel, libraries, servers and tests. lib/ABI.md documents how they travel
 * in registers. The semantics follow the L4 version-2 interface (L4/x86
 * reference manual); encodings are Tessera's where ids are 32 bits.
 *
 * This header is also read by nasm (through tools/h2inc.sh): only #define
 * lines outside the __ASSEMBLER__ block are shared with assembly. */
#pragma once

/* ---- thread ids ----------------------------------------------------------
 *
 *   31    27 26        17 16      12 11         0
 *  +--------+------------+----------+------------+
 *  |  0     |  task (10) | lthread  | version(12)|
 *  +--------+------------+----------+------------+
 *
 * Bits 12..26 are the thread number, so the TCB of id X is at
 * TCB_AREA_BASE + (X & L4_THREAD_NUMBER_MASK): one and, one add. All
 * threads of a task share the task's version, which changes when the task
 * is deleted and created again; a stale id no longer matches its TCB. */
#define L4_VERSION_BITS		12
#define L4_LTHREAD_BITS		5
#define L4_TASK_BITS		10
#define L4_LTHREAD_SHIFT	12
#define L4_TASK_SHIFT		17
#define L4_VERSION_MASK		0x00000fff
#define L4_LTHREAD_MASK		0x0001f000
#define L4_TASK_MASK		0x07fe0000
#define L4_THREAD_NUMBER_MASK	0x07fff000
#define L4_TASKS		1024
#define L4_LTHREADS		32
#define L4_TCB_SIZE		0x1000	/* one page: TCB and kernel stack */

#define L4_NIL_ID		0x00000000
/* Interrupt n (0..15) sends as the pseudo thread n + 1 (task 0, lthread 0). */
#define L4_IRQ_ID(n)		((n) + 1)

/* ---- IPC descriptors (eax: send, ebp: receive) --------------------------- */
#define L4_IPC_NIL_DESCRIPTOR	0xffffffff	/* no send / no receive phase */
#define L4_IPC_SHORT_MSG	0x00000000	/* registers only */
#define L4_IPC_DESC_MAP		0x00000002	/* send: words 0,1 are a map item;
						   receive: descriptor is a window fpage */
#define L4_IPC_DESC_OPEN	0x00000001	/* receive: from any sender */
#define L4_IPC_DESC_FLAGS	0x00000003	/* else: address of a struct l4_msg */

/* ---- message dope (counts and result) ------------------------------------
 * bits 13..31 words, 8..12 strings, 4..7 error code, 1 map item received. */
#define L4_DOPE_WORDS_SHIFT	13
#define L4_DOPE_STRINGS_SHIFT	8
#define L4_DOPE_STRINGS_MASK	0x00001f00
#define L4_DOPE_ERROR_MASK	0x000000f0
#define L4_DOPE_FPAGE_RECEIVED	0x00000002
#define L4_DOPE(words, strings)	(((words) << L4_DOPE_WORDS_SHIFT) | ((strings) << L4_DOPE_STRINGS_SHIFT))
#define L4_DOPE_WORDS(d)	((d) >> L4_DOPE_WORDS_SHIFT)
#define L4_DOPE_STRINGS(d)	(((d) & L4_DOPE_STRINGS_MASK) >> L4_DOPE_STRINGS_SHIFT)

/* IPC error codes (result & L4_DOPE_ERROR_MASK). Odd multiples of 0x10 are
 * send-phase errors (SE*), even ones receive-phase errors (RE*). */
#define L4_IPC_OK		0x00
#define L4_IPC_ENOT_EXISTENT	0x10	/* partner does not exist (send or closed receive) */
#define L4_IPC_RETIMEOUT	0x20
#define L4_IPC_SETIMEOUT	0x30
#define L4_IPC_RECANCELED	0x40	/* lthread_ex_regs cancelled the waiting thread */
#define L4_IPC_SECANCELED	0x50
#define L4_IPC_REMAPFAILED	0x60
#define L4_IPC_SEMAPFAILED	0x70
#define L4_IPC_RESNDPFTO	0x80	/* page-fault timeout in the sender's space */
#define L4_IPC_SESNDPFTO	0x90
#define L4_IPC_RERCVPFTO	0xa0	/* page-fault timeout in the receiver's space */
#define L4_IPC_SERCVPFTO	0xb0
#define L4_IPC_REABORTED	0xc0	/* transfer aborted (ex_regs or partner died) */
#define L4_IPC_SEABORTED	0xd0
#define L4_IPC_REMSGCUT		0xe0	/* message longer than the receive buffer */
#define L4_IPC_SEMSGCUT		0xf0
#define L4_IPC_SEND_ERROR	0x10	/* set in every send-phase error */

/* ---- timeouts (ecx) ------------------------------------------------------
 * A timeout is m * 4^(15 - e) microseconds. e = 0 means never; m = 0 with
 * e != 0 means zero (do not wait). Page-fault timeouts have only an exponent
 * p: p = 0 never, p = 15 zero, else 4^(15 - p) microseconds.
 *   bits 24..31 send mantissa, 16..23 receive mantissa,
 *   12..15 send page-fault exponent, 8..11 receive page-fault exponent,
 *   4..7 send exponent, 0..3 receive exponent. */
#define L4_TIMEOUT(snd_m, snd_e, rcv_m, rcv_e, snd_pf, rcv_pf)			\
	(((snd_m) << 24) | ((rcv_m) << 16) | ((snd_pf) << 12) | ((rcv_pf) << 8) |	\
	 ((snd_e) << 4) | (rcv_e))
#define L4_TIMEOUT_NEVER	0x00000000
#define L4_PF_TIMEOUT_ZERO	15

/* ---- flexpages -------------------------------------------------------------
 * A region of 2^size bytes aligned to its size:
 *   bits 12..31 base page, 2..7 log2 size (12..32), 1 writable, 0 grant
 * (in a map item: move the pages instead of sharing them).
 * A map item is two words: a send base (the "hot spot" that picks the part
 * of a larger flexpage, or the position in a larger window) and a fpage. */
#define L4_FPAGE(base, log2size, writable)					\
	(((base) & 0xfffff000) | ((log2size) << 2) | ((writable) ? 2 : 0))
#define L4_FPAGE_WRITE		0x2
#define L4_FPAGE_GRANT		0x1
#define L4_FPAGE_BASE(f)	((f) & 0xfffff000)
#define L4_FPAGE_SIZE_LOG2(f)	(((f) >> 2) & 0x3f)
#define L4_WHOLE_SPACE		L4_FPAGE(0, 32, 1)
/* Tessera's addition, in a receive window: what arrives is mapped in 4 KB
 * pages, never as 4 MB ones, so that each page can later be unmapped by
 * itself (revoking part of a superpage looks at everything mapped from
 * it). The Linux server takes its memory from sigma0 so. */
#define L4_FPAGE_SMALL_PAGES	0x100
/* An I/O flexpage: ports [port, port + 2^log2size), port aligned to the
 * size, log2size 0..16. It travels in map items like a memory fpage and is
 * received by a window that is the whole space or an I/O fpage covering it. */
#define L4_IO_FPAGE(port, log2size) (0xf0000000u | ((port) << 12) | ((log2size) << 2))
#define L4_IS_IO_FPAGE(f)	(((f) & 0xf0000000u) == 0xf0000000u)
#define L4_IO_FPAGE_PORT(f)	(((f) >> 12) & 0xffff)
#define L4_IO_PORTS		0x10000
#define L4_MAP_ITEMS_MAX	32	/* per message; more is a cut message */
#define L4_PAGE_SIZE_LOG2	12

/* ---- fpage_unmap (ecx: map mask) ----------------------------------------- */
#define L4_UNMAP_FLUSH		0x00000002	/* remove all access; else only write */
#define L4_UNMAP_ALL_SPACES	0x80000000	/* the caller's own mapping too */

/* ---- lthread_ex_regs (eax flags) ----------------------------------------- */
#define L4_EXREGS_LTHREAD_MASK	0x0000001f
#define L4_EXREGS_DELETE	0x80000000	/* delete the thread (frees its TCB) */
#define L4_EXREGS_UNCHANGED	0xffffffff	/* ecx/edx/esi/edi: keep this value */
#define L4_EXREGS_FAILED	0xffffffff	/* eax on return: no such thread */

/* ---- thread_schedule (param word) -----------------------------------------
 * bits 0..7 priority, 8..15 small-space slot (memory issue), 16..31 time
 * slice in milliseconds (0: unchanged). L4_SCHED_UNCHANGED only reads. */
#define L4_SCHED_PRIORITY(p)	((p) & 0xff)
#define L4_SCHED_SLICE_MS(p)	((p) >> 16)
#define L4_SCHED_PARAM(prio, slice_ms) (((slice_ms) << 16) | (prio))
/* Bits 15..8: move the thread's task into small space `slot` of size
 * 4 MB << size_class (lib/ABI.md, thread_schedule). */
#define L4_SCHED_SMALL(size_class, slot) ((((size_class) << 5) | (slot)) << 8)
#define L4_SCHED_UNCHANGED	0xffffffff
#define L4_SCHED_FAILED		0xffffffff
#define L4_PRIORITIES		256

/* thread states reported by thread_schedule (edx on return) */
#define L4_STATE_RUNNING	0
#define L4_STATE_SENDING	1
#define L4_STATE_RECEIVING	2
#define L4_STATE_DEAD		3
#define L4_STATE_HALTED		4	/* stopped: an exception, or never started */

/* The message a pager gets when its thread is stopped by an exception
 * (lib/ABI.md): word 0 tags it (an address no page fault can have). */
#define L4_EXCEPTION_MSG(vector) (0xffff0000u | ((vector) << 4))
#define L4_IS_EXCEPTION_MSG(w0)	 (((w0) & 0xffff000fu) == 0xffff0000u)
/* A pager's answer to a page fault that maps nothing and sends the fault
 * to the thread's exception handler instead (as #PF with its address). */
#define L4_PAGEFAULT_REFLECT	 0xfffffff0u
#define L4_EXCEPTION_VECTOR(w0)	 (((w0) >> 4) & 0xff)

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint32_t l4_threadid_t;
typedef uint32_t l4_fpage_t;
typedef uint32_t l4_timeout_t;
typedef uint32_t l4_msgdope_t;

static inline uint32_t l4_task_of(l4_threadid_t id)
{
	return (id & L4_TASK_MASK) >> L4_TASK_SHIFT;
}

static inline uint32_t l4_lthread_of(l4_threadid_t id)
{
	return (id & L4_LTHREAD_MASK) >> L4_LTHREAD_SHIFT;
}

static inline uint32_t l4_version_of(l4_threadid_t id)
{
	return id & L4_VERSION_MASK;
}

static inline l4_threadid_t l4_make_id(uint32_t task, uint32_t lthread, uint32_t version)
{
	return (task << L4_TASK_SHIFT) | (lthread << L4_LTHREAD_SHIFT) | (version & L4_VERSION_MASK);
}

static inline int l4_same_task(l4_threadid_t a, l4_threadid_t b)
{
	return ((a ^ b) & (L4_TASK_MASK | L4_VERSION_MASK)) == 0;
}

static inline uint32_t l4_ipc_error(l4_msgdope_t result)
{
	return result & L4_DOPE_ERROR_MASK;
}

/* A string item: what to send (snd_*) and where to receive (rcv_*). */
struct l4_string {
	uint32_t snd_size;
	const void *snd_str;
	uint32_t rcv_size;
	void *rcv_str;
};

/* A memory message. Words 0..2 always travel in edx, ebx, edi; their slots
 * here are not read. The string items follow the size.words word slots:
 * strings(m) == (struct l4_string *)&m->words[L4_DOPE_WORDS(m->size)]. */
struct l4_msg {
	l4_fpage_t rcv_window;	/* receive window for map items */
	l4_msgdope_t size;	/* capacity: words and strings this buffer holds */
	l4_msgdope_t send;	/* words and strings to send */
	uint32_t words[];
};

static inline struct l4_string *l4_msg_strings(struct l4_msg *m)
{
	return (struct l4_string *)&m->words[L4_DOPE_WORDS(m->size)];
}
#endif
