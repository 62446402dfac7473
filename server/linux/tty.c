/* The console terminal (/dev/console, /dev/ttyS0 and /dev/tty are the one
 * terminal: the serial line, and with linux.console=vga also the screen and
 * the keyboard): a canonical-mode line discipline with echo and erase, raw
 * mode when ICANON is off, and the termios and window-size ioctls. */
#include "server.h"

#define LINE_MAX	1024
#define INPUT_MAX	4096		/* power of two */
#define CTRL(c)		((c) & 0x1f)
#define DELIMITER_EOF	0x100		/* stored for ^D: ends a read, not returned */
#define TTY_WRITE_MAX	4096		/* bytes one write puts on the line */

static struct {
	struct lx_termios termios;
	struct lx_winsize winsize;
	char line[LINE_MAX];		/* the line being edited */
	uint32_t line_len;
	uint16_t input[INPUT_MAX];	/* what read() may take */
	uint32_t head, tail;
	uint32_t lines;			/* newlines (and EOFs) in input */
	struct waitq readers;
	int32_t session, pgrp;		/* the session it controls, its foreground group */
} tty = {
	.termios = {
		.c_iflag = LX_ICRNL | 02000,			/* ICRNL IXON */
		.c_oflag = LX_OPOST | LX_ONLCR,
		.c_cflag = 02277,				/* B38400 CS8 CREAD HUPCL */
		.c_lflag = LX_ISIG | LX_ICANON | LX_ECHO | LX_ECHOE | LX_ECHOK | 0105000, /* ECHOCTL ECHOKE IEXTEN */
		.c_cc = { CTRL('c'), CTRL('\\'), 0x7f, CTRL('u'), CTRL('d'), 0, 1, 0, CTRL('q'),
			  CTRL('s'), CTRL('z'), 0, CTRL('r'), CTRL('o'), CTRL('w'), CTRL('v'), 0 },
	},
	.winsize = { 24, 80, 0, 0 },
};

/* Every output device of the console gets the same bytes. */
static void devices_write(const char *s, uint32_t n)
{
	uart_write(s, n);
	vga_write(s, n);
}

