/* The Linux server's start and its main loop. It takes its memory from
 * sigma0, unpacks the initramfs (the boot module that is a cpio archive),
 * starts the console drivers, runs init (find_init) and then serves
 * requests forever: system calls, page faults and exceptions of every
 * process, and console input from the driver. */
#include "server.h"
#include <l4/kip.h>
#include <l4/sigma0.h>
#include <l4/timeout.h>

#define INIT_ARGS_MAX	32		/* as Linux's */

const struct l4_kip *kip = (const struct l4_kip *)L4_KIP_ADDRESS;
static uint8_t main_stack[64 * 1024] __attribute__((aligned(16)));
static void load_initramfs(void)
{
	for (uint32_t i = 0; i < kip->module_count; i++) {
		const struct l4_kip_module *m = &kip->modules[i];
		const uint8_t *start = (const uint8_t *)m->start;

		if (m->end - m->start >= 6 && !memcmp(start, "070701", 6)) {
			log("initramfs: module %u (%s), %u bytes\n", i, m->cmdline,
			    m->end - m->start);
			cpio_unpack(start, m->end - m->start);
			return;
		}
	}
	log("no initramfs module (a cpio newc archive); the root is empty\n");
}

/* Runs path as init; NULL (said, unless quiet_absence and it is not
 * there) if it cannot. */
static struct process *try_init(const char *path, char **argv, bool quiet_absence)
{
	static char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct process *p;
	int err;

	argv[0] = (char *)path;
	if (!(p = process_spawn(path, argv, envp, &err)) && (err != -LX_ENOENT || !quiet_absence))
		log("cannot run %s as init: error %d\n", path, -err);
	return p;
}

/* Init as Linux finds it: rdinit= (else /init) if it runs; then init=,
 * which must run; else the first of /sbin/init, /etc/init, /bin/init and
 * /bin/sh that runs. (Linux tries /init before init= when it boots from an
 * initramfs; here init= comes first, so that init=PROGRAM picks a program
 * of any image.) The words after "--" are its arguments. */
