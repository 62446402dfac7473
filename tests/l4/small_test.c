/* Small address spaces: a task moved into a window above 3 GB runs there
 * with no CR3 load on switches; touching beyond its window promotes it back
 * to a large space; and a thread with a 4 GB TLS segment, in the very
 * directory the window was copied into, reads nothing of it. */
#include "support.h"
#include <l4/kip.h>

static const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;

#define SMALL_64MB_SLOT(n)	((4u << 5) | (n))	/* 4 MB << 4 = 64 MB, slot n */
#define SMALL_WINDOW(n)		(0xc0000000u + (n) * 0x04000000u)
#define SMALL_CS_SELECTOR	0x53			/* kernel/x86/gdt.h: GDT_SMALL_CODE */
#define USER_CS_SELECTOR	0x1b
#define FAR_PAGE		0x10000000u		/* beyond a 64 MB window */

static uint32_t read_cs(void)
{
	uint32_t cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs;
}

static volatile uint32_t far_value = 0x0ddba11;

/* Answers each call with its code segment and the word at w0. */
static void segment_server(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;

	uint32_t r, value;

	(void)unused;
	r = l4_ipc_wait(L4_FPAGE(FAR_PAGE, 12, 0) | L4_IPC_DESC_MAP, &w, NEVER, &client);
	for (;;) {
		if (l4_ipc_error(r)) {	/* e.g. the map-only message: nobody awaits a reply */
			r = l4_ipc_wait(L4_FPAGE(FAR_PAGE, 12, 0) | L4_IPC_DESC_MAP, &w, NEVER,
					&client);
			continue;
		}
		value = w.w0 ? *(volatile uint32_t *)w.w0 : 0;
		w = words(read_cs(), value, 0);
		r = l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG,
					  L4_FPAGE(FAR_PAGE, 12, 0) | L4_IPC_DESC_MAP, &w,
					  l4_timeouts(0, L4_US_NEVER), &client);
	}
}

/* One call to a segment_server; a failed IPC answers with zeros. */
static struct l4_words ask(l4_threadid_t server, uint32_t address)
{
	struct l4_words w = words(address, 0, 0);

	if (l4_ipc_error(l4_ipc_call(server, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
				     l4_timeouts(MS(500), MS(500)))))
		return words(0, 0, 0);
	return w;
}

static l4_threadid_t start_small(uint32_t slot)
{
	l4_threadid_t server = spawn_task(segment_server, 0);

	if (l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) | (SMALL_64MB_SLOT(slot) << 8))
		    .old_param == L4_SCHED_FAILED)
		return L4_NIL_ID;
	return server;
}


KTAP_CASE(small, switch_without_cr3_loads)
{
	l4_threadid_t server = start_small(1);
	struct l4_kernel_counters before;

	if (!EXPECT(server != L4_NIL_ID))
		return;
	EXPECT_EQ(ask(server, (uint32_t)&far_value).w0, SMALL_CS_SELECTOR);
	before = counters_now();
	for (int i = 0; i < 20; i++)
		EXPECT_EQ(ask(server, (uint32_t)&far_value).w1, 0x0ddba11);
	/* none where small spaces borrow the directory, else two per round trip */
	EXPECT_EQ(counters_now().cr3_loads - before.cr3_loads,
		  (kip->flags & L4_KIP_SMALL_NO_CR3) ? 0 : 2 * 20);
	/* windows must lie inside the region: slot * size wrapping around
	 * 4 GB (0xc3: 256 MB slot 3 would be the kernel at 0xf0000000) or
	 * a size class beyond 256 MB is refused */
	EXPECT_EQ(l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) | (0xc3 << 8)).old_param,
		  L4_SCHED_FAILED);
	EXPECT_EQ(l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) | (0xc4 << 8)).old_param,
		  L4_SCHED_FAILED);
	EXPECT_EQ(l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) | (0xe0 << 8)).old_param,
		  L4_SCHED_FAILED);
	EXPECT_EQ(l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) | (0xc2 << 8)).old_param,
		  L4_SCHED_FAILED);	/* 256 MB slot 2 would start at 0xe0000000... */
	EXPECT_EQ(ask(server, (uint32_t)&far_value).w1, 0x0ddba11);	/* ...and nothing changed */
	/* a second small space may not overlap the first one's window */
	EXPECT_EQ(l4_thread_schedule(spawn_task(segment_server, 0),
				     L4_SCHED_PARAM(100, 0) | (SMALL_64MB_SLOT(1) << 8)).old_param,
		  L4_SCHED_FAILED);
	kill_task(server);
}

/* The server gets a page mapped at FAR_PAGE (in its own space, beyond its
 * 64 MB window) and reads it: #GP, promotion, the read succeeds. */
KTAP_CASE(small, promotion_beyond_the_window)
{
	l4_threadid_t server = start_small(2);
	struct l4_words w;

	if (!EXPECT(server != L4_NIL_ID))
		return;
	EXPECT_EQ(ask(server, 0).w0, SMALL_CS_SELECTOR);
	w = words(0, L4_FPAGE((uint32_t)&far_value & ~0xfffu, 12, 1), 0);
	l4_ipc_send(server, L4_IPC_DESC_MAP, &w, l4_timeouts(MS(500), 0));
	l4_sleep(MS(20));
	w = ask(server, FAR_PAGE + ((uint32_t)&far_value & 0xfff));
	EXPECT_EQ(w.w0, USER_CS_SELECTOR);		/* large now */
	EXPECT_EQ(w.w1, 0x0ddba11);
	kill_task(server);
}

/* ---- isolation ---------------------------------------------------------------------- */

static volatile uint32_t probes_done;

