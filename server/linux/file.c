/* Open files and descriptors, and the character devices of devfs: the
 * device nodes in the initramfs name them by number (null 1,3; zero 1,5;
 * random 1,8; urandom 1,9; tty 5,0; console 5,1; ttyS0 4,64). */
#include "server.h"

static int32_t regular_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	int32_t done = ramfs_read_user(p, f->inode, f->pos >= f->inode->size ? f->inode->size
									   : (uint32_t)f->pos, buf, n);

	if (done > 0)
		f->pos += (uint32_t)done;
	return done;
}

static int32_t regular_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	uint64_t limit = p->rlimit[LX_RLIMIT_FSIZE].cur;
	int32_t done;

	if (f->flags & LX_O_APPEND)
		f->pos = f->inode->size;
	if (n && f->pos >= limit) {	/* RLIMIT_FSIZE: SIGXFSZ, and EFBIG if it lives */
		p->call_signal = LX_SIGXFSZ, p->attention = true;
		return -LX_EFBIG;
	}
	if (n > limit - f->pos)
		n = (uint32_t)(limit - f->pos);
	if (!n)
		return 0;
	if (f->pos > RAMFS_FILE_MAX)
		return -LX_EFBIG;
	done = ramfs_write_user(p, f->inode, (uint32_t)f->pos, buf, n);
	if (done > 0)
		f->pos += (uint32_t)done;
	return done;
}

static int32_t dir_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)p, (void)f, (void)buf, (void)n;
	return -LX_EISDIR;
}

static int32_t no_ioctl(struct process *p, struct file *f, uint32_t cmd, uint32_t arg)
{
	(void)p, (void)f, (void)cmd, (void)arg;
	return -LX_ENOTTY;
}

/* Files and memory devices never make a reader or writer wait. */
static uint32_t always_ready(struct file *f)
{
	(void)f;
	return LX_POLLIN | LX_POLLOUT;
}

static const struct file_ops regular_ops = { regular_read, regular_write, no_ioctl, always_ready,
					     true };
static const struct file_ops dir_ops = { dir_read, dir_read, no_ioctl, always_ready, true };

static int32_t null_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)p, (void)f, (void)buf, (void)n;
	return 0;
}

static int32_t sink_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)p, (void)f, (void)buf;
	return (int32_t)n;
}

/* Fills the user buffer from fill(chunk) a page at a time. */
int32_t fill_user(struct process *p, uint32_t buf, uint32_t n, bool random)
{
	uint8_t *chunk = random ? page_alloc() : (uint8_t *)zero_page;
	uint32_t done = 0;

	if (!chunk)
		return -LX_ENOMEM;
	while (done < n) {
		uint32_t k = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;

		if (random)
			random_bytes(chunk, k);
		if (copy_to_user(p, buf + done, chunk, k))
			break;
		done += k;
	}
	if (random)
		page_free(chunk);
	return done || !n ? (int32_t)done : -LX_EFAULT;
}

static int32_t zero_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)f;
	return fill_user(p, buf, n, false);
}

static int32_t random_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	(void)f;
	return fill_user(p, buf, n, true);
}

static const struct file_ops null_ops = { null_read, sink_write, no_ioctl, always_ready, true };
static const struct file_ops zero_ops = { zero_read, sink_write, no_ioctl, always_ready, true };
static const struct file_ops random_ops = { random_read, sink_write, no_ioctl, always_ready,
					    true };

const struct file_ops *device_ops(uint32_t rdev)
{
	switch (rdev) {
	case DEV(1, 3):
		return &null_ops;
	case DEV(1, 5):
		return &zero_ops;
	case DEV(1, 8):
	case DEV(1, 9):
		return &random_ops;
	case DEV(5, 0):
	case DEV(5, 1):
	case DEV(4, 64):
		return &tty_ops;
	default:
		return NULL;
	}
}

static void file_free(struct file *f)
{
	inode_put(f->inode);
	if (f->where)
		inode_put(f->where);
	heap_free(f);
}

