/* Exceptions of user threads: reflected to the thread's handler with the
 * right vector, error code, address and eip; without a usable handler the
 * thread stops and its pager is told. Hostile instructions from user mode
 * (every int N, privileged instructions, kernel selectors, writes to kernel
 * memory) all end up here, never in a kernel fault. */
#include "support.h"
#include <l4/kip.h>
#include <l4/sigma0.h>

static int is_syscall_vector(uint32_t n)
{
#define L4_CASE(NAME, vector, handler) case vector:
	switch (n) {
	L4_SYSCALLS(L4_CASE)
		return 1;
	}
#undef L4_CASE
	return 0;
}

static volatile uint32_t seen_vector, seen_error, seen_address, seen_eip, seen_count;
static volatile uint32_t resume_at;

/* The handler: records the frame (lib/ABI.md), continues at resume_at. */
__asm__(".text\n"
	"record_exception:\n\t"
	"pushl %eax\n\t"
	"movl 4(%esp), %eax\n\t"
	"movl %eax, seen_vector\n\t"
	"movl 8(%esp), %eax\n\t"
	"movl %eax, seen_error\n\t"
	"movl 12(%esp), %eax\n\t"
	"movl %eax, seen_address\n\t"
	"movl 16(%esp), %eax\n\t"
	"movl %eax, seen_eip\n\t"
	"incl seen_count\n\t"
	"movl resume_at, %eax\n\t"
	"movl %eax, 16(%esp)\n\t"
	"popl %eax\n\t"
	"addl $12, %esp\n\t"
	"iret");
void record_exception(void);

struct expectation {
	uint32_t vector, error, address;
	volatile uint32_t ok, count;
};

static uint8_t code[4096] __attribute__((aligned(4096)));

/* Runs `int n` from a code buffer: CD n C3; the handler resumes at the ret. */
static void int_n(uint32_t n)
{
	code[0] = 0xcd;
	code[1] = (uint8_t)n;
	code[2] = 0xc3;
	resume_at = (uint32_t)&code[2];
	((void (*)(void))code)();
}

static volatile uint32_t int_mismatches, int_probes;

/* Every int N that is not a system call: #GP, error N*8+2 (IDT, not
 * present for user mode), at the int instruction. */
static void every_int(uint32_t unused)
{
	(void)unused;
	for (uint32_t n = 0; n < 256; n++) {
		if (is_syscall_vector(n))
			continue;
		seen_count = 0;
		int_n(n);
		int_probes++;
		if (seen_count != 1 || seen_vector != 13 || seen_error != n * 8 + 2 ||
		    seen_eip != (uint32_t)code)
			int_mismatches++;
	}
}

static l4_threadid_t with_handler(entry_fn fn, uint32_t arg, uint32_t handler, l4_threadid_t pager)
{
	return spawn_thread_handled(fn, arg, handler, pager);
}

KTAP_CASE(exception, every_int_n_is_a_gp_to_the_handler)
{
	l4_threadid_t th;

	int_mismatches = int_probes = 0;
	th = with_handler(every_int, 0, (uint32_t)record_exception, pager_id());
	l4_sleep(MS(50));
	EXPECT(int_probes >= 256 - 16);
	EXPECT_EQ(int_mismatches, 0);
	kill_thread(th);
}

/* int $0x80 has an entry of its own (kernel/x86/reflect_fast.asm); when
 * the frame's pages are not mapped yet it takes the general path, which asks
 * the pager (sigma0 maps free RAM at its address). The frame must be the
 * same either way: here it straddles two fresh pages. */
#define FRESH_STACK	0x03801008u	/* 56 MB + 4 KB + 8: free RAM sigma0 maps 1:1 */

static volatile uint32_t fresh_int_eip, fresh_done;

static void int80_on_fresh_stack(uint32_t unused)
{
	(void)unused;
	seen_count = 0;
	__asm__ volatile("movl %%esp, %%ebx\n\t"
			 "movl %[sp], %%esp\n\t"
			 "movl $1f, resume_at\n\t"
			 "movl $2f, fresh_int_eip\n\t"
			 "2: int $0x80\n\t"
			 "1: movl %%ebx, %%esp"
			 : : [sp] "i"(FRESH_STACK) : "ebx", "memory");
	fresh_done = 1;
	l4_sleep_forever();
}

KTAP_CASE(exception, int80_frame_on_unmapped_stack_pages)
{
	l4_threadid_t th;

	fresh_done = 0;
	th = with_handler(int80_on_fresh_stack, 0, (uint32_t)record_exception, L4_SIGMA0_ID);
	l4_sleep(MS(50));
	EXPECT_EQ(fresh_done, 1);
	EXPECT_EQ(seen_count, 1);
	EXPECT_EQ(seen_vector, 13);
	EXPECT_EQ(seen_error, 0x402);
	EXPECT_EQ(seen_eip, fresh_int_eip);
	kill_thread(th);
}

/* One instruction each: vector, error code, fault address. */
static volatile uint32_t case_index;
static volatile uint32_t results[16][4];

#define PROBE(insn, ...) do {							\
		seen_count = 0;							\
		__asm__ volatile("movl $1f, %0\n\t" insn "\n1:" : "=m"(resume_at) : __VA_ARGS__); \
		results[case_index][0] = seen_count;				\
		results[case_index][1] = seen_vector;				\
		results[case_index][2] = seen_error;				\
		results[case_index][3] = seen_address;				\
		case_index++;							\
	} while (0)

