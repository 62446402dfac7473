/*
 * job_control: stops and continuations (SIGSTOP of a computing and of a
 * writing child, wait4's WUNTRACED and WCONTINUED, SIGCHLD's CLD_STOPPED
 * and CLD_CONTINUED, /proc's T), job control at the controlling terminal
 * (SIGTTIN, SIGTTOU, EIO; nothing through /dev/console), and orphaned
 * process groups (job-control stops that do nothing there, SIGHUP for a
 * stopped group an exit newly orphans). Run as init on Tessera; the
 * terminal cases skip elsewhere.
 */
#include "ktap.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t got_sig;
static volatile int got_code, got_status;

static void on_sigchld(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_status = si->si_status;
}

static char proc_state(pid_t pid)
{
	char path[64], buf[128], *close_paren;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	close_paren = strrchr(buf, ')');
	return close_paren && close_paren[1] == ' ' ? close_paren[2] : '?';
}

/* SIGSTOP stops a child that only computes (its signal thread brings it
 * to the server) and one that writes (its answer waits): wait4 with
 * WUNTRACED and WCONTINUED sees both changes, the parent gets SIGCHLD with
 * CLD_STOPPED, /proc says T, and a stopped writer writes nothing. */
static void stop_and_continue(void)
{
	int fds[2], status;
	char buf[512];
	pid_t spinner, writer;

	struct sigaction sa = { .sa_sigaction = on_sigchld, .sa_flags = SA_SIGINFO };

	sigaction(SIGCHLD, &sa, NULL);
	spinner = fork();
	if (spinner == 0) {
		for (;;)
			;
	}
	usleep(20 * 1000);
	CHECK_EQ("SIGSTOP", kill(spinner, SIGSTOP), 0);
	CHECK_EQ("wait WUNTRACED", waitpid(spinner, &status, WUNTRACED), spinner);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	CHECK_EQ("/proc state", proc_state(spinner), 'T');
	CHECK_EQ("SIGCHLD", got_sig, SIGCHLD);
	CHECK_EQ("si_code", got_code, CLD_STOPPED);
	CHECK_EQ("si_status", got_status, SIGSTOP);
	CHECK_EQ("SIGCONT", kill(spinner, SIGCONT), 0);
	CHECK_EQ("wait WCONTINUED", waitpid(spinner, &status, WCONTINUED), spinner);
	CHECK(WIFCONTINUED(status), "status %#x", status);
	/* (Linux sends this SIGCHLD when the child runs again, which may be
	 * after the wait returned) */
	for (int i = 0; i < 1000 && got_code != CLD_CONTINUED; i++)
		usleep(1000);
	CHECK_EQ("si_code", got_code, CLD_CONTINUED);
	CHECK_EQ("running again", proc_state(spinner) != 'T', 1);
	CHECK_EQ("SIGKILL", kill(spinner, SIGKILL), 0);
	CHECK_EQ("wait", waitpid(spinner, &status, 0), spinner);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	/* (no handler from here: Linux may send the writer's SIGCHLD with
	 * CLD_CONTINUED while the read below waits, which would end it) */
	signal(SIGCHLD, SIG_DFL);

	CHECK_EQ("pipe", pipe(fds), 0);
	writer = fork();
	if (writer == 0) {
		for (;;)
			write(fds[1], "w", 1);
	}
	CHECK_EQ("the writer writes", read(fds[0], buf, 1), 1);
	CHECK_EQ("SIGSTOP", kill(writer, SIGSTOP), 0);
	CHECK_EQ("wait WUNTRACED", waitpid(writer, &status, WUNTRACED), writer);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	while (read(fds[0], buf, sizeof(buf)) > 0)
		;
	usleep(30 * 1000);
	CHECK_EQ("a stopped writer writes nothing", read(fds[0], buf, sizeof(buf)), -1);
	CHECK_EQ("errno", errno, EAGAIN);
	fcntl(fds[0], F_SETFL, 0);
	CHECK_EQ("SIGCONT", kill(writer, SIGCONT), 0);
	CHECK_EQ("it writes again", read(fds[0], buf, 1), 1);
	kill(writer, SIGKILL);
	CHECK_EQ("wait", waitpid(writer, &status, 0), writer);
	close(fds[0]), close(fds[1]);
}

/* For the console's job-control cases: init becomes a session leader
 * (it starts in session 0, as on Linux), the console its terminal, with
 * its group in the foreground; body runs in a child of init. */