int file_open(struct process *p, struct inode *dir, const char *path, uint32_t flags,
	      uint32_t mode, struct file **out)
{
	struct inode *in, *where;
	struct file *f;
	int err = path_lookup_in(p, dir, path, !(flags & LX_O_NOFOLLOW), &in, &where);

	if (err == -LX_ENOENT && (flags & LX_O_CREAT)) {
		char name[NAME_MAX_LEN + 1];

		if ((err = path_parent(p, dir, path, &where, name)))
			return err;
		if (!(in = inode_new(LX_S_IFREG | (mode & 07777 & ~(p ? p->umask : 0)))))
			return -LX_ENOSPC;
		in->nlink = 0;
		if ((err = ramfs_link(where, name, in))) {
			inode_free(in);
			return err;
		}
	} else if (err) {
		return err;
	} else if ((flags & LX_O_CREAT) && (flags & LX_O_EXCL)) {
		return -LX_EEXIST;
	}
	if (LX_S_ISLNK(in->mode))
		return -LX_ELOOP;		/* O_NOFOLLOW on a symlink */
	if ((flags & LX_O_DIRECTORY) && !LX_S_ISDIR(in->mode))
		return -LX_ENOTDIR;
	if (LX_S_ISDIR(in->mode) && (flags & LX_O_ACCMODE) != LX_O_RDONLY)
		return -LX_EISDIR;
	f = heap_alloc(sizeof(*f));
	if (!f)
		return -LX_ENOMEM;
	f->refs = 1;
	f->inode = inode_get(in);
	f->where = where ? inode_get(where) : NULL;
	f->flags = flags & ~(LX_O_CREAT | LX_O_EXCL | LX_O_TRUNC | LX_O_CLOEXEC);
	if (in->proc && LX_S_ISREG(in->mode)) {
		f->ops = &procfs_ops;
		if ((flags & LX_O_ACCMODE) != LX_O_RDONLY) {
			file_free(f);
			return -LX_EACCES;
		}
	} else if (LX_S_ISREG(in->mode)) {
		f->ops = &regular_ops;
		if ((flags & LX_O_TRUNC) && (flags & LX_O_ACCMODE) != LX_O_RDONLY)
			ramfs_truncate(in, 0);
	} else if (LX_S_ISDIR(in->mode)) {
		f->ops = &dir_ops;
	} else if (LX_S_ISCHR(in->mode) && (f->ops = device_ops(in->rdev))) {
	} else if (LX_S_ISFIFO(in->mode)) {
		if ((err = fifo_open(f, in))) {
			file_free(f);
			return err;
		}
	} else {
		file_free(f);
		return -LX_ENXIO;
	}
	*out = f;
	return 0;
}

struct file *file_get(struct process *p, int32_t fd)
{
	if (fd < 0 || fd >= FDS_MAX)
		return NULL;
	return p->fds[fd];
}

static void pipe_end_closed(struct file *f);

void file_put(struct file *f)
{
	if (--f->refs == 0) {
		if (f->pipe)
			pipe_end_closed(f);
		file_free(f);
	}
}

uint32_t fd_limit(const struct process *p)
{
	uint64_t n = p->rlimit[LX_RLIMIT_NOFILE].cur;

	return n < FDS_MAX ? (uint32_t)n : FDS_MAX;
}

int fd_install(struct process *p, struct file *f, int32_t from)
{
	for (int32_t fd = from; fd < (int32_t)fd_limit(p); fd++)
		if (!p->fds[fd]) {
			p->fds[fd] = f;
			p->cloexec[fd] = 0;
			return fd;
		}
	return -LX_EMFILE;
}