/* Output with the OPOST/ONLCR translation of newlines. */
static void tty_output(const char *s, uint32_t n)
{
	uint32_t start = 0;

	if (!(tty.termios.c_oflag & LX_OPOST) || !(tty.termios.c_oflag & LX_ONLCR)) {
		devices_write(s, n);
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		if (s[i] == '\n') {
			devices_write(s + start, i - start);
			devices_write("\r\n", 2);
			start = i + 1;
		}
	devices_write(s + start, n - start);
}

static void push_input(uint16_t c)
{
	if (tty.head - tty.tail < INPUT_MAX) {
		tty.input[tty.head % INPUT_MAX] = c;
		tty.head++;
	}
}

static void echo(const char *s, uint32_t n)
{
	if (tty.termios.c_lflag & LX_ECHO)
		tty_output(s, n);
}

/* Whether the console is p's controlling terminal. (Session 0, init's
 * before its setsid, never has one.) */
static bool own_terminal(const struct process *p)
{
	return tty.session && tty.session == p->sid;
}

/* sig to every process of group pgrp (0: none). */
static void signal_group(int32_t pgrp, uint32_t sig)
{
	for (uint32_t i = 0; i < PROC_MAX && pgrp; i++)
		if (procs[i].state == PROC_LIVE && procs[i].pgid == pgrp &&
		    procs[i].leader == &procs[i])	/* processes, not each thread */
			signal_send(&procs[i], sig, LX_SI_KERNEL, 0, 0, 0);
}

/* Job control: a process of a background group of the terminal's session
 * that reads it (SIGTTIN), or writes it with TOSTOP set or changes its
 * settings or foreground group (SIGTTOU), stops its group; the call is
 * made again on SIGCONT. A read with SIGTTIN ignored or blocked, or from an
 * orphaned group, fails with EIO; such a write or change goes on (EIO when
 * orphaned), as on Linux. 0: go on. */
static int32_t background_check(struct process *p, uint32_t sig)
{
	bool ignored = p->sig[sig].handler == 1 /* SIG_IGN */ ||
		       (p->sigmask[0] & (1u << (sig - 1)));

	if (!own_terminal(p) || p->pgid == tty.pgrp)
		return 0;
	if (ignored && sig == LX_SIGTTOU)
		return 0;
	if (ignored || process_group_orphaned(p->pgid))
		return -LX_EIO;
	signal_group(p->pgid, sig);
	p->stop_restarts = p->attention = true;	/* (syscall.c makes it again on SIGCONT) */
	return -LX_EINTR;
}

/* ^C, ^\ and ^Z: the signal to the foreground group, the input dropped. */
static bool signal_char(uint8_t c)
{
	const uint8_t *cc = tty.termios.c_cc;
	uint32_t sig = c == cc[LX_VINTR] ? LX_SIGINT : c == cc[LX_VQUIT] ? 3 /* SIGQUIT */ :
		       c == cc[LX_VSUSP] ? 20 /* SIGTSTP */ : 0;
	char shown[4] = { '^', (char)(c + '@'), '\n', 0 };

	if (!sig || !(tty.termios.c_lflag & LX_ISIG) || !c)
		return false;
	echo(shown, 3);
	tty.line_len = 0;
	tty.head = tty.tail = tty.lines = 0;
	signal_group(tty.pgrp, sig);
	return true;
}

static void input_char(uint8_t c)
{
	const uint8_t *cc = tty.termios.c_cc;

	if (c == '\r' && (tty.termios.c_iflag & LX_ICRNL))
		c = '\n';
	if (signal_char(c))
		return;
	if (!(tty.termios.c_lflag & LX_ICANON)) {
		push_input(c);
		tty.lines += c == '\n';	/* for a switch back to canonical mode */
		echo((const char *)&c, 1);
		return;
	}
	if (c == cc[LX_VERASE] || c == '\b') {
		if (tty.line_len) {
			tty.line_len--;
			if (tty.termios.c_lflag & LX_ECHOE)
				echo("\b \b", 3);
		}
		return;
	}
	if (c == cc[LX_VKILL]) {
		while (tty.line_len) {
			tty.line_len--;
			echo("\b \b", 3);
		}
		return;
	}
	if (c == cc[LX_VEOF] || c == '\n') {
		for (uint32_t i = 0; i < tty.line_len; i++)
			push_input((uint8_t)tty.line[i]);
		push_input(c == '\n' ? '\n' : DELIMITER_EOF);
		tty.line_len = 0;
		tty.lines++;
		if (c == '\n')
			echo("\n", 1);
		return;
	}
	if (tty.line_len < LINE_MAX - 1) {	/* one byte is kept for the newline */
		tty.line[tty.line_len++] = (char)c;
		echo((const char *)&c, 1);
	}
}

void tty_input(const uint8_t *chars, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		input_char(chars[i]);
	if (tty.head != tty.tail)
		io_wake(&tty.readers);
}

static bool readable(void)
{
	return tty.termios.c_lflag & LX_ICANON ? tty.lines > 0 : tty.head != tty.tail;
}

/* Whether f was opened as /dev/console: as on Linux, its reads and
 * writes stop nobody (its settings' changes do). */
static bool through_console(const struct file *f)
{
	return f->inode && f->inode->rdev == DEV(5, 1);
}

static int32_t tty_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	char chunk[256];
	uint32_t done = 0;

	int32_t err;

	if (!through_console(f) && (err = background_check(p, LX_SIGTTIN)))
		return err;
	if (n == 0)
		return 0;
	while (!readable()) {
		if (f->flags & LX_O_NONBLOCK)
			return -LX_EAGAIN;
		if (!coro_wait(&tty.readers))
			return -LX_EINTR;
	}
	while (done < n && tty.head != tty.tail) {
		uint32_t k = 0;
		bool end = false;

		while (k < sizeof(chunk) && done + k < n && tty.head != tty.tail) {
			uint16_t c = tty.input[tty.tail % INPUT_MAX];

			tty.tail++;
			if (c == DELIMITER_EOF) {
				tty.lines--;
				end = true;
				break;
			}
			chunk[k++] = (char)c;
			if (c == '\n') {
				tty.lines--;
				if (tty.termios.c_lflag & LX_ICANON) {
					end = true;
					break;
				}
			}
		}
		if (copy_to_user(p, buf + done, chunk, k))
			return done ? (int32_t)done : -LX_EFAULT;
		done += k;
		if (end)
			break;
	}
	return (int32_t)done;
}