static void at_the_console(void (*body)(void))
{
	if (!is_init())
		SKIP("needs the console as init's terminal");
	if (getsid(0) != getpid())
		CHECK_EQ("setsid", setsid(), getpid());
	CHECK_EQ("the console is init's terminal", ioctl(0, TIOCSCTTY, 0), 0);
	CHECK_EQ("init's group in the foreground", tcsetpgrp(0, getpgrp()), 0);
	ktap_in_child(body);
}

/* Child c, in a background group of its own, must stop by sig (what it
 * did says what); it is killed and reaped either way. */
static void stops_by(pid_t c, int sig, const char *what)
{
	int status = 0, gone;
	pid_t got = waitpid(c, &status, WUNTRACED);

	kill(c, SIGKILL);
	CHECK_EQ("reaped", waitpid(c, &gone, 0), c);
	CHECK_EQ("waitpid", got, c);
	CHECK(WIFSTOPPED(status), "%s: not stopped (status %#x)", what, status);
	CHECK_EQ(what, WSTOPSIG(status), sig);
}

/* Job control at the controlling terminal: a background group's read
 * stops it with SIGTTIN; with SIGTTIN ignored the read fails with EIO;
 * with TOSTOP set a background write stops it with SIGTTOU. Through
 * /dev/console (fd 0..2 here) reads and writes stop nobody, as on Linux;
 * the children use /dev/tty. (The console is init's terminal; the groups
 * are a child's children: init's own would be orphaned.) */
static void background_tty_access_body(void)
{
	struct termios t, saved;
	int status;
	pid_t c;

	c = fork();
	if (c == 0) {
		char b;

		setpgid(0, 0);
		_exit(read(open("/dev/tty", O_RDONLY), &b, 1) == -1 ? 1 : 2);	/* (never: it stops) */
	}
	stops_by(c, SIGTTIN, "the background reader, by SIGTTIN");

	c = fork();
	if (c == 0) {
		char b;

		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		_exit(read(open("/dev/tty", O_RDONLY), &b, 1) == -1 && errno == EIO ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "with SIGTTIN ignored the read fails with EIO (status %#x)", status);

	CHECK_EQ("tcgetattr", tcgetattr(0, &saved), 0);
	t = saved;
	t.c_lflag |= TOSTOP;
	CHECK_EQ("TOSTOP", tcsetattr(0, TCSANOW, &t), 0);
	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(write(open("/dev/tty", O_WRONLY), "", 0) == 0 ? 2 : 1);	/* (never: it stops) */
	}
	stops_by(c, SIGTTOU, "the background writer, by SIGTTOU");
	c = fork();
	if (c == 0) {
		char b;
		int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);

		setpgid(0, 0);
		if (read(fd, &b, 1) != -1 || errno != EAGAIN)
			_exit(1);
		_exit(write(1, "", 0) == 0 ? 0 : 2);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	if (WIFSTOPPED(status))
		kill(c, SIGKILL), waitpid(c, NULL, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "through /dev/console a background read (1) and write (2) go on (status %#x)",
	      status);
	tcsetattr(0, TCSANOW, &saved);
}

static void background_tty_access(void)
{
	at_the_console(background_tty_access_body);
}

/* Changing the terminal from a background group (tcsetattr, tcsetpgrp)
 * stops the group with SIGTTOU, unless SIGTTOU is ignored; made the
 * foreground and continued, the stopped call is made again and succeeds.
 * tcsetpgrp wants a group of the caller's session. (Run in a child of
 * init, as background_tty_access.) */
static void background_tty_control_body(void)
{
	struct termios t;
	int status;
	pid_t c;

	CHECK_EQ("tcgetattr", tcgetattr(0, &t), 0);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(tcsetattr(0, TCSANOW, &t) == 0 ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	CHECK(WIFSTOPPED(status), "the background tcsetattr stopped (status %#x)", status);
	CHECK_EQ("by SIGTTOU", WSTOPSIG(status), SIGTTOU);
	signal(SIGTTOU, SIG_IGN);		/* as a shell does around tcsetpgrp */
	CHECK_EQ("its group to the foreground", tcsetpgrp(0, c), 0);
	CHECK_EQ("SIGCONT", kill(c, SIGCONT), 0);
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "made again in the foreground, tcsetattr succeeds (status %#x)", status);
	CHECK_EQ("our group back, from the background", tcsetpgrp(0, getpgrp()), 0);
	signal(SIGTTOU, SIG_DFL);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		_exit(tcsetattr(0, TCSANOW, &t) == 0 ? 0 : 1);
	}
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "with SIGTTOU ignored tcsetattr goes on (status %#x)", status);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(tcsetpgrp(0, getpgrp()) == 0 ? 2 : 1);	/* (never: it stops) */
	}
	stops_by(c, SIGTTOU, "the background tcsetpgrp, by SIGTTOU");

	CHECK_EQ("tcsetpgrp to no group", tcsetpgrp(0, 30000), -1);
	CHECK_EQ("errno", errno, ESRCH);
	c = fork();
	if (c == 0)
		_exit(setpgid(0, 30000) == -1 && errno == EPERM ? 0 : 1);
	CHECK_EQ("waitpid", waitpid(c, &status, 0), c);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "setpgid into a group that does not exist: EPERM (status %#x)", status);
}

