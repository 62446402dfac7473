/* signal.c: Linux signal frames, built in the process by the emulation
 * library. When an answer of the server says a signal is pending, the
 * assembly entries gather the program's registers (struct emul_regs) and
 * call emul_signal, which takes the signal from the server and builds the
 * i386 frame Linux builds -- struct sigframe for a plain handler, struct
 * rt_sigframe with SA_SIGINFO -- on the program's stack, then continues in
 * the handler. The frame's return code (or sa_restorer) makes sigreturn or
 * rt_sigreturn through int $0x80, which the trampoline hands to
 * emul_sigreturn: it restores the blocked set through the server and the
 * registers itself.
 *
 * The FPU's state is saved as Linux saves it on a CPU without FXSR (a
 * Pentium): fnsave's 108 bytes and a status word with the magic 0xffff (no
 * extended state), in an area above the frame that sigcontext's fpstate
 * points to; fnsave leaves the FPU initialised for the handler, and
 * sigreturn loads the state back. (SSE registers, which a Pentium lacks,
 * are not saved.)
 *
 * This code runs in every process with no data of its own (the image is
 * shared read-only): everything lives on the stack. */
#include <stdint.h>
#include <tessera/linux_server.h>

#define NR_RT_SIGPROCMASK	175
#define NR_SIGRETURN		119
#define SIG_SETMASK		2
#define SA_SIGINFO		0x00000004
#define SA_RESTORER		0x04000000
#define SS_DISABLE		2
#define EFLAGS_TF		0x100
#define EFLAGS_DF		0x400
#define FPSTATE_SIZE		624	/* struct _fpstate_32 */
#define STACK_GAP		256	/* between our own stack and a frame */
#define FSAVE_SIZE		108	/* fnsave's area */
#define FPSTATE_LEGACY		112	/* it, then status and magic */
#define FP_MAGIC_FSAVE		0xffff

/* The registers emul.asm gathers (signal_common) and emul_resume loads. */
struct emul_regs {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_pushad, ebx, edx, ecx, eax;
	uint32_t eip, eflags, esp;
};

struct sigcontext32 {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t trapno, err, eip, cs, eflags, esp_at_signal, ss;
	uint32_t fpstate, oldmask, cr2;
};

struct sigframe {
	uint32_t pretcode;
	int32_t sig;
	struct sigcontext32 sc;
	uint8_t fpstate_unused[FPSTATE_SIZE];
	uint32_t extramask[1];
	uint8_t retcode[8];
};

struct ucontext32 {
	uint32_t uc_flags, uc_link;
	uint32_t ss_sp;
	int32_t ss_flags;
	uint32_t ss_size;
	struct sigcontext32 mcontext;
	uint32_t sigmask[2];
};

struct rt_sigframe {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo, puc;
	uint32_t info[32];
	struct ucontext32 uc;
	uint8_t retcode[8];
};

_Static_assert(sizeof(struct sigcontext32) == 88, "struct sigcontext (i386)");
_Static_assert(sizeof(struct sigframe) == 732, "struct sigframe (i386)");
_Static_assert(sizeof(struct rt_sigframe) == 268, "struct rt_sigframe (i386)");

uint32_t emul_call(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t *flags);
void emul_resume(const struct emul_regs *r) __attribute__((noreturn));
void emul_signal(struct emul_regs *r) __attribute__((noreturn));
void emul_signal_on(struct emul_regs *r) __attribute__((noreturn));
void emul_sigreturn(uint32_t nr, uint32_t esp) __attribute__((noreturn));

