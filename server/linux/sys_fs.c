/* System calls on open files: descriptors, reading and writing (also at an
 * offset, and sendfile), seeking, metadata, directory listings, terminals;
 * and the path helpers every *at call uses. Names and attributes are
 * sys_names.c's, waiting for descriptors (poll, select) sys_poll.c's. */
#include "server.h"

#define IOV_MAX		1024
#define IO_MAX		0x7ffff000u	/* Linux's largest single transfer */

/* The user's path in a fresh page (page_free it), or -errno. */
int get_path(struct process *p, uint32_t user, char **out)
{
	char *buf = page_alloc();
	int n;

	if (!buf)
		return -LX_ENOMEM;
	n = strncpy_from_user(p, buf, user, PATH_MAX_LEN);
	if (n < 0) {
		page_free(buf);
		return n;
	}
	*out = buf;
	return 0;
}

/* The directory a *at call's relative path starts from (NULL: the cwd). */
static int at_dir(struct process *p, int32_t dirfd, const char *path, struct inode **dir)
{
	struct file *f;

	*dir = NULL;
	if (path[0] == '/' || dirfd == LX_AT_FDCWD)
		return 0;
	if (!(f = file_get(p, dirfd)))
		return -LX_EBADF;
	if (!LX_S_ISDIR(f->inode->mode))
		return -LX_ENOTDIR;
	*dir = f->inode;
	return 0;
}

/* A *at call's path, in a fresh page (page_free it), and the directory a
 * relative one starts from (NULL: the working directory). */
int user_path_at(struct process *p, int32_t dirfd, uint32_t upath, char **path, struct inode **dir)
{
	int err;

	if ((err = get_path(p, upath, path)))
		return err;
	if ((err = at_dir(p, dirfd, *path, dir)))
		page_free(*path);
	return err;
}

/* The inode a *at call names (following a final symlink if follow). */
int inode_at(struct process *p, int32_t dirfd, uint32_t upath, bool follow, struct inode **out)
{
	struct inode *dir;
	char *path;
	int err;

	if ((err = user_path_at(p, dirfd, upath, &path, &dir)))
		return err;
	err = path_lookup(p, dir, path, follow, out);
	page_free(path);
	return err;
}

/* The directory and last name of a *at call's path. */
int parent_at(struct process *p, int32_t dirfd, uint32_t upath, struct inode **parent, char *name)
{
	struct inode *dir;
	char *path;
	int err;

	if ((err = user_path_at(p, dirfd, upath, &path, &dir)))
		return err;
	err = path_parent(p, dir, path, parent, name);
	page_free(path);
	return err;
}

static int32_t do_openat(struct process *p, int32_t dirfd, uint32_t upath, uint32_t flags,
			 uint32_t mode)
{
	struct inode *dir;
	struct file *f;
	char *path;
	int err, fd;

	if ((err = user_path_at(p, dirfd, upath, &path, &dir)))
		return err;
	err = file_open(p, dir, path, flags, mode, &f);
	page_free(path);
	if (err)
		return err;
	fd = fd_install(p, f, 0);
	if (fd < 0)
		file_put(f);
	else
		p->cloexec[fd] = !!(flags & LX_O_CLOEXEC);
	return fd;
}

SYSCALL(open)
{
	return do_openat(p, LX_AT_FDCWD, a[0], a[1], a[2]);
}

SYSCALL(openat)
{
	return do_openat(p, (int32_t)a[0], a[1], a[2], a[3]);
}

SYSCALL(close)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	if (!f)
		return -LX_EBADF;
	p->fds[a[0]] = NULL;
	file_put(f);
	return 0;
}

static struct file *readable_file(struct process *p, uint32_t fd)
{
	struct file *f = file_get(p, (int32_t)fd);

	return f && (f->flags & LX_O_ACCMODE) != LX_O_WRONLY ? f : NULL;
}

struct file *writable_file(struct process *p, uint32_t fd)
{
	struct file *f = file_get(p, (int32_t)fd);

	return f && (f->flags & LX_O_ACCMODE) != LX_O_RDONLY ? f : NULL;
}