static int32_t tty_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	char chunk[256];
	uint32_t done = 0;

	int32_t err;

	if ((tty.termios.c_lflag & LX_TOSTOP) && !through_console(f) &&
	    (err = background_check(p, LX_SIGTTOU)))
		return err;
	if (n > TTY_WRITE_MAX)
		n = TTY_WRITE_MAX;	/* a short write: the main thread polls the line */
	while (done < n) {
		uint32_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);

		if (copy_from_user(p, chunk, buf + done, k))
			return done ? (int32_t)done : -LX_EFAULT;
		tty_output(chunk, k);
		done += k;
	}
	return (int32_t)done;
}

static int32_t tty_ioctl(struct process *p, struct file *f, uint32_t cmd, uint32_t arg)
{
	int32_t err;

	(void)f;
	if ((cmd == LX_TCSETS || cmd == LX_TCSETSW || cmd == LX_TCSETSF || cmd == LX_TIOCSPGRP) &&
	    (err = background_check(p, LX_SIGTTOU)))
		return err;
	switch (cmd) {
	case LX_TCGETS:
		return copy_to_user(p, arg, &tty.termios, sizeof(tty.termios));
	case LX_TCSETS:
	case LX_TCSETSW:
	case LX_TCSETSF: {
		struct lx_termios t;

		if (copy_from_user(p, &t, arg, sizeof(t)))
			return -LX_EFAULT;
		if ((tty.termios.c_lflag & LX_ICANON) && !(t.c_lflag & LX_ICANON)) {
			for (uint32_t i = 0; i < tty.line_len; i++)	/* the partial line goes raw */
				push_input((uint8_t)tty.line[i]);
			tty.line_len = 0;
		}
		if (cmd == LX_TCSETSF) {
			tty.head = tty.tail = tty.lines = 0;
			tty.line_len = 0;
		}
		tty.termios = t;
		if (readable())
			io_wake(&tty.readers);
		return 0;
	}
	case LX_TIOCSCTTY:		/* a session leader without a terminal takes it */
		if (p->sid != p->pid || (tty.session && tty.session != p->sid && arg != 1))
			return -LX_EPERM;
		tty.session = p->sid;
		tty.pgrp = p->pgid;
		return 0;
	case LX_TIOCNOTTY:
		if (!own_terminal(p))
			return -LX_ENOTTY;
		if (p->sid == p->pid)
			tty.session = tty.pgrp = 0;
		return 0;
	case LX_TIOCGPGRP:
		if (!own_terminal(p))
			return -LX_ENOTTY;
		return copy_to_user(p, arg, &tty.pgrp, sizeof(tty.pgrp));
	case LX_TIOCSPGRP: {
		int32_t pgrp;

		if (!own_terminal(p))
			return -LX_ENOTTY;
		if (copy_from_user(p, &pgrp, arg, sizeof(pgrp)))
			return -LX_EFAULT;
		if (pgrp <= 0)
			return -LX_EINVAL;
		if ((err = process_group_session(pgrp)) < 0)
			return -LX_ESRCH;
		if (err != p->sid)
			return -LX_EPERM;
		tty.pgrp = pgrp;
		return 0;
	}
	case LX_TIOCGSID:
		if (!own_terminal(p))
			return -LX_ENOTTY;
		return copy_to_user(p, arg, &tty.session, sizeof(tty.session));
	case LX_TIOCGSERIAL: {		/* a 16550A at COM1: busybox cttyhack asks */
		uint32_t serial[15] = { 4 /* PORT_16550A */, 0 /* line */, 0x3f8, 4, 0, 16,
					0, 115200 };

		return copy_to_user(p, arg, serial, sizeof(serial));
	}
	case LX_TIOCGWINSZ:
		return copy_to_user(p, arg, &tty.winsize, sizeof(tty.winsize));
	case LX_TIOCSWINSZ:
		return copy_from_user(p, &tty.winsize, arg, sizeof(tty.winsize));
	default:
		return -LX_ENOTTY;
	}
}

static uint32_t tty_poll(struct file *f)
{
	(void)f;
	return (readable() ? LX_POLLIN : 0) | LX_POLLOUT;
}

const struct file_ops tty_ops = { tty_read, tty_write, tty_ioctl, tty_poll, false };