/* The compiler may call these for struct copies. */
void *memcpy(void *dst, const void *src, uint32_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, uint32_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

static uint32_t selector(int which)
{
	uint32_t v = 0;

	if (which)
		__asm__("mov %%cs, %0" : "=r"(v));
	else
		__asm__("mov %%ss, %0" : "=r"(v));
	return v;
}

static void save_context(struct sigcontext32 *sc, const struct emul_regs *r, uint32_t oldmask,
			 uint32_t fpstate)
{
	*sc = (struct sigcontext32){
		r->gs, r->fs, r->es, r->ds, r->edi, r->esi, r->ebp, r->esp, r->ebx, r->edx, r->ecx,
		r->eax, 0, 0, r->eip, selector(1), r->eflags, r->esp, selector(0), fpstate, oldmask,
		0,
	};
}

/* The FPU's state into an area below both the interrupted stack and ours;
 * returns its address, under which the frame goes. */
static uint32_t save_fpu(const struct emul_regs *r)
{
	uint32_t sp, top, fp;
	uint16_t *tail;

	__asm__("mov %%esp, %0" : "=r"(sp));
	top = sp - STACK_GAP < r->esp ? sp - STACK_GAP : r->esp;
	fp = (top - FPSTATE_LEGACY) & ~15u;
	__asm__ volatile("fnsave (%0)\n\tfwait" : : "r"(fp) : "memory");
	tail = (uint16_t *)(fp + FSAVE_SIZE);
	tail[0] = *(uint16_t *)(fp + 4);	/* status: the saved status word */
	tail[1] = FP_MAGIC_FSAVE;
	return fp;
}

/* Below fp, aligned as Linux aligns it: (frame + 4) is a multiple of 16
 * when the handler starts. */
static uint32_t frame_address(uint32_t fp, uint32_t size)
{
	return ((fp - size + 4) & ~15u) - 4;
}

void emul_signal(struct emul_regs *r)
{
	struct linux_signal s;
	struct emul_regs h;
	uint32_t flags;
	int32_t sig = (int32_t)emul_call(LINUX_REQ_SIGNAL, (uint32_t)&s, 0, &flags);
	uint32_t fp;

	if (sig <= 0)
		emul_resume(r);		/* nothing to deliver after all */
	fp = save_fpu(r);
	h = *r;
	h.eflags &= ~(EFLAGS_TF | EFLAGS_DF);
	h.eip = s.handler;
	h.eax = (uint32_t)sig;
	if (s.flags & SA_SIGINFO) {
		struct rt_sigframe *f = (void *)frame_address(fp, sizeof(*f));
		static const uint8_t code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };

		f->pretcode = s.flags & SA_RESTORER ? s.restorer : (uint32_t)f->retcode;
		f->sig = sig;
		f->pinfo = (uint32_t)f->info;
		f->puc = (uint32_t)&f->uc;
		memcpy(f->info, s.info, sizeof(f->info));
		f->uc.uc_flags = f->uc.uc_link = 0;
		f->uc.ss_sp = f->uc.ss_size = 0;
		f->uc.ss_flags = SS_DISABLE;
		save_context(&f->uc.mcontext, r, s.oldmask[0], fp);
		f->uc.sigmask[0] = s.oldmask[0];
		f->uc.sigmask[1] = s.oldmask[1];
		memcpy(f->retcode, code, sizeof(code));	/* mov $173, %eax; int $0x80 */
		h.esp = (uint32_t)f;
		h.edx = f->pinfo;
		h.ecx = f->puc;
	} else {
		struct sigframe *f = (void *)frame_address(fp, sizeof(*f));
		static const uint8_t code[8] = { 0x58, 0xb8, NR_SIGRETURN, 0, 0, 0, 0xcd, 0x80 };

		f->pretcode = s.flags & SA_RESTORER ? s.restorer : (uint32_t)f->retcode;
		f->sig = sig;
		save_context(&f->sc, r, s.oldmask[0], fp);
		f->extramask[0] = s.oldmask[1];
		memcpy(f->retcode, code, sizeof(code));	/* pop %eax; mov $119, %eax; int $0x80 */
		h.esp = (uint32_t)f;
		h.edx = h.ecx = 0;
	}
	emul_resume(&h);
}

/* esp: the program's esp at its int $0x80. sigreturn's frame lost its
 * return address and its signal number (popped): esp is at sc.
 * rt_sigreturn's lost only the return address. */
void emul_sigreturn(uint32_t nr, uint32_t esp)
{
	const struct sigcontext32 *sc;
	uint32_t mask[2], block[5], flags;
	struct emul_regs r;

	if (nr == NR_SIGRETURN) {
		const struct sigframe *f = (const void *)(esp - 8);

		sc = &f->sc;
		mask[0] = sc->oldmask;
		mask[1] = f->extramask[0];
	} else {
		const struct rt_sigframe *f = (const void *)(esp - 4);

		sc = &f->uc.mcontext;
		mask[0] = f->uc.sigmask[0];
		mask[1] = f->uc.sigmask[1];
	}
	r = (struct emul_regs){ sc->gs, sc->fs, sc->es, sc->ds, sc->edi, sc->esi, sc->ebp, 0,
				sc->ebx, sc->edx, sc->ecx, sc->eax, sc->eip, sc->eflags, sc->esp };
	if (sc->fpstate)		/* a bad pointer faults here: SIGSEGV, as on Linux */
		__asm__ volatile("frstor (%0)" : : "r"(sc->fpstate) : "memory");
	block[0] = (uint32_t)mask;	/* rt_sigprocmask(SIG_SETMASK, mask, NULL, 8) */
	block[1] = 0;
	block[2] = 8;
	block[3] = block[4] = 0;
	emul_call(LINUX_REQ_SYSCALL | NR_RT_SIGPROCMASK, SIG_SETMASK, (uint32_t)block, &flags);
	if (flags & LINUX_REPLY_SIGNAL)
		emul_signal_on(&r);	/* one was waiting for the mask */
	emul_resume(&r);
}