/* ---- pipes and FIFOs ---------------------------------------------------------
 * 64 KB of buffer, as Linux's default, in pages allocated as data first
 * reaches them and kept until the pipe goes. A reader waits while it is
 * empty and a writer is left; a writer waits while it is full and a reader
 * is left, and a write of at most PIPE_BUF bytes waits for room for all of
 * it (it is never mixed with another's). Without readers a write fails
 * with EPIPE (SIGPIPE comes with signals). A pipe hangs off its inode while
 * any end is open: a FIFO's, or the nameless one of pipe(2) (which
 * /proc/<pid>/fd/N opens again). An O_RDWR end is both a reader and a
 * writer. */
#define PIPE_PAGES	16
#define PIPE_SIZE	(PIPE_PAGES * PAGE_SIZE)
#define PIPE_BUF	PAGE_SIZE	/* POSIX's atomic write size: Linux's 4096 */

struct pipe {
	uint8_t *pages[PIPE_PAGES];
	uint32_t head, tail;		/* bytes written, read */
	uint32_t readers, writers;
	uint32_t reader_opens, writer_opens;	/* ever: what a FIFO's open waits for */
	struct inode *inode;
	bool nameless;			/* pipe(2)'s: its opens never wait */
	struct waitq can_read, can_write, opened;
};

static bool reads(const struct file *f)
{
	return (f->flags & LX_O_ACCMODE) != LX_O_WRONLY;
}

static bool writes(const struct file *f)
{
	return (f->flags & LX_O_ACCMODE) != LX_O_RDONLY;
}

/* The contiguous bytes at position pos of the ring, at most n and up to the
 * end of pos's page: where they are, NULL if that page cannot be had. */
static uint8_t *pipe_span(struct pipe *pp, uint32_t pos, uint32_t *n)
{
	uint32_t page = pos / PAGE_SIZE % PIPE_PAGES, at = pos % PAGE_SIZE;

	if (*n > PAGE_SIZE - at)
		*n = PAGE_SIZE - at;
	if (!pp->pages[page] && !(pp->pages[page] = page_alloc_user()))
		return NULL;
	return pp->pages[page] + at;
}

static int32_t pipe_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	struct pipe *pp = f->pipe;
	uint32_t done = 0;

	while (pp->head == pp->tail) {
		if (!pp->writers || !n)
			return 0;
		if (f->flags & LX_O_NONBLOCK)
			return -LX_EAGAIN;
		if (!coro_wait(&pp->can_read))
			return -LX_EINTR;
	}
	while (done < n && pp->head != pp->tail) {
		uint32_t k = pp->head - pp->tail < n - done ? pp->head - pp->tail : n - done;
		uint8_t *from = pipe_span(pp, pp->tail, &k);	/* (written: present) */

		if (copy_to_user(p, buf + done, from, k))
			return done ? (int32_t)done : -LX_EFAULT;
		pp->tail += k;
		done += k;
	}
	io_wake(&pp->can_write);
	return (int32_t)done;
}

static int32_t pipe_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	struct pipe *pp = f->pipe;
	uint32_t done = 0, need = n <= PIPE_BUF ? n : 1;	/* room to wait for */

	while (done < n) {
		uint32_t room = PIPE_SIZE - (pp->head - pp->tail), k;
		uint8_t *to;

		if (!pp->readers) {
			if (!done)
				p->call_signal = LX_SIGPIPE, p->attention = true;
			return done ? (int32_t)done : -LX_EPIPE;
		}
		if (room < need) {
			if (f->flags & LX_O_NONBLOCK)
				return done ? (int32_t)done : -LX_EAGAIN;
			if (!coro_wait(&pp->can_write))
				return done ? (int32_t)done : -LX_EINTR;
			continue;
		}
		k = room < n - done ? room : n - done;
		if (!(to = pipe_span(pp, pp->head, &k)))
			return done ? (int32_t)done : -LX_ENOMEM;
		if (copy_from_user(p, to, buf + done, k))
			return done ? (int32_t)done : -LX_EFAULT;
		pp->head += k;
		done += k;
		io_wake(&pp->can_read);
	}
	return (int32_t)done;
}