static struct process *find_init(void)
{
	static const char *const fallbacks[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	static char *argv[INIT_ARGS_MAX + 2];
	const char *rdinit = cmdline_value("rdinit="), *init = cmdline_value("init=");
	struct process *p;

	argv[1 + cmdline_init_args(argv + 1, INIT_ARGS_MAX)] = NULL;
	if (rdinit && (p = try_init(rdinit, argv, false)))
		return p;
	if (init)
		return try_init(init, argv, false);
	for (uint32_t i = rdinit ? 1 : 0; i <= ARRAY_SIZE(fallbacks); i++)	/* (rdinit= for /init) */
		if ((p = try_init(i ? fallbacks[i - 1] : "/init", argv, true)))
			return p;
	log("no init found: /init, /sbin/init, /etc/init, /bin/init and /bin/sh do not run\n");
	return NULL;
}

static void start_init(void)
{
	struct process *p = find_init();
	struct file *console;

	if (!p)
		end_run(1 << 8);
	log("init is %s (pid %d)\n", p->exe, p->pid);
	if (file_open(p, NULL, "/dev/console", LX_O_RDWR, 0, &console)) {
		log("warning: unable to open an initial console\n");
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		p->fds[fd] = console;
		console->refs += fd > 0;
	}
}

/* A request of thread p's program thread (inline: the path of every call). */
static inline __attribute__((always_inline)) bool handle_thread(struct process *p, struct l4_words *w, bool *map)
{
	uint32_t kind = w->w0 & LINUX_REQ_KIND_MASK;

	if (kind == LINUX_REQ_SYSCALL) {
		p->calls_sysinfo++;
		p->call_int80 = false;
		return syscall_request(p, w);
	}
	if (kind == LINUX_REQ_SYSCALL_INT80) {
		p->calls_int80++;
		p->call_int80 = true;
		return syscall_request(p, w);
	}
	if ((kind & ~LINUX_REQ_FPU_SAVED) == LINUX_REQ_SYSCALL ||
	    (kind & ~LINUX_REQ_FPU_SAVED) == LINUX_REQ_SYSCALL_INT80) {
		bool answer;		/* a fork again, the FPU state on the stack */

		p->call_int80 = (kind & ~LINUX_REQ_FPU_SAVED) == LINUX_REQ_SYSCALL_INT80;
		p->call_fpu_saved = true;
		answer = syscall_request(p, w);
		p->call_fpu_saved = false;
		return answer;
	}
	if (w->w0 < USER_TOP) {			/* a page fault */
		uint32_t addr = w->w0, eip = w->w1;

		if (vm_fault(p, addr & ~3u, addr & 2, w)) {
			p->minflt++;
			*map = true;
			return true;
		}
		if (p->sig[LX_SIGSEGV].handler > 1) {	/* to the trampoline, a SIGSEGV */
			*w = (struct l4_words){ L4_PAGEFAULT_REFLECT, 0, 0 };
			return true;
		}
		process_kill_fault(p, addr & 2 ? "write fault" : "read fault", addr & ~3u, eip);
		return false;
	}
	if (p->signal_due)		/* (a system call's is syscall_request's) */
		signal_due_clear(p);
	if (kind == LINUX_REQ_SIGNAL) {
		int32_t sig = p->stopped ? SYSCALL_HOLD : signal_take(p, w->w1);

		if (sig == SYSCALL_HOLD)	/* stopped: the answer waits for SIGCONT */
			return !signal_hold(p, w, HOLD_SIGNAL);
		if (sig == SYSCALL_NO_REPLY)
			return false;
		*w = (struct l4_words){ (uint32_t)sig, 0, 0 };
		return true;
	}
	if (kind == LINUX_REQ_EXCEPTION) {
		uint32_t vector = w->w0 & LINUX_REQ_ARG_MASK, frame[3] = { 0, 0, 0 };

		copy_from_user(p, frame, w->w2 + 8, sizeof(frame));	/* fault address, eip */
		if (!signal_fault(p, vector, w->w1, frame[0], frame[1]))
			return false;		/* it ended */
		*w = (struct l4_words){ 0, LINUX_REPLY_SIGNAL, 0 };
		return true;
	}
	/* The kernel's message for a thread it stopped (no usable handler). */
	log("pid %d (%s) stopped by the kernel: message %#x, eip %#x, error %#x\n", p->pid, p->comm,
	    w->w0, w->w1, w->w2);
	process_kill_fault(p, "unhandled exception", 0, w->w1);
	return false;
}

/* One request; true: answer the sender with w (a map item if *map). */
static bool handle(l4_threadid_t from, struct l4_words *w, bool *map)
{
	struct process *p = process_of_task(l4_task_of(from));
	bool signal_thread;

	*map = false;
	if (!p || p->thread != from) {	/* not a main thread's */
		struct process *t = p ? process_thread_of(p, from, &signal_thread) : NULL;

		if (t && t->state == PROC_LIVE && !signal_thread)
			return handle_thread(t, w, map);
		if (t && t->state == PROC_LIVE) {
			if (w->w0 < USER_TOP && vm_fault(t, w->w0 & ~3u, w->w0 & 2, w)) {
				*map = true;	/* its pages: the signal page, the library */
				return true;
			}
			log("pid %d (%s): signal thread message %#x ignored\n", t->pid, t->comm,
			    w->w0);
			return false;
		}
		if (input_is_bottom_half(from)) {
			uint8_t chars[8];

			memcpy(chars, &w->w1, 4);
			memcpy(chars + 4, &w->w2, 4);
			tty_input(chars, w->w0 < 8 ? w->w0 : 8);
			return true;
		}
		log("message from unknown thread %#x ignored\n", from);
		return false;
	}
	return handle_thread(p, w, map);
}

/* Replies never wait (a caller waits for its answer); the receive waits
 * until the next coroutine timer. */
static l4_timeout_t receive_timeout(void)
{
	uint64_t deadline = coro_next_deadline(), now = clock_ms();

	if (signal_next_alarm < deadline)
		deadline = signal_next_alarm;

	if (deadline == ~0ull)
		return l4_timeouts(0, L4_US_NEVER);
	if (deadline <= now)
		return l4_timeouts(0, 0);
	return l4_timeouts(0, deadline - now > 1000000 ? 1000000000u
						       : (uint32_t)(deadline - now) * 1000);
}

/* The KIP at SERVER_KIP, and with linux.small on the command line the
 * whole task in a small space. */
static void settle(void)
{
	bool small = cmdline_has("linux.small");

	if (l4_sigma0_request(L4_SIGMA0_KIP, 0, L4_FPAGE(SERVER_KIP, 12, 0), NULL) ==
	    L4_SIGMA0_OK)
		kip = (const struct l4_kip *)SERVER_KIP;
	else
		log("cannot map the KIP at %#x\n", SERVER_KIP);
	/* Every port sigma0 still has: Linux processes can send to sigma0
	 * too, and must not get any (the PCI configuration space would open
	 * the way to DMA). */
	if (l4_sigma0_request(L4_SIGMA0_PAGE, L4_IO_FPAGE(0, 16), L4_WHOLE_SPACE, NULL) !=
	    L4_SIGMA0_OK)
		log("cannot claim the I/O ports from sigma0\n");
	vga_claim_window();
	if (!small)
		return;
	if (kip != (const struct l4_kip *)SERVER_KIP ||
	    l4_thread_schedule(server_id, L4_SCHED_PARAM(100, 0) |
			       L4_SCHED_SMALL(SERVER_SMALL_CLASS, SERVER_SMALL_SLOT)).old_param ==
		    L4_SCHED_FAILED)
		log("cannot move into a small space; staying large\n");
	else
		log("running in a small space of %u MB (slot %u)\n", 4u << SERVER_SMALL_CLASS,
		    SERVER_SMALL_SLOT);
}

bool strace_on;

static void __attribute__((noreturn, used)) serve(void)
{
	l4_threadid_t from = L4_NIL_ID;
	struct l4_words w = { 0, 0, 0 };
	bool reply = false, map = false;

	settle();
	strace_on = cmdline_has("linux.strace");
	mem_init();
	clock_init();
	ramfs_init();
	load_initramfs();
	procfs_init();
	uart_init();
	vga_init();
	kbd_init();
	uart_start_thread();
	kbd_start_thread();
	input_start();
	start_init();
	for (;;) {
		l4_timeout_t timeout = coro_timers || signal_alarms_armed
					       ? receive_timeout() : l4_timeouts(0, L4_US_NEVER);
		uint32_t desc = map ? L4_IPC_DESC_MAP : L4_IPC_SHORT_MSG, result;

		if (reply)
			result = l4_ipc_reply_and_wait(from, desc, L4_IPC_SHORT_MSG, &w, timeout,
						       &from);
		else
			result = l4_ipc_wait(L4_IPC_SHORT_MSG, &w, timeout, &from);
		reply = false;
		if (!l4_ipc_error(result))
			reply = handle(from, &w, &map);
		else if (l4_ipc_error(result) != L4_IPC_RETIMEOUT &&
			 !(l4_ipc_error(result) & 0x10))	/* a send failed: the caller is gone */
			log("receive failed: error %#x\n", l4_ipc_error(result));
		if (signal_alarms_armed && clock_ms() >= signal_next_alarm)
			signal_alarms_fire(clock_ms());
		if (coro_pending()) {
			coro_expire(clock_ms());
			coro_run_woken();
		}
	}
}

/* crt0 starts us on the boot stack below 3 GB; everything of the server
 * lives below SERVER_BASE + 256 MB, its stack included. */
int main(void)
{
	server_id = l4_myself();
	log("Linux personality server, thread %#x\n", server_id);
	__asm__ volatile("movl %0, %%esp\n\t"
			 "call serve"
			 : : "r"(main_stack + sizeof(main_stack)) : "memory");
	__builtin_unreachable();
}
