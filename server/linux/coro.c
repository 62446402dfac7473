/* Coroutines of the main thread: one per system call that may block. A
 * call that never waits runs on the main stack; one that may wait runs
 * here, and if it does wait, the main loop serves other requests until a
 * wake-up or a timer continues it. Only the main thread runs coroutines,
 * so nothing here needs a lock. */
#include "server.h"

#define CORO_MAX	PROC_MAX	/* one call in flight per process */
#define CORO_STACK	16384

struct coro {
	struct coro *next;		/* free list, a wait queue or the run list */
	uint32_t esp;			/* while switched out */
	coro_fn fn;
	struct process *p;
	uint32_t args[6];
	int32_t result;
	bool done;
	uint64_t deadline;		/* while on the timer list */
	struct coro *timer_next;
	struct waitq *waiting_on;	/* while on a wait queue */
	bool timed;			/* on the timer list */
	bool interrupted;		/* its process is going: stop waiting */
	bool detached;			/* its end answers nobody (coro_detach) */
};

static struct coro coros[CORO_MAX];
static uint8_t stacks[CORO_MAX][CORO_STACK] __attribute__((aligned(16)));
static struct coro *free_coros, *current;
struct coro *coro_runnable, *coro_timers;
static uint32_t main_esp;

/* coro_switch(save, next): saves the callee-saved registers and esp in
 * *save, continues on the stack next. */
void coro_switch(uint32_t *save, uint32_t next);
__asm__(".text\n"
	".globl coro_switch\n"
	"coro_switch:\n"
	"	movl 4(%esp), %eax\n"
	"	movl 8(%esp), %edx\n"
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"
	"	movl %esp, (%eax)\n"
	"	movl %edx, %esp\n"
	"	popl %edi\n"
	"	popl %esi\n"
	"	popl %ebx\n"
	"	popl %ebp\n"
	"	ret\n");

static void __attribute__((noreturn)) coro_entry(void)
{
	struct coro *c = current;

	c->result = c->fn(c->p, c->args);
	c->done = true;
	coro_switch(&c->esp, main_esp);
	__builtin_unreachable();
}

/* Continues c until it finishes or waits; true if it finished. */
static bool resume(struct coro *c)
{
	current = c;
	coro_switch(&main_esp, c->esp);
	current = NULL;
	if (!c->done)
		return false;
	c->fn = NULL;
	c->next = free_coros;
	free_coros = c;
	return true;
}

bool coro_run(coro_fn fn, struct process *p, const uint32_t *args, int32_t *result)
{
	static bool ready;
	struct coro *c;
	uint32_t *sp;

	if (!ready) {
		for (uint32_t i = 0; i < CORO_MAX; i++) {
			coros[i].next = free_coros;
			free_coros = &coros[i];
		}
		ready = true;
	}
	c = free_coros;
	if (!c) {			/* CORO_MAX calls are waiting already */
		*result = -LX_EAGAIN;
		return true;
	}
	free_coros = c->next;
	c->fn = fn;
	c->p = p;
	c->interrupted = false;
	c->detached = false;
	memcpy(c->args, args, sizeof(c->args));
	c->done = false;
	sp = (uint32_t *)(stacks[c - coros] + CORO_STACK);
	*--sp = 0;			/* coro_entry's return address: never used */
	*--sp = (uint32_t)coro_entry;
	sp -= 4;			/* edi, esi, ebx, ebp */
	memset(sp, 0, 16);
	c->esp = (uint32_t)sp;
	if (!resume(c))
		return false;
	*result = c->result;
	return true;
}

static void queue_append(struct waitq *q, struct coro *c)
{
	struct coro **link = &q->first;

	while (*link)
		link = &(*link)->next;
	c->next = NULL;
	*link = c;
	c->waiting_on = q;
}

static void queue_remove(struct coro *c)
{
	struct coro **link;

	if (!c->waiting_on)
		return;
	for (link = &c->waiting_on->first; *link; link = &(*link)->next)
		if (*link == c) {
			*link = c->next;
			break;
		}
	c->waiting_on = NULL;
}

static void timer_add(struct coro *c, uint64_t deadline)
{
	struct coro **link = &coro_timers;

	while (*link && (*link)->deadline <= deadline)
		link = &(*link)->timer_next;
	c->deadline = deadline;
	c->timer_next = *link;
	*link = c;
	c->timed = true;
}

static void timer_remove(struct coro *c)
{
	struct coro **link;

	if (!c->timed)
		return;
	for (link = &coro_timers; *link; link = &(*link)->timer_next)
		if (*link == c) {
			*link = c->timer_next;
			break;
		}
	c->timed = false;
}

static void make_runnable(struct coro *c)
{
	struct coro **link = &coro_runnable;

	queue_remove(c);
	timer_remove(c);
	while (*link)
		link = &(*link)->next;
	c->next = NULL;
	*link = c;
}

bool coro_wait(struct waitq *q)
{
	struct coro *c = current;

	if (c->interrupted)
		return false;
	queue_append(q, c);
	coro_switch(&c->esp, main_esp);
	return !c->interrupted;
}

int coro_wait_until(struct waitq *q, uint64_t deadline)
{
	struct coro *c = current;

	if (c->interrupted)
		return -LX_EINTR;
	if (deadline <= clock_ms())
		return -LX_ETIMEDOUT;
	queue_append(q, c);
	timer_add(c, deadline);
	coro_switch(&c->esp, main_esp);
	return c->interrupted ? -LX_EINTR : clock_ms() < deadline ? 0 : -LX_ETIMEDOUT;
}

void coro_interrupt(struct process *p)
{
	for (uint32_t i = 0; i < CORO_MAX; i++) {
		struct coro *c = &coros[i];

		if (c->fn && !c->done && c->p == p && c != current) {
			c->interrupted = true;
			if (c->waiting_on || c->timed)
				make_runnable(c);
		}
	}
}

void coro_detach(struct process *p)
{
	for (uint32_t i = 0; i < CORO_MAX; i++)
		if (coros[i].fn && !coros[i].done && coros[i].p == p && &coros[i] != current)
			coros[i].detached = true;
	coro_interrupt(p);
}

void coro_wake(struct waitq *q)
{
	while (q->first)
		make_runnable(q->first);
}

void coro_run_woken(void)
{
	while (coro_runnable) {
		struct coro *c = coro_runnable;

		coro_runnable = c->next;
		if (resume(c) && !c->detached)
			reply_later(c->p, c->result);
	}
}

bool coro_sleep_until(uint64_t deadline)
{
	struct coro *c = current;

	if (c->interrupted)
		return false;
	timer_add(c, deadline);
	coro_switch(&c->esp, main_esp);
	return !c->interrupted;
}

uint64_t coro_next_deadline(void)
{
	return coro_timers ? coro_timers->deadline : ~0ull;
}

void coro_expire(uint64_t now)
{
	while (coro_timers && coro_timers->deadline <= now)
		make_runnable(coro_timers);
}