SYSCALL(read)
{
	struct file *f = readable_file(p, a[0]);

	if (!f)
		return -LX_EBADF;
	return f->ops->read(p, f, a[1], a[2] > IO_MAX ? IO_MAX : a[2]);
}

SYSCALL(write)
{
	struct file *f = writable_file(p, a[0]);

	if (!f)
		return -LX_EBADF;
	return f->ops->write(p, f, a[1], a[2] > IO_MAX ? IO_MAX : a[2]);
}

/* pread64, pwrite64 (fd, buf, count, offset low, high): at the offset,
 * the file's own position unchanged; only seekable files. A regular file's
 * read and write never wait, so nobody sees the borrowed position. */
static int32_t positioned_io(struct process *p, const uint32_t *a, bool write)
{
	struct file *f = write ? writable_file(p, a[0]) : readable_file(p, a[0]);
	int64_t at = (int64_t)((uint64_t)a[4] << 32 | a[3]);
	uint64_t saved;
	int32_t n;

	if (!f)
		return -LX_EBADF;
	if (!f->ops->seekable || f->pipe)
		return -LX_ESPIPE;
	if (at < 0)
		return -LX_EINVAL;
	saved = f->pos;
	f->pos = (uint64_t)at;		/* (with O_APPEND a write appends, as on Linux) */
	n = write ? f->ops->write(p, f, a[1], a[2] > IO_MAX ? IO_MAX : a[2])
		  : f->ops->read(p, f, a[1], a[2] > IO_MAX ? IO_MAX : a[2]);
	f->pos = saved;
	return n;
}

SYSCALL(pread64)
{
	return positioned_io(p, a, false);
}

SYSCALL(pwrite64)
{
	return positioned_io(p, a, true);
}

static int32_t vector_io(struct process *p, const uint32_t *a, bool write)
{
	struct file *f = write ? writable_file(p, a[0]) : readable_file(p, a[0]);
	uint32_t total = 0;

	if (!f)
		return -LX_EBADF;
	if (a[2] > IOV_MAX)
		return -LX_EINVAL;
	for (uint32_t i = 0; i < a[2]; i++) {
		struct lx_iovec v;
		int32_t n;

		if (copy_from_user(p, &v, a[1] + i * sizeof(v), sizeof(v)))
			return total ? (int32_t)total : -LX_EFAULT;
		if (v.len > IO_MAX - total)
			return total ? (int32_t)total : -LX_EINVAL;
		if (!v.len)
			continue;
		n = write ? f->ops->write(p, f, v.base, v.len) : f->ops->read(p, f, v.base, v.len);
		if (n < 0)
			return total ? (int32_t)total : n;
		total += (uint32_t)n;
		if ((uint32_t)n < v.len)
			break;
	}
	return (int32_t)total;
}

SYSCALL(readv)
{
	return vector_io(p, a, false);
}

SYSCALL(writev)
{
	return vector_io(p, a, true);
}

static int32_t seek(struct file *f, int64_t offset, uint32_t whence, uint64_t *result)
{
	int64_t base;

	if (!f->ops->seekable)
		return -LX_ESPIPE;
	switch (whence) {
	case LX_SEEK_SET:
		base = 0;
		break;
	case LX_SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case LX_SEEK_END:
		base = f->inode->size;
		break;
	default:
		return -LX_EINVAL;
	}
	if (base + offset < 0)
		return -LX_EINVAL;
	f->pos = (uint64_t)(base + offset);
	*result = f->pos;
	return 0;
}

SYSCALL(lseek)
{
	struct file *f = file_get(p, (int32_t)a[0]);
	uint64_t pos;
	int32_t err;

	if (!f)
		return -LX_EBADF;
	if ((err = seek(f, (int32_t)a[1], a[2], &pos)))
		return err;
	if (pos > 0x7fffffff)
		return -LX_EOVERFLOW;
	return (int32_t)pos;
}

SYSCALL(llseek)
{
	struct file *f = file_get(p, (int32_t)a[0]);
	uint64_t pos, old;
	int32_t err;

	if (!f)
		return -LX_EBADF;
	old = f->pos;
	if ((err = seek(f, (int64_t)((uint64_t)a[1] << 32 | a[2]), a[4], &pos)))
		return err;
	if (copy_to_user(p, a[3], &pos, sizeof(pos))) {
		f->pos = old;
		return -LX_EFAULT;
	}
	return 0;
}

