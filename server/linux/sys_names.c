/* System calls on names and attributes in the file tree: links and
 * symlinks, directories, nodes, renames, modes and owners, sizes, times,
 * the filesystem's figures, and mount. Paths come through sys_fs.c's
 * helpers (user_path_at, inode_at, parent_at). */
#include "server.h"
#include <libc/div64.h>

static int32_t symlink_at(struct process *p, uint32_t utarget, int32_t dirfd, uint32_t upath)
{
	char name[NAME_MAX_LEN + 1], *target;
	struct inode *parent, *in;
	int err;

	if ((err = get_path(p, utarget, &target)))
		return err;
	if (!target[0])
		err = -LX_ENOENT;
	else if (!(err = parent_at(p, dirfd, upath, &parent, name))) {
		if (!(in = inode_new(LX_S_IFLNK | 0777)))
			err = -LX_ENOSPC;
		else if ((err = ramfs_write(in, 0, target, (uint32_t)strlen(target))) < 0 ||
			 (err = ramfs_link(parent, name, in)))
			inode_free(in);
	}
	page_free(target);
	return err < 0 ? err : 0;
}

SYSCALL(symlink)
{
	return symlink_at(p, a[0], LX_AT_FDCWD, a[1]);
}

SYSCALL(symlinkat)
{
	return symlink_at(p, a[0], (int32_t)a[1], a[2]);
}

static int32_t rmdir_at(struct process *p, int32_t dirfd, uint32_t upath)
{
	char name[NAME_MAX_LEN + 1];
	struct inode *parent;
	int err;

	if ((err = parent_at(p, dirfd, upath, &parent, name)))
		return err;
	return ramfs_rmdir(parent, name[0] ? name : ".");
}

static int32_t unlink_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t flags)
{
	char name[NAME_MAX_LEN + 1];
	struct inode *parent;
	int err;

	if (flags == 0x200)		/* AT_REMOVEDIR */
		return rmdir_at(p, dirfd, upath);
	if (flags)
		return -LX_EINVAL;
	if ((err = parent_at(p, dirfd, upath, &parent, name)))
		return err;
	return ramfs_unlink(parent, name);
}

SYSCALL(unlink)
{
	return unlink_at(p, LX_AT_FDCWD, a[0], 0);
}

SYSCALL(unlinkat)
{
	return unlink_at(p, (int32_t)a[0], a[1], a[2]);
}

/* ---- names: directories, renames, links, nodes ---------------------------- */

static int32_t make_node(struct process *p, int32_t dirfd, uint32_t upath, uint32_t mode,
			 uint32_t rdev)
{
	char name[NAME_MAX_LEN + 1];
	struct inode *parent, *in;
	int err;

	if ((err = parent_at(p, dirfd, upath, &parent, name)))
		return err;
	if (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))
		return -LX_EEXIST;
	if (!(in = inode_new(mode)))
		return -LX_ENOSPC;
	in->rdev = rdev;
	if (!LX_S_ISDIR(mode))
		in->nlink = 0;		/* ramfs_link counts the name */
	if ((err = ramfs_link(parent, name, in)))
		inode_free(in);
	return err;
}

SYSCALL(mkdir)
{
	return make_node(p, LX_AT_FDCWD, a[0], LX_S_IFDIR | (a[1] & 07777 & ~p->umask), 0);
}

SYSCALL(mkdirat)
{
	return make_node(p, (int32_t)a[0], a[1], LX_S_IFDIR | (a[2] & 07777 & ~p->umask), 0);
}

static int32_t mknod_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t mode,
			uint32_t dev)
{
	uint32_t type = mode & LX_S_IFMT;

	if (type == 0)
		type = LX_S_IFREG;
	if (type != LX_S_IFREG && type != LX_S_IFCHR && type != LX_S_IFBLK && type != LX_S_IFIFO)
		return -LX_EINVAL;
	return make_node(p, dirfd, upath, type | (mode & 07777 & ~p->umask),
			 (dev >> 8 & 0xfff) << 8 | (dev & 0xff));
}