/* A thread of the root task (whose directory the victim's window was just
 * copied into, where small spaces borrow the directory) gives itself a 4 GB
 * segment and reads one address above 3 GB with it. It must fault (and
 * stop) rather than read. */
static void wide_probe(uint32_t address)
{
	uint32_t selector = l4_segment_set(0, 0, 0xffffffff, 1), value;

	__asm__ volatile("mov %1, %%fs\n\t"
			 "movl %%fs:(%2), %0"
			 : "=r"(value) : "r"(selector), "r"(address) : "memory");
	(void)value;
	probes_done++;
}

/* The same through the thread's ordinary data segment: its 3 GB limit
 * stops it on a Pentium, and under QEMU (no limit checks) only the absence
 * of the window's directory entries does. */
static void plain_probe(uint32_t address)
{
	(void)*(volatile uint32_t *)address;
	probes_done++;
}

/* The probers' exception handler: counts the fault and its address. */
static volatile uint32_t faults_caught, fault_address;

__asm__(".text\n"
	"count_fault:\n\t"
	"movl 8(%esp), %eax\n\t"
	"movl %eax, fault_address\n\t"
	"incl faults_caught\n\t"
	"call l4_sleep_forever");
void count_fault(void);

static void probe(struct ktap_run *t, l4_threadid_t victim, uint32_t address)
{
	entry_fn probers[2] = { wide_probe, plain_probe };

	for (int i = 0; i < 2; i++) {
		uint32_t before = faults_caught;
		l4_threadid_t prober;

		EXPECT_EQ(ask(victim, 0).w0, SMALL_CS_SELECTOR);	/* its window is in place */
		prober = spawn_thread_handled(probers[i], address, (uint32_t)count_fault, pager_id());
		l4_sleep(MS(10));
		EXPECT_EQ(faults_caught, before + 1);
		kill_thread(prober);
	}
}

KTAP_CASE(small, wide_segment_reads_nothing)
{
	l4_threadid_t victim = start_small(3);
	uint32_t probes = 0, selector;

	if (!EXPECT(victim != L4_NIL_ID))
		return;
	selector = l4_segment_set(0, 0, 0xffffffff, 1);
	EXPECT_EQ(selector, 0x33);		/* GDT entry 6, as Linux's first TLS */
	EXPECT_EQ(l4_segment_set(0, 0, 0, 0), 0x33);
	EXPECT_EQ(l4_segment_set(3, 0, 0, 1), L4_SEGMENT_FAILED);
	probes_done = 0;
	for (uint32_t a = 0xc0000000u; a < 0xe0000000u; a += 0x400000, probes++)
		probe(t, victim, a + 0x1000 * (probes % 1024));
	/* the victim's own pages: its code, and the page it reads from */
	probe(t, victim, SMALL_WINDOW(3) + ((uint32_t)segment_server & ~0xfffu));
	probe(t, victim, SMALL_WINDOW(3) + ((uint32_t)&far_value & ~0xfffu));
	probe(t, victim, SMALL_WINDOW(3) + (uint32_t)&far_value);
	EXPECT_EQ(probes_done, 0);
	EXPECT_EQ(probes, 128);
	kill_task(victim);
}

/* The shape of a Linux system call: a thread with a 4 GB TLS segment calls
 * a server in a small space. Both directions take the IPC fast path, and
 * right after the reply the caller's wide segment still reads nothing of
 * the server's window. */
static void short_echo(uint32_t unused)
{
	struct l4_words w;
	l4_threadid_t client;

	(void)unused;
	l4_ipc_wait(L4_IPC_SHORT_MSG, &w, NEVER, &client);
	for (;;)
		l4_ipc_reply_and_wait(client, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER,
				      &client);
}

static volatile l4_threadid_t tls_server;
static volatile uint32_t tls_fast_ipcs, tls_echoes;

static void tls_caller(uint32_t address)
{
	uint32_t selector = l4_segment_set(0, 0, 0xffffffff, 1), value;
	struct l4_kernel_counters before;
	struct l4_words w = words(7, 8, 9);

	l4_ipc_call(tls_server, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w, NEVER);	/* warm up */
	before = counters_now();
	for (int i = 0; i < 10; i++) {
		w = words(i, 0, 0);
		if (!l4_ipc_error(l4_ipc_call(tls_server, L4_IPC_SHORT_MSG, L4_IPC_SHORT_MSG, &w,
					      NEVER)) && w.w0 == (uint32_t)i)
			tls_echoes++;
	}
	tls_fast_ipcs = counters_now().fast_ipcs - before.fast_ipcs;
	__asm__ volatile("mov %1, %%fs\n\t"
			 "movl %%fs:(%2), %0"
			 : "=r"(value) : "r"(selector), "r"(address) : "memory");
	(void)value;
	probes_done++;
}

KTAP_CASE(small, tls_caller_and_small_server_on_the_fast_path)
{
	l4_threadid_t server = spawn_task(short_echo, 0), caller;
	uint32_t faults = faults_caught;

	if (!EXPECT(l4_thread_schedule(server, L4_SCHED_PARAM(100, 0) |
					       (SMALL_64MB_SLOT(4) << 8)).old_param !=
		    L4_SCHED_FAILED))
		return;
	tls_server = server;
	tls_echoes = tls_fast_ipcs = probes_done = 0;
	caller = spawn_thread_handled(tls_caller, SMALL_WINDOW(4) + ((uint32_t)short_echo & ~0xfffu),
				      (uint32_t)count_fault, pager_id());
	l4_sleep(MS(20));
	EXPECT_EQ(tls_echoes, 10);
	EXPECT_EQ(tls_fast_ipcs, 20);
	EXPECT_EQ(faults_caught, faults + 1);
	EXPECT_EQ(probes_done, 0);
	kill_thread(caller);
	kill_task(server);
}