/* A directory's size as Linux's tmpfs (the initramfs's rootfs) counts it:
 * 20 bytes an entry, with "." and ".."; procfs's are 0. */
static uint32_t dir_size(const struct inode *dir)
{
	uint32_t n = 2;

	if (dir->proc)
		return 0;
	for (const struct dentry *d = dir->children; d; d = d->next)
		n++;
	return 20 * n;
}

static int32_t put_stat(struct process *p, struct inode *in, uint32_t user)
{
	struct lx_stat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = 1;
	st.st_ino_low = st.st_ino = in->ino;
	st.st_mode = in->mode;
	st.st_nlink = in->nlink;
	st.st_uid = in->uid;
	st.st_gid = in->gid;
	st.st_rdev = in->rdev;
	st.st_size = LX_S_ISDIR(in->mode) ? dir_size(in) : in->size;
	st.st_blksize = PAGE_SIZE;
	st.st_blocks = (in->size + 511) / 512;
	st.st_atime = st.st_mtime = st.st_ctime = in->mtime;
	return copy_to_user(p, user, &st, sizeof(st));
}

/* statx(2)'s record of an inode: what put_stat says, in its own layout. */
static int32_t put_statx(struct process *p, struct inode *in, uint32_t user)
{
	struct lx_statx st;

	memset(&st, 0, sizeof(st));
	st.stx_mask = LX_STATX_BASIC_STATS;
	st.stx_blksize = PAGE_SIZE;
	st.stx_nlink = in->nlink;
	st.stx_uid = in->uid;
	st.stx_gid = in->gid;
	st.stx_mode = (uint16_t)in->mode;
	st.stx_ino = in->ino;
	st.stx_size = LX_S_ISDIR(in->mode) ? dir_size(in) : in->size;
	st.stx_blocks = (in->size + 511) / 512;
	st.stx_atime.tv_sec = st.stx_mtime.tv_sec = st.stx_ctime.tv_sec = in->mtime;
	st.stx_rdev_major = (in->rdev >> 8) & 0xfff;	/* Linux's dev_t encoding */
	st.stx_rdev_minor = (in->rdev & 0xff) | ((in->rdev >> 12) & 0xfff00);
	st.stx_dev_minor = 1;				/* put_stat's st_dev */
	return copy_to_user(p, user, &st, sizeof(st));
}

/* The inode a *stat call names (flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH
 * and, for statx, what it may add) written by put (put_stat, put_statx). */
static int32_t stat_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t buf,
		       uint32_t flags, int32_t (*put)(struct process *, struct inode *, uint32_t))
{
	struct inode *dir, *in;
	char *path;
	int err;

	if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -LX_EINVAL;
	if ((err = get_path(p, upath, &path)))
		return err;
	if (!path[0] && (flags & LX_AT_EMPTY_PATH)) {
		struct file *f = dirfd == LX_AT_FDCWD ? NULL : file_get(p, dirfd);

		page_free(path);
		if (dirfd == LX_AT_FDCWD)
			return put(p, p->cwd, buf);
		return f ? put(p, f->inode, buf) : -LX_EBADF;
	}
	if (!(err = at_dir(p, dirfd, path, &dir)))
		err = path_lookup(p, dir, path, !(flags & LX_AT_SYMLINK_NOFOLLOW), &in);
	page_free(path);
	return err ? err : put(p, in, buf);
}

/* statx(dirfd, path, flags, mask, buf): every basic field, whatever the
 * mask asks (as Linux may); no birth time. */
SYSCALL(statx)
{
	uint32_t flags = a[2] & ~(LX_AT_NO_AUTOMOUNT | LX_AT_STATX_SYNC_TYPE);

	if ((a[2] & LX_AT_STATX_SYNC_TYPE) == LX_AT_STATX_SYNC_TYPE)
		return -LX_EINVAL;
	if (a[3] & 0x80000000u)		/* STATX__RESERVED */
		return -LX_EINVAL;
	return stat_at(p, (int32_t)a[0], a[1], a[4], flags, put_statx);
}