SYSCALL(mknod)
{
	return mknod_at(p, LX_AT_FDCWD, a[0], a[1], a[2]);
}

SYSCALL(mknodat)
{
	return mknod_at(p, (int32_t)a[0], a[1], a[2], a[3]);
}

SYSCALL(rmdir)
{
	return rmdir_at(p, LX_AT_FDCWD, a[0]);
}

static int32_t rename_at(struct process *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
			 uint32_t newpath)
{
	char oname[NAME_MAX_LEN + 1], nname[NAME_MAX_LEN + 1];
	struct inode *odir, *ndir;
	int err;

	if ((err = parent_at(p, olddirfd, oldpath, &odir, oname)) ||
	    (err = parent_at(p, newdirfd, newpath, &ndir, nname)))
		return err;
	return ramfs_rename(odir, oname, ndir, nname);
}

SYSCALL(rename)
{
	return rename_at(p, LX_AT_FDCWD, a[0], LX_AT_FDCWD, a[1]);
}

SYSCALL(renameat)
{
	return rename_at(p, (int32_t)a[0], a[1], (int32_t)a[2], a[3]);
}

SYSCALL(renameat2)
{
	if (a[4])
		return -LX_EINVAL;	/* RENAME_NOREPLACE and friends: not yet */
	return rename_at(p, (int32_t)a[0], a[1], (int32_t)a[2], a[3]);
}

static int32_t link_at(struct process *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
		       uint32_t newpath, bool follow)
{
	char name[NAME_MAX_LEN + 1];
	struct inode *in, *parent;
	int err;

	if ((err = inode_at(p, olddirfd, oldpath, follow, &in)) ||
	    (err = parent_at(p, newdirfd, newpath, &parent, name)))
		return err;
	return ramfs_hardlink(parent, name, in);
}

SYSCALL(link)
{
	return link_at(p, LX_AT_FDCWD, a[0], LX_AT_FDCWD, a[1], false);
}

SYSCALL(linkat)
{
	return link_at(p, (int32_t)a[0], a[1], (int32_t)a[2], a[3], a[4] & 0x400 /* FOLLOW */);
}

/* ---- attributes ---------------------------------------------------------------- */

static int32_t chmod_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t mode)
{
	struct inode *in;
	int err = inode_at(p, dirfd, upath, true, &in);

	if (!err)
		in->mode = (in->mode & LX_S_IFMT) | (mode & 07777);
	return err;
}

SYSCALL(chmod)
{
	return chmod_at(p, LX_AT_FDCWD, a[0], a[1]);
}

SYSCALL(fchmodat)
{
	return chmod_at(p, (int32_t)a[0], a[1], a[2]);
}

SYSCALL(fchmod)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	if (!f)
		return -LX_EBADF;
	f->inode->mode = (f->inode->mode & LX_S_IFMT) | (a[1] & 07777);
	return 0;
}

static void set_owner(struct inode *in, uint32_t uid, uint32_t gid)
{
	if (uid != 0xffffffff)
		in->uid = uid;
	if (gid != 0xffffffff)
		in->gid = gid;
}

static int32_t chown_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t uid,
			uint32_t gid, bool follow)
{
	struct inode *in;
	int err = inode_at(p, dirfd, upath, follow, &in);

	if (!err)
		set_owner(in, uid, gid);
	return err;
}

SYSCALL(chown32)
{
	return chown_at(p, LX_AT_FDCWD, a[0], a[1], a[2], true);
}

SYSCALL(lchown32)
{
	return chown_at(p, LX_AT_FDCWD, a[0], a[1], a[2], false);
}

SYSCALL(fchownat)
{
	return chown_at(p, (int32_t)a[0], a[1], a[2], a[3], !(a[4] & LX_AT_SYMLINK_NOFOLLOW));
}

