/* Open files and descriptors, and the character devices of devfs: the
 * device nodes in the initramfs name them by number (null 1,3; zero 1,5;
 * random 1,8; urandom 1,9; tty 5,0; console 5,1; ttyS0 4,64). */
#include "server.h"

#define DEV(major, minor)	((major) << 8 | (minor))

static int32_t regular_read(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	uint8_t *chunk;
	uint32_t done = 0;

	if (f->pos >= f->inode->size)
		return 0;
	if (n > f->inode->size - f->pos)
		n = f->inode->size - (uint32_t)f->pos;
	chunk = page_alloc();
	if (!chunk)
		return -LX_ENOMEM;
	while (done < n) {
		uint32_t k = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;

		ramfs_read(f->inode, (uint32_t)f->pos, chunk, k);
		if (copy_to_user(p, buf + done, chunk, k)) {
			page_free(chunk);
			return done ? (int32_t)done : -LX_EFAULT;
		}
		f->pos += k;
		done += k;
	}
	page_free(chunk);
	return (int32_t)done;
}

static int32_t regular_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	uint8_t *chunk;
	uint32_t done = 0;

	if (f->flags & LX_O_APPEND)
		f->pos = f->inode->size;
	chunk = page_alloc();
	if (!chunk)
		return -LX_ENOMEM;
	while (done < n) {
		uint32_t k = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;
		int w;

		if (copy_from_user(p, chunk, buf + done, k)) {
			page_free(chunk);
			return done ? (int32_t)done : -LX_EFAULT;
		}
		w = f->pos > RAMFS_FILE_MAX ? -LX_EFBIG : ramfs_write(f->inode, (uint32_t)f->pos, chunk, k);
		if (w < 0) {
			page_free(chunk);
			return done ? (int32_t)done : w;
		}
		f->pos += (uint32_t)w;
		done += (uint32_t)w;
		if ((uint32_t)w < k)
			break;
	}
	page_free(chunk);
	return (int32_t)done;
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
static uint32_t always_ready(struct file *f, struct waitq **wq)
{
	(void)f;
	*wq = NULL;
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
	uint8_t *chunk = page_alloc();
	uint32_t done = 0;

	if (!chunk)
		return -LX_ENOMEM;
	while (done < n) {
		uint32_t k = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;

		if (random)
			random_bytes(chunk, k);
		if (copy_to_user(p, buf + done, chunk, k)) {
			page_free(chunk);
			return done ? (int32_t)done : -LX_EFAULT;
		}
		done += k;
	}
	page_free(chunk);
	return (int32_t)done;
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

int file_open(struct process *p, struct inode *dir, const char *path, uint32_t flags,
	      uint32_t mode, struct file **out)
{
	struct inode *in;
	struct file *f;
	int err = path_lookup(p, dir, path, !(flags & LX_O_NOFOLLOW), &in);

	if (err == -LX_ENOENT && (flags & LX_O_CREAT)) {
		char name[NAME_MAX_LEN + 1];
		struct inode *parent;

		if ((err = path_parent(p, dir, path, &parent, name)))
			return err;
		if (!(in = inode_new(LX_S_IFREG | (mode & 07777 & ~(p ? p->umask : 0)))))
			return -LX_ENOSPC;
		in->nlink = 0;
		if ((err = ramfs_link(parent, name, in))) {
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
	f->flags = flags & ~(LX_O_CREAT | LX_O_EXCL | LX_O_TRUNC | LX_O_CLOEXEC);
	if (in->proc && LX_S_ISREG(in->mode)) {
		f->ops = &procfs_ops;
		if ((flags & LX_O_ACCMODE) != LX_O_RDONLY) {
			inode_put(in);
			heap_free(f);
			return -LX_EACCES;
		}
	} else if (LX_S_ISREG(in->mode)) {
		f->ops = &regular_ops;
		if ((flags & LX_O_TRUNC) && (flags & LX_O_ACCMODE) != LX_O_RDONLY)
			ramfs_truncate(in, 0);
	} else if (LX_S_ISDIR(in->mode)) {
		f->ops = &dir_ops;
	} else if (LX_S_ISCHR(in->mode) && (f->ops = device_ops(in->rdev))) {
	} else {
		inode_put(in);
		heap_free(f);
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
		inode_put(f->inode);
		heap_free(f);
	}
}

int fd_install(struct process *p, struct file *f, int32_t from)
{
	for (int32_t fd = from; fd < FDS_MAX; fd++)
		if (!p->fds[fd]) {
			p->fds[fd] = f;
			p->cloexec[fd] = 0;
			return fd;
		}
	return -LX_EMFILE;
}

/* ---- pipes ---------------------------------------------------------------
 * One page of buffer. A reader waits while it is empty and a writer is
 * left; a writer waits while it is full and a reader is left. Without
 * readers a write fails with EPIPE (SIGPIPE comes with signals). */
#define PIPE_SIZE PAGE_SIZE

struct pipe {
	uint8_t *buf;
	uint32_t head, tail;		/* bytes written, read */
	uint32_t readers, writers;
	struct waitq can_read, can_write;
};

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
		uint32_t at = pp->tail % PIPE_SIZE, k = pp->head - pp->tail;

		if (k > PIPE_SIZE - at)
			k = PIPE_SIZE - at;
		if (k > n - done)
			k = n - done;
		if (copy_to_user(p, buf + done, pp->buf + at, k))
			return done ? (int32_t)done : -LX_EFAULT;
		pp->tail += k;
		done += k;
	}
	coro_wake(&pp->can_write);
	return (int32_t)done;
}

static int32_t pipe_write(struct process *p, struct file *f, uint32_t buf, uint32_t n)
{
	struct pipe *pp = f->pipe;
	uint32_t done = 0;

	while (done < n) {
		uint32_t at, k;

		if (!pp->readers) {
			if (!done)
				p->sigpipe = p->attention = true;	/* SIGPIPE at the end */
			return done ? (int32_t)done : -LX_EPIPE;
		}
		if (pp->head - pp->tail == PIPE_SIZE) {
			if (f->flags & LX_O_NONBLOCK)
				return done ? (int32_t)done : -LX_EAGAIN;
			if (!coro_wait(&pp->can_write))
				return done ? (int32_t)done : -LX_EINTR;
			continue;
		}
		at = pp->head % PIPE_SIZE;
		k = PIPE_SIZE - (pp->head - pp->tail);
		if (k > PIPE_SIZE - at)
			k = PIPE_SIZE - at;
		if (k > n - done)
			k = n - done;
		if (copy_from_user(p, pp->buf + at, buf + done, k))
			return done ? (int32_t)done : -LX_EFAULT;
		pp->head += k;
		done += k;
		coro_wake(&pp->can_read);
	}
	return (int32_t)done;
}

static uint32_t pipe_poll(struct file *f, struct waitq **wq)
{
	struct pipe *pp = f->pipe;

	if ((f->flags & LX_O_ACCMODE) == LX_O_RDONLY) {
		*wq = &pp->can_read;
		return (pp->head != pp->tail ? LX_POLLIN : 0) | (!pp->writers ? LX_POLLHUP : 0);
	}
	*wq = &pp->can_write;
	return (pp->head - pp->tail < PIPE_SIZE ? LX_POLLOUT : 0) | (!pp->readers ? LX_POLLERR : 0);
}

static const struct file_ops pipe_ops = { pipe_read, pipe_write, no_ioctl, pipe_poll, false };

static void pipe_end_closed(struct file *f)
{
	struct pipe *pp = f->pipe;

	if ((f->flags & LX_O_ACCMODE) == LX_O_RDONLY)
		pp->readers--;
	else
		pp->writers--;
	coro_wake(&pp->can_read);
	coro_wake(&pp->can_write);
	if (!pp->readers && !pp->writers) {
		page_free(pp->buf);
		heap_free(pp);
	}
}

int pipe_create(struct file **read_end, struct file **write_end)
{
	struct pipe *pp = heap_alloc(sizeof(*pp));
	struct inode *in = inode_new(LX_S_IFIFO | 0600);
	struct file *r = heap_alloc(sizeof(*r)), *w = heap_alloc(sizeof(*w));

	if (!pp || !in || !r || !w || !(pp->buf = page_alloc_user())) {
		heap_free(pp);
		heap_free(r);
		heap_free(w);
		if (in)
			inode_free(in);
		return -LX_ENFILE;
	}
	in->nlink = 0;			/* in no directory: goes with its last end */
	pp->readers = pp->writers = 1;
	*r = (struct file){ 1, inode_get(in), LX_O_RDONLY, 0, &pipe_ops, pp };
	*w = (struct file){ 1, inode_get(in), LX_O_WRONLY, 0, &pipe_ops, pp };
	*read_end = r;
	*write_end = w;
	return 0;
}