SYSCALL(stat64)
{
	return stat_at(p, LX_AT_FDCWD, a[0], a[1], 0, put_stat);
}

SYSCALL(lstat64)
{
	return stat_at(p, LX_AT_FDCWD, a[0], a[1], LX_AT_SYMLINK_NOFOLLOW, put_stat);
}

SYSCALL(fstatat64)
{
	return stat_at(p, (int32_t)a[0], a[1], a[2], a[3], put_stat);
}

SYSCALL(fstat64)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	return f ? put_stat(p, f->inode, a[1]) : -LX_EBADF;
}

static uint8_t dirent_type(uint32_t mode)
{
	switch (mode & LX_S_IFMT) {
	case LX_S_IFDIR:
		return LX_DT_DIR;
	case LX_S_IFREG:
		return LX_DT_REG;
	case LX_S_IFLNK:
		return LX_DT_LNK;
	case LX_S_IFCHR:
		return LX_DT_CHR;
	case LX_S_IFBLK:
		return LX_DT_BLK;
	default:
		return LX_DT_UNKNOWN;
	}
}

/* Entries in order: ".", "..", then the names; f->pos counts them. */
SYSCALL(getdents64)
{
	struct file *f = file_get(p, (int32_t)a[0]);
	uint8_t record[sizeof(struct lx_dirent64) + NAME_MAX_LEN + 8];
	char proc_name[NAME_MAX_LEN + 1];
	uint32_t done = 0, index = 0;
	struct dentry *d;

	if (!f)
		return -LX_EBADF;
	if (!LX_S_ISDIR(f->inode->mode))
		return -LX_ENOTDIR;
	d = f->inode->children;
	for (;; index++) {
		struct lx_dirent64 *e = (struct lx_dirent64 *)record;
		const char *name;
		struct inode *in;
		uint32_t len;

		if (index == 0) {
			name = ".", in = f->inode;
		} else if (index == 1) {
			name = "..", in = f->inode->parent;
		} else if (f->inode->proc) {
			if (!procfs_entry(p, f->inode, index - 2, proc_name, &in))
				break;
			name = proc_name;
		} else {
			if (!d)
				break;
			name = d->name, in = d->inode;
			d = d->next;
		}
		if (index < f->pos)
			continue;
		len = (uint32_t)strlen(name);
		e->d_ino = in->ino;
		e->d_off = (int64_t)index + 1;
		e->d_reclen = (uint16_t)((sizeof(*e) + len + 1 + 7) & ~7u);
		e->d_type = dirent_type(in->mode);
		memcpy(e->d_name, name, len + 1);
		if (done + e->d_reclen > a[2])
			return done ? (int32_t)done : -LX_EINVAL;
		if (copy_to_user(p, a[1] + done, e, e->d_reclen))
			return done ? (int32_t)done : -LX_EFAULT;
		done += e->d_reclen;
		f->pos = index + 1;
	}
	return (int32_t)done;
}

SYSCALL(ioctl)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	if (!f)
		return -LX_EBADF;
	return f->ops->ioctl(p, f, a[1], a[2]);
}

SYSCALL(fcntl64)
{
	struct file *f = file_get(p, (int32_t)a[0]);
	int32_t fd;

	if (!f)
		return -LX_EBADF;
	switch (a[1]) {
	case LX_F_DUPFD:
	case LX_F_DUPFD_CLOEXEC:
		if (a[2] >= fd_limit(p))
			return -LX_EINVAL;
		if ((fd = fd_install(p, f, (int32_t)a[2])) >= 0) {
			f->refs++;
			p->cloexec[fd] = a[1] == LX_F_DUPFD_CLOEXEC;
		}
		return fd;
	case LX_F_GETFD:
		return p->cloexec[a[0]] ? LX_FD_CLOEXEC : 0;
	case LX_F_SETFD:
		p->cloexec[a[0]] = a[2] & LX_FD_CLOEXEC;
		return 0;
	case LX_F_GETFL:
		return (int32_t)f->flags;
	case LX_F_SETFL:
		f->flags = (f->flags & ~(LX_O_APPEND | LX_O_NONBLOCK)) |
			   (a[2] & (LX_O_APPEND | LX_O_NONBLOCK));
		return 0;
	default:
		return -LX_EINVAL;
	}
}