SYSCALL(fchown32)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	if (!f)
		return -LX_EBADF;
	set_owner(f->inode, a[1], a[2]);
	return 0;
}

/* Everybody is root: only existence, and x for files with no x bit. */
static int32_t access_at(struct process *p, int32_t dirfd, uint32_t upath, uint32_t mode)
{
	struct inode *in;
	int err;

	if (mode & ~7u)
		return -LX_EINVAL;
	if ((err = inode_at(p, dirfd, upath, true, &in)))
		return err;
	if ((mode & 1) && !LX_S_ISDIR(in->mode) && !(in->mode & 0111))
		return -LX_EACCES;
	return 0;
}

SYSCALL(access)
{
	return access_at(p, LX_AT_FDCWD, a[0], a[1]);
}

SYSCALL(faccessat)
{
	return access_at(p, (int32_t)a[0], a[1], a[2]);
}

static int32_t truncate_inode(struct inode *in, uint64_t size)
{
	if (LX_S_ISDIR(in->mode))
		return -LX_EISDIR;
	if (!LX_S_ISREG(in->mode))
		return -LX_EINVAL;
	if (size > RAMFS_FILE_MAX)
		return -LX_EFBIG;
	if (size > in->size) {		/* zeros up to the new size */
		static const uint8_t zero;

		return ramfs_write(in, (uint32_t)size - 1, &zero, 1) < 0 ? -LX_ENOSPC : 0;
	}
	return ramfs_truncate(in, (uint32_t)size);
}

static int32_t truncate_path(struct process *p, uint32_t upath, uint64_t size)
{
	struct inode *in;
	int err = inode_at(p, LX_AT_FDCWD, upath, true, &in);

	return err ? err : truncate_inode(in, size);
}

static int32_t truncate_fd(struct process *p, uint32_t fd, uint64_t size)
{
	struct file *f = writable_file(p, fd);

	return f ? truncate_inode(f->inode, size) : -LX_EBADF;
}

SYSCALL(truncate)
{
	return (int32_t)a[1] < 0 ? -LX_EINVAL : truncate_path(p, a[0], a[1]);
}

SYSCALL(ftruncate)
{
	return (int32_t)a[1] < 0 ? -LX_EINVAL : truncate_fd(p, a[0], a[1]);
}

SYSCALL(truncate64)
{
	return truncate_path(p, a[0], (uint64_t)a[2] << 32 | a[1]);
}

SYSCALL(ftruncate64)
{
	return truncate_fd(p, a[0], (uint64_t)a[2] << 32 | a[1]);
}

/* utimensat: the modification time (the ramfs keeps one time). */
SYSCALL(utimensat)
{
	struct lx_timespec32 t[2];
	struct inode *in;
	int err;

	if (a[1]) {
		if ((err = inode_at(p, (int32_t)a[0], a[1], !(a[3] & LX_AT_SYMLINK_NOFOLLOW), &in)))
			return err;
	} else {			/* futimens: the file itself */
		struct file *f = file_get(p, (int32_t)a[0]);

		if (!f)
			return -LX_EBADF;
		in = f->inode;
	}
	if (a[2] && copy_from_user(p, t, a[2], sizeof(t)))
		return -LX_EFAULT;
	if (!a[2] || t[1].tv_nsec == 0x3fffffff /* UTIME_NOW */) {
		uint64_t now = clock_realtime_ns();

		div64_32(&now, 1000000000u);
		in->mtime = (uint32_t)now;
	} else if (t[1].tv_nsec != 0x3ffffffe /* UTIME_OMIT */) {
		in->mtime = (uint32_t)t[1].tv_sec;
	}
	return 0;
}

/* statfs64(path, size, buf), fstatfs64(fd, size, buf): the ramfs. */
/* The file system in holds: procfs, or the ramfs (whose blocks are the
 * server's free memory). */