static int32_t pipe_ioctl(struct process *p, struct file *f, uint32_t cmd, uint32_t arg)
{
	uint32_t queued = f->pipe->head - f->pipe->tail;

	if (cmd != LX_FIONREAD)
		return -LX_ENOTTY;
	return copy_to_user(p, arg, &queued, sizeof(queued)) ? -LX_EFAULT : 0;
}

static uint32_t pipe_poll(struct file *f)
{
	struct pipe *pp = f->pipe;
	uint32_t ready = 0;

	if (reads(f))
		ready |= (pp->head != pp->tail ? LX_POLLIN : 0) | (!pp->writers ? LX_POLLHUP : 0);
	if (writes(f))
		ready |= (pp->head - pp->tail < PIPE_SIZE ? LX_POLLOUT : 0) |
			 (!pp->readers ? LX_POLLERR : 0);
	return ready;
}

static const struct file_ops pipe_ops = { pipe_read, pipe_write, pipe_ioctl, pipe_poll, false };

static void pipe_free(struct pipe *pp)
{
	pp->inode->pipe = NULL;
	for (uint32_t i = 0; i < PIPE_PAGES; i++)
		if (pp->pages[i])
			page_free(pp->pages[i]);
	heap_free(pp);
}

static void pipe_end_closed(struct file *f)
{
	struct pipe *pp = f->pipe;

	pp->readers -= reads(f);
	pp->writers -= writes(f);
	io_wake(&pp->can_read);
	io_wake(&pp->can_write);
	if (!pp->readers && !pp->writers)	/* a FIFO's data goes too */
		pipe_free(pp);
}

static struct pipe *pipe_new(struct inode *in)
{
	struct pipe *pp = heap_alloc(sizeof(*pp));

	if (!pp)
		return NULL;
	memset(pp, 0, sizeof(*pp));
	pp->inode = in;
	in->pipe = pp;
	return pp;
}

int fifo_open(struct file *f, struct inode *in)
{
	struct pipe *pp = in->pipe ? in->pipe : pipe_new(in);
	bool rd = reads(f), wr = writes(f);
	uint32_t seen;

	if (!pp)
		return -LX_ENOMEM;
	f->pipe = pp;
	f->ops = &pipe_ops;
	pp->readers += rd;
	pp->writers += wr;
	pp->reader_opens += rd;
	pp->writer_opens += wr;
	io_wake(&pp->opened);
	if ((rd && wr) || pp->nameless)
		return 0;
	if (wr && !pp->readers && (f->flags & LX_O_NONBLOCK)) {
		pipe_end_closed(f);
		return -LX_ENXIO;
	}
	if (f->flags & LX_O_NONBLOCK)
		return 0;
	/* until the other side has been opened (it may be closed again) */
	seen = rd ? pp->writer_opens : pp->reader_opens;
	while ((rd ? !pp->writers && pp->writer_opens == seen : !pp->readers && pp->reader_opens == seen))
		if (!coro_wait(&pp->opened)) {
			pipe_end_closed(f);
			return -LX_EINTR;
		}
	return 0;
}

int pipe_create(struct file **read_end, struct file **write_end)
{
	struct inode *in = inode_new(LX_S_IFIFO | 0600);
	struct pipe *pp = in ? pipe_new(in) : NULL;
	struct file *r = heap_alloc(sizeof(*r)), *w = heap_alloc(sizeof(*w));

	if (!pp || !r || !w) {
		if (pp)
			pipe_free(pp);
		heap_free(r);
		heap_free(w);
		if (in)
			inode_free(in);
		return -LX_ENFILE;
	}
	in->nlink = 0;			/* in no directory: goes with its last end */
	pp->nameless = true;
	pp->readers = pp->writers = 1;
	*r = (struct file){ .refs = 1, .inode = inode_get(in), .flags = LX_O_RDONLY, .ops = &pipe_ops,
			    .pipe = pp };
	*w = (struct file){ .refs = 1, .inode = inode_get(in), .flags = LX_O_WRONLY, .ops = &pipe_ops,
			    .pipe = pp };
	*read_end = r;
	*write_end = w;
	return 0;
}