static int32_t readlink_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t buf,
			   int32_t size)
{
	struct inode *in;
	char *text;
	int32_t err, n;

	if (size <= 0)
		return -LX_EINVAL;
	if ((err = inode_at(p, dirfd, upath, false, &in)))
		return err;
	if (!LX_S_ISLNK(in->mode))
		return -LX_EINVAL;
	if (!(text = page_alloc()))
		return -LX_ENOMEM;
	n = symlink_target(p, in, text, (uint32_t)size < PAGE_SIZE ? (uint32_t)size : PAGE_SIZE);
	err = n < 0 ? n : copy_to_user(p, buf, text, (uint32_t)n);
	page_free(text);
	return err ? err : n;
}

SYSCALL(readlink)
{
	return readlink_at(p, LX_AT_FDCWD, a[0], a[1], (int32_t)a[2]);
}

SYSCALL(readlinkat)
{
	return readlink_at(p, (int32_t)a[0], a[1], a[2], (int32_t)a[3]);
}

SYSCALL(getcwd)
{
	char *buf = page_alloc();
	int n;

	if (!buf)
		return -LX_ENOMEM;
	n = path_of_dir(p->cwd, buf, a[1] < PAGE_SIZE ? a[1] : PAGE_SIZE);
	if (n >= 0 && copy_to_user(p, a[0], buf, (uint32_t)n + 1))
		n = -LX_EFAULT;
	page_free(buf);
	return n < 0 ? n : n + 1;	/* the system call counts the NUL */
}

/* sendfile(out, in, offset, count): in must be a regular file (so Linux
 * too: one it can read pages of), out anything writable. Page by page
 * through a buffer the output's own write takes from SENDFILE_WINDOW. With
 * an offset, in's position stays and *offset moves; without, it moves. */
static int32_t sendfile_with(struct process *p, const uint32_t *a, bool off64)
{
	struct file *out = file_get(p, (int32_t)a[0]), *in = file_get(p, (int32_t)a[1]);
	uint64_t pos = 0;
	uint32_t done = 0, count = a[3];
	int32_t err = 0;

	if (!out || !in || (in->flags & LX_O_ACCMODE) == LX_O_WRONLY ||
	    (out->flags & LX_O_ACCMODE) == LX_O_RDONLY)
		return -LX_EBADF;
	if (!LX_S_ISREG(in->inode->mode) || in->inode->proc || (out->flags & LX_O_APPEND))
		return -LX_EINVAL;
	if (a[2]) {
		int64_t off = 0;

		if (copy_from_user(p, &off, a[2], off64 ? 8 : 4))
			return -LX_EFAULT;
		if (!off64)
			off = (int32_t)off;
		if (off < 0)
			return -LX_EINVAL;
		pos = (uint64_t)off;
	} else {
		pos = in->pos;
	}
	if (!(p->sendfile_buf = page_alloc()))
		return -LX_ENOMEM;
	while (done < count && pos < in->inode->size) {
		uint32_t k = count - done < PAGE_SIZE ? count - done : PAGE_SIZE;
		int32_t r, w;

		if (k > in->inode->size - pos)
			k = (uint32_t)(in->inode->size - pos);
		r = ramfs_read(in->inode, (uint32_t)pos, p->sendfile_buf, k);
		if (r <= 0)
			break;
		w = out->ops->write(p, out, SENDFILE_WINDOW, (uint32_t)r);
		if (w <= 0) {
			err = w;
			break;
		}
		pos += (uint32_t)w;
		done += (uint32_t)w;
		if (w < r)
			break;
	}
	page_free(p->sendfile_buf);
	p->sendfile_buf = NULL;
	if (a[2]) {
		if (copy_to_user(p, a[2], &pos, off64 ? 8 : 4))
			return -LX_EFAULT;
	} else {
		in->pos = pos;
	}
	return done ? (int32_t)done : err;
}

SYSCALL(sendfile)
{
	return sendfile_with(p, a, false);
}

SYSCALL(sendfile64)
{
	return sendfile_with(p, a, true);
}