static int32_t put_statfs(struct process *p, struct inode *in, uint32_t size, uint32_t buf)
{
	uint32_t st[21] = { 0 };	/* struct statfs64: 84 bytes */

	if (size != sizeof(st))
		return -LX_EINVAL;
	st[1] = PAGE_SIZE;		/* f_bsize */
	if (in->proc) {
		st[0] = 0x9fa0;		/* PROC_SUPER_MAGIC */
	} else {
		st[0] = 0x858458f6;	/* RAMFS_MAGIC */
		st[2] = mem_total_pages();	/* f_blocks (64-bit, low half) */
		st[4] = st[6] = mem_free_pages();	/* f_bfree, f_bavail */
	}
	st[12] = NAME_MAX_LEN;		/* f_namelen */
	st[13] = PAGE_SIZE;		/* f_frsize */
	return copy_to_user(p, buf, st, sizeof(st));
}

SYSCALL(statfs64)
{
	struct inode *in;
	int err = inode_at(p, LX_AT_FDCWD, a[0], true, &in);

	return err ? err : put_statfs(p, in, a[1], a[2]);
}

SYSCALL(fstatfs64)
{
	struct file *f = file_get(p, (int32_t)a[0]);

	return f ? put_statfs(p, f->inode, a[1], a[2]) : -LX_EBADF;
}

/* The ramfs has nothing to write back. */
SYSCALL(sync)
{
	(void)p, (void)a;
	return 0;
}

SYSCALL(fsync)
{
	return file_get(p, (int32_t)a[0]) ? 0 : -LX_EBADF;
}

/* Mounts. proc is always there at /proc (mounting it again changes
 * nothing). A tmpfs (or ramfs) mounted on a directory hides what the
 * directory held and starts empty; unmounting it removes what it holds and
 * shows the old contents again. Everything is the one ramfs underneath. */
#define MOUNTS_MAX	8

static struct mount {
	struct inode *dir;		/* the mount point, NULL: a free slot */
	struct dentry *covered;		/* its own entries meanwhile */
} mounts[MOUNTS_MAX];

uint32_t tmpfs_mounts(struct inode **dirs, uint32_t max)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < MOUNTS_MAX && n < max; i++)
		if (mounts[i].dir)
			dirs[n++] = mounts[i].dir;
	return n;
}

static struct mount *mount_at(struct inode *dir)
{
	for (uint32_t i = 0; i < MOUNTS_MAX; i++)
		if (mounts[i].dir == dir)
			return &mounts[i];
	return NULL;
}

/* mount(source, target, type, flags, data) */
SYSCALL(mount)
{
	char type[16];
	struct inode *dir;
	struct mount *m;
	int err;

	if (!a[2] || strncpy_from_user(p, type, a[2], sizeof(type)) < 0)
		return -LX_EFAULT;
	if (!strcmp(type, "proc"))
		return 0;
	if (strcmp(type, "tmpfs") && strcmp(type, "ramfs"))
		return -LX_ENODEV;
	if ((err = inode_at(p, LX_AT_FDCWD, a[1], true, &dir)))
		return err;
	if (!LX_S_ISDIR(dir->mode))
		return -LX_ENOTDIR;
	if (dir == root_inode || dir->proc || mount_at(dir))
		return -LX_EBUSY;
	if (!(m = mount_at(NULL)))
		return -LX_ENOMEM;
	*m = (struct mount){ inode_get(dir), dir->children };
	dir->children = NULL;
	return 0;
}

/* umount2(target, flags); proc's is accepted and changes nothing. */
SYSCALL(umount2)
{
	struct inode *dir;
	struct mount *m;
	int err;

	if ((err = inode_at(p, LX_AT_FDCWD, a[0], true, &dir)))
		return err;
	if (procfs_is_root(dir))
		return 0;
	if (!(m = mount_at(dir)))
		return -LX_EINVAL;
	ramfs_clear(dir);
	dir->children = m->covered;
	m->dir = NULL;
	inode_put(dir);
	return 0;
}