static void hostile_instructions(uint32_t unused)
{
	(void)unused;
	case_index = 0;
	PROBE("ud2", "i"(0));						/* 0 */
	PROBE("int $0x80", "i"(0));					/* 1 */
	PROBE("cli", "i"(0));						/* 2 */
	PROBE("hlt", "i"(0));						/* 3 */
	PROBE("mov %%eax, %%cr3", "a"(0));				/* 4 */
	PROBE("inb %%dx, %%al", "d"(0x60) : "eax");			/* 5 */
	PROBE("lgdt (%%eax)", "a"(code));				/* 6 */
	PROBE("mov %%ax, %%ds", "a"(0x10));				/* 7: kernel data */
	PROBE("movl $1, (%%eax)", "a"(0xf0100000));			/* 8: kernel memory */
	PROBE("xorl %%edx, %%edx\n\tdivl %%edx", "i"(0) : "eax", "edx");	/* 9 */
	PROBE("int3", "i"(0));						/* 10 */
}

KTAP_CASE(exception, hostile_instructions_are_reflected)
{
	l4_threadid_t th = with_handler(hostile_instructions, 0, (uint32_t)record_exception,
				       pager_id());
	static const uint32_t gp_zero[] = { 2, 3, 4, 5, 6 };

	l4_sleep(MS(50));
	if (!EXPECT_EQ(case_index, 11)) {
		kill_thread(th);
		return;
	}
	for (int i = 0; i < 11; i++)
		EXPECT_EQ(results[i][0], 1);
	EXPECT_EQ(results[0][1], 6);			/* #UD */
	EXPECT_EQ(results[1][1], 13);			/* int $0x80: #GP 0x402 */
	EXPECT_EQ(results[1][2], 0x402);
	for (unsigned i = 0; i < sizeof(gp_zero) / sizeof(gp_zero[0]); i++) {
		EXPECT_EQ(results[gp_zero[i]][1], 13);
		EXPECT_EQ(results[gp_zero[i]][2], 0);
	}
	EXPECT_EQ(results[7][1], 13);			/* a kernel selector */
	EXPECT_EQ(results[7][2], 0x10);
	/* kernel memory: beyond the 3 GB segment (#GP) or, where limits are not
	 * checked, a protection fault on a supervisor page (#PF, address) */
	EXPECT(results[8][1] == 13 || (results[8][1] == 14 && results[8][3] == 0xf0100000));
	EXPECT_EQ(results[9][1], 0);			/* #DE */
	EXPECT_EQ(results[10][1], 13);			/* int3 through a DPL 0 gate */
	EXPECT_EQ(results[10][2], 3 * 8 + 2);
	kill_thread(th);
}

/* Without a pager, page faults go to the handler, with the address. */
static void read_unmapped(uint32_t unused)
{
	(void)unused;
	case_index = 0;
	PROBE("movl (%%eax), %%eax", "a"(0x70000123));
	PROBE("movl $1, (%%eax)", "a"(L4_KIP_ADDRESS));	/* read-only page */
}

KTAP_CASE(exception, page_faults_without_pager)
{
	l4_threadid_t th = with_handler(read_unmapped, 0, (uint32_t)record_exception, L4_NIL_ID);

	l4_sleep(MS(20));
	EXPECT_EQ(case_index, 2);
	EXPECT_EQ(results[0][1], 14);
	EXPECT_EQ(results[0][2], 4);			/* user read, not present */
	EXPECT_EQ(results[0][3], 0x70000123);
	EXPECT_EQ(results[1][1], 14);
	EXPECT_EQ(results[1][2], 7);			/* user write, present */
	EXPECT_EQ(results[1][3], L4_KIP_ADDRESS);
	kill_thread(th);
}

static void undefined_instruction(uint32_t unused)
{
	(void)unused;
	__asm__ volatile("ud2");
	seen_count = 99;		/* never reached */
}

/* No handler, or one in kernel space: stopped, and the pager is told. */
KTAP_CASE(exception, no_usable_handler_stops_and_tells_the_pager)
{
	uint32_t handlers[2] = { 0, 0xf0100000 };

	for (int i = 0; i < 2; i++) {
		uint32_t told = pager_exceptions();
		l4_threadid_t th;

		seen_count = 0;
		th = with_handler(undefined_instruction, 0, handlers[i], pager_id());
		l4_sleep(MS(20));
		EXPECT_EQ(l4_thread_schedule(th, L4_SCHED_UNCHANGED).state, L4_STATE_HALTED);
		EXPECT_EQ(pager_exceptions(), told + 1);
		EXPECT_EQ(seen_count, 0);
		kill_thread(th);
	}
}

/* A thread clears the TLS descriptor its fs still holds: the kernel loads
 * the null selector instead on the way out (no kernel fault), and the
 * thread goes on. */
static volatile uint32_t fs_after, survived;

static void clear_own_tls(uint32_t unused)
{
	uint32_t selector = l4_segment_set(0, 0x1000, 0xfff, 1), fs;

	(void)unused;
	__asm__ volatile("mov %0, %%fs" : : "r"(selector));
	l4_segment_set(0, 0, 0, 0);
	__asm__ volatile("mov %%fs, %0" : "=r"(fs));
	fs_after = fs;
	survived = 1;
}

KTAP_CASE(exception, cleared_tls_selector_is_dropped)
{
	l4_threadid_t th;

	fs_after = 0xffff;
	survived = 0;
	th = spawn_thread(clear_own_tls, 0);
	l4_sleep(MS(20));
	EXPECT_EQ(survived, 1);
	EXPECT_EQ(fs_after & 0xfffc, 0);
	kill_thread(th);
}