static void background_tty_control(void)
{
	at_the_console(background_tty_control_body);
}

/* Child c must stop by sig, or (sig 0) exit with 0 without stopping. */
static void stops_or_goes_on(pid_t c, int sig, const char *what)
{
	int status = 0;

	CHECK_EQ("waitpid", waitpid(c, &status, WUNTRACED), c);
	if (WIFSTOPPED(status)) {
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
	}
	if (sig)
		CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == sig, "%s (status %#x)", what, status);
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s (status %#x)", what, status);
}

/* SIGTSTP, SIGTTIN and SIGTTOU stop a process only if its group is not
 * orphaned (a member has a parent in another group of its session, that
 * parent not init); SIGSTOP stops any. */
static void job_control_stops_in_orphaned_groups_body(void)
{
	static const int stops[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	pid_t c;

	for (int i = 0; i < 3; i++) {
		c = fork();
		if (c == 0) {
			setsid();	/* a group whose parent is in another session */
			raise(stops[i]);
			_exit(0);
		}
		stops_or_goes_on(c, 0, "a job-control stop of an orphaned group does nothing");
		c = fork();
		if (c == 0) {
			setpgid(0, 0);	/* our child, in a group of its own, our session */
			raise(stops[i]);
			_exit(1);
		}
		stops_or_goes_on(c, stops[i], "it stops a group with a parent outside");
	}
	c = fork();
	if (c == 0) {
		setsid();
		raise(SIGSTOP);
		_exit(1);
	}
	stops_or_goes_on(c, SIGSTOP, "SIGSTOP stops an orphaned group too");
}

static void job_control_stops_in_orphaned_groups(void)
{
	ktap_in_child(job_control_stops_in_orphaned_groups_body);
}

/* The pid of a child of a new session's leader, which the leader reports
 * once it has stopped and then exits; the child goes to init (this
 * program). own_group: the child is in a group of its own, which the
 * leader's exit orphans; else in the leader's, orphaned from the start. */
static pid_t stopped_orphan(bool own_group)
{
	int fds[2], status;
	pid_t leader, stopped = 0;

	if (pipe(fds))
		return 0;
	leader = fork();
	if (leader == 0) {
		pid_t d;

		setsid();
		d = fork();
		if (d == 0) {
			if (own_group)
				setpgid(0, 0);
			raise(SIGSTOP);
			_exit(5);	/* (continued by SIGCONT alone) */
		}
		waitpid(d, &status, WUNTRACED);	/* it has stopped */
		write(fds[1], &d, sizeof d);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &stopped, sizeof stopped) != (long)sizeof stopped)
		stopped = 0;
	close(fds[0]);
	waitpid(leader, &status, 0);	/* the session leader has exited */
	return stopped;
}

/* A stopped process whose group an exit leaves newly orphaned gets SIGHUP
 * and SIGCONT (POSIX): here its parent, the leader of a new session in
 * another group, exits, and it goes to init (this program). A group that
 * was orphaned before gets nothing, as on Linux: the leader's own. */
static void orphaned_stopped_group_hangs_up(void)
{
	int status;
	pid_t stopped;

	if (!is_init())
		SKIP("orphans go to init");
	stopped = stopped_orphan(true);
	CHECK(stopped > 0, "the stopped one's pid");
	CHECK_EQ("the orphan ends", waitpid(stopped, &status, 0), stopped);
	CHECK(WIFSIGNALED(status), "killed (status %#x)", status);
	CHECK_EQ("by SIGHUP", WTERMSIG(status), SIGHUP);

	stopped = stopped_orphan(false);
	CHECK(stopped > 0, "the stopped one's pid");
	CHECK_EQ("an old orphan stays stopped", waitpid(stopped, &status, WNOHANG), 0);
	CHECK_EQ("/proc state", proc_state(stopped), 'T');
	kill(stopped, SIGKILL);
	CHECK_EQ("reaped", waitpid(stopped, &status, 0), stopped);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(stop_and_continue),
	KTAP_CASE(background_tty_access),
	KTAP_CASE(background_tty_control),
	KTAP_CASE(orphaned_stopped_group_hangs_up),
	KTAP_CASE(job_control_stops_in_orphaned_groups),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
