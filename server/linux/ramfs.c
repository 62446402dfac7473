/* ramfs: the root filesystem, in the server's memory. Directories are
 * lists of names; regular files and symlinks keep their bytes in a page
 * list (one page of page pointers: at most RAMFS_FILE_MAX bytes). */
#include "server.h"
#include <libc/div64.h>

struct inode *root_inode;
static uint32_t next_ino = 1;

struct inode *inode_new(uint32_t mode)
{
	struct inode *in = heap_alloc(sizeof(*in));
	uint64_t now = clock_realtime_ns();

	if (!in)
		return NULL;
	div64_32(&now, 1000000000u);
	in->ino = next_ino++;
	in->mode = mode;
	in->nlink = LX_S_ISDIR(mode) ? 2 : 1;
	in->mtime = (uint32_t)now;
	return in;
}

void inode_free(struct inode *in)
{
	ramfs_truncate(in, 0);
	if (in->pages)
		page_free(in->pages);
	heap_free(in);
}

struct inode *inode_get(struct inode *in)
{
	if (in)
		in->refs++;
	return in;
}

void inode_put(struct inode *in)
{
	if (in && --in->refs == 0 && in->nlink == 0)
		inode_free(in);
}

int ramfs_unlink(struct inode *dir, const char *name)
{
	struct dentry **link = &dir->children, *d;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -LX_EINVAL;
	while (*link && strcmp((*link)->name, name))
		link = &(*link)->next;
	if (!(d = *link))
		return -LX_ENOENT;
	if (LX_S_ISDIR(d->inode->mode))
		return -LX_EISDIR;
	*link = d->next;
	if (--d->inode->nlink == 0 && d->inode->refs == 0)
		inode_free(d->inode);
	heap_free(d);
	return 0;
}

static struct dentry **dentry_link(struct inode *dir, const char *name)
{
	struct dentry **link = &dir->children;

	while (*link && strcmp((*link)->name, name))
		link = &(*link)->next;
	return link;
}

int ramfs_rmdir(struct inode *dir, const char *name)
{
	struct dentry **link, *d;

	if (!strcmp(name, "."))
		return -LX_EINVAL;
	if (!strcmp(name, ".."))
		return -LX_ENOTEMPTY;
	link = dentry_link(dir, name);
	if (!(d = *link))
		return -LX_ENOENT;
	if (!LX_S_ISDIR(d->inode->mode))
		return -LX_ENOTDIR;
	if (d->inode->children)
		return -LX_ENOTEMPTY;
	*link = d->next;
	dir->nlink--;
	d->inode->nlink = 0;
	if (d->inode->refs == 0)
		inode_free(d->inode);
	heap_free(d);
	return 0;
}

void ramfs_clear(struct inode *top)
{
	struct inode *dir = top;

	while (dir != top || top->children) {
		struct dentry *d = dir->children;

		if (!d) {			/* dir is empty now: it goes too */
			struct inode *up = dir->parent;
			struct dentry *e = up->children;

			while (e && e->inode != dir)
				e = e->next;
			dir = up;
			if (e)
				ramfs_rmdir(up, e->name);
		} else if (LX_S_ISDIR(d->inode->mode) && d->inode->children) {
			dir = d->inode;		/* its contents first */
		} else if (LX_S_ISDIR(d->inode->mode)) {
			ramfs_rmdir(dir, d->name);
		} else {
			ramfs_unlink(dir, d->name);
		}
	}
}

int ramfs_hardlink(struct inode *dir, const char *name, struct inode *in)
{
	int err;

	if (LX_S_ISDIR(in->mode))
		return -LX_EPERM;
	if ((err = ramfs_link(dir, name, in)))
		return err;
	in->nlink++;
	return 0;
}

int ramfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname)
{
	struct dentry **olink, *d, *nd;
	struct inode *src, *dst;
	size_t len = strlen(nname);
	int err;

	if (!strcmp(oname, ".") || !strcmp(oname, "..") || !strcmp(nname, ".") ||
	    !strcmp(nname, ".."))
		return -LX_EINVAL;
	olink = dentry_link(odir, oname);
	if (!(d = *olink))
		return -LX_ENOENT;
	src = d->inode;
	if (len > NAME_MAX_LEN)
		return -LX_ENAMETOOLONG;
	if (LX_S_ISDIR(src->mode))	/* not into itself */
		for (struct inode *a = ndir;; a = a->parent) {
			if (a == src)
				return -LX_EINVAL;
			if (a == root_inode)
				break;
		}
	dst = ramfs_find(ndir, nname);
	if (dst == src)
		return 0;
	if (dst) {
		if (LX_S_ISDIR(src->mode) && !LX_S_ISDIR(dst->mode))
			return -LX_ENOTDIR;
		if (!LX_S_ISDIR(src->mode) && LX_S_ISDIR(dst->mode))
			return -LX_EISDIR;
		err = LX_S_ISDIR(dst->mode) ? ramfs_rmdir(ndir, nname) : ramfs_unlink(ndir, nname);
		if (err)
			return err;
		olink = dentry_link(odir, oname);	/* the list may have changed */
	}
	nd = heap_alloc(sizeof(*nd) + len + 1);
	if (!nd)
		return -LX_ENOSPC;
	memcpy(nd->name, nname, len + 1);
	nd->inode = src;
	*olink = d->next;
	heap_free(d);
	{
		struct dentry **tail = &ndir->children;

		while (*tail)
			tail = &(*tail)->next;
		*tail = nd;
	}
	if (LX_S_ISDIR(src->mode) && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
		src->parent = ndir;
	}
	return 0;
}

void ramfs_init(void)
{
	root_inode = inode_new(LX_S_IFDIR | 0755);
	root_inode->parent = root_inode;
}

struct inode *ramfs_find(struct inode *dir, const char *name)
{
	if (!strcmp(name, ".") || !name[0])
		return dir;
	if (!strcmp(name, ".."))
		return dir->parent;
	if (dir->proc)
		return procfs_find(dir, name);
	for (struct dentry *d = dir->children; d; d = d->next)
		if (!strcmp(d->name, name))
			return d->inode;
	return NULL;
}

int ramfs_link(struct inode *dir, const char *name, struct inode *inode)
{
	if (dir->proc)
		return -LX_EACCES;		/* procfs names are its own */
	size_t len = strlen(name);
	struct dentry *d, **link = &dir->children;

	if (!LX_S_ISDIR(dir->mode))
		return -LX_ENOTDIR;
	if (len > NAME_MAX_LEN)
		return -LX_ENAMETOOLONG;
	if (ramfs_find(dir, name))
		return -LX_EEXIST;
	d = heap_alloc(sizeof(*d) + len + 1);
	if (!d)
		return -LX_ENOSPC;
	memcpy(d->name, name, len + 1);
	d->inode = inode;
	while (*link)			/* in creation order, as a listing shows them */
		link = &(*link)->next;
	*link = d;
	if (LX_S_ISDIR(inode->mode)) {
		inode->parent = dir;
		dir->nlink++;
	} else if (inode->nlink == 0) {
		inode->nlink = 1;
	}
	return 0;
}

const uint8_t zero_page[PAGE_SIZE];

/* Moves up to n bytes between the file at off and a buffer, the server's
 * (buf) or the process p's (at ubuf), page by page: a read stops at the
 * size and reads holes as zeros; a write makes the pages it needs and stops
 * at RAMFS_FILE_MAX. The bytes moved, or -errno when none were. */
static int32_t transfer(struct inode *in, uint32_t off, uint32_t n, bool write,
			struct process *p, uint32_t ubuf, uint8_t *buf)
{
	uint32_t done = 0;
	int32_t err = write ? -LX_ENOSPC : 0;

	if (!write)
		n = off >= in->size ? 0 : n < in->size - off ? n : in->size - off;
	else if (off > RAMFS_FILE_MAX || n > RAMFS_FILE_MAX - off)
		n = off > RAMFS_FILE_MAX ? 0 : RAMFS_FILE_MAX - off;
	if (write && !n)
		return -LX_EFBIG;
	if (write && !in->pages && !(in->pages = page_alloc()))
		return -LX_ENOSPC;
	while (done < n) {
		uint32_t at = off + done, in_page = at % PAGE_SIZE;
		uint32_t k = PAGE_SIZE - in_page < n - done ? PAGE_SIZE - in_page : n - done;
		uint8_t **slot = in->pages ? &in->pages[at / PAGE_SIZE] : NULL;
		const uint8_t *from = slot && *slot ? *slot + in_page : zero_page;	/* (a hole) */

		int fault = 0;

		if (write && !*slot && !(*slot = page_alloc_user()))
			break;
		if (write && p)
			fault = copy_from_user(p, *slot + in_page, ubuf + done, k);
		else if (write)
			memcpy(*slot + in_page, buf + done, k);
		else if (p)
			fault = copy_to_user(p, ubuf + done, from, k);
		else
			memcpy(buf + done, from, k);
		if (fault) {
			err = -LX_EFAULT;
			break;
		}
		done += k;
	}
	if (write && off + done > in->size)
		in->size = off + done;
	return done || !n ? (int32_t)done : err;
}

int ramfs_read(struct inode *in, uint32_t off, void *buf, uint32_t n)
{
	return transfer(in, off, n, false, NULL, 0, buf);
}

int32_t ramfs_read_user(struct process *p, struct inode *in, uint32_t off, uint32_t ubuf,
			uint32_t n)
{
	return transfer(in, off, n, false, p, ubuf, NULL);
}

int32_t ramfs_write_user(struct process *p, struct inode *in, uint32_t off, uint32_t ubuf,
			 uint32_t n)
{
	return transfer(in, off, n, true, p, ubuf, NULL);
}

int ramfs_write(struct inode *in, uint32_t off, const void *buf, uint32_t n)
{
	return n ? transfer(in, off, n, true, NULL, 0, (uint8_t *)buf) : 0;
}

int ramfs_truncate(struct inode *in, uint32_t size)
{
	if (size > RAMFS_FILE_MAX)
		return -LX_EFBIG;
	if (in->pages) {
		for (uint32_t i = PAGE_ROUND_UP(size) / PAGE_SIZE; i < PAGE_SIZE / sizeof(void *); i++)
			if (in->pages[i]) {
				page_free(in->pages[i]);
				in->pages[i] = NULL;
			}
		if (size % PAGE_SIZE && in->pages[size / PAGE_SIZE])
			memset(in->pages[size / PAGE_SIZE] + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
	}
	in->size = size;
	return 0;
}

/* ---- path names ---------------------------------------------------------- */

#define SYMLINK_DEPTH_MAX 40

/* Copies the next component of *path into name and advances past it and
 * the slashes after it. */
static int next_component(const char **path, char *name)
{
	const char *s = *path;
	size_t n = 0;

	while (*s && *s != '/') {
		if (n == NAME_MAX_LEN)
			return -LX_ENAMETOOLONG;
		name[n++] = *s++;
	}
	name[n] = '\0';
	while (*s == '/')
		s++;
	*path = s;
	return 0;
}

static int walk(struct process *p, struct inode *dir, const char *path, bool follow,
		uint32_t *links, struct inode **out, struct inode **where);

/* Continues at symlink `link` found in dir. */
static int follow_link(struct process *p, struct inode *dir, struct inode *link, uint32_t *links,
		       struct inode **out, struct inode **where)
{
	struct file *f = link->proc ? procfs_fd_file(p, link) : NULL;
	char *target;
	int err;

	if (++*links > SYMLINK_DEPTH_MAX)
		return -LX_ELOOP;
	if (f) {			/* /proc/<pid>/fd/N: the file itself, named or not */
		*out = f->inode;
		*where = f->where;
		return 0;
	}
	target = page_alloc();
	if (!target)
		return -LX_ENOMEM;
	err = symlink_target(p, link, target, PAGE_SIZE - 1);
	if (err >= 0) {
		target[err] = '\0';
		err = walk(p, dir, target, true, links, out, where);
	}
	page_free(target);
	return err;
}

/* *where: the directory the last inode was found in (NULL: it is the
 * start, dir or /). */
static int walk(struct process *p, struct inode *dir, const char *path, bool follow,
		uint32_t *links, struct inode **out, struct inode **where)
{
	char name[NAME_MAX_LEN + 1];
	struct inode *in = dir;
	int err;

	if (*path == '/') {
		in = root_inode;
		while (*path == '/')
			path++;
	}
	while (*path) {
		struct inode *next;
		bool last;

		if (!LX_S_ISDIR(in->mode))
			return -LX_ENOTDIR;
		if ((err = next_component(&path, name)))
			return err;
		last = !*path;
		next = ramfs_find(in, name);
		if (!next)
			return -LX_ENOENT;
		*where = in;
		if (LX_S_ISLNK(next->mode) && (!last || follow)) {
			if ((err = follow_link(p, in, next, links, &next, where)))
				return err;
		}
		in = next;
	}
	*out = in;
	return 0;
}

int path_lookup(struct process *p, struct inode *dir, const char *path, bool follow,
		struct inode **out)
{
	struct inode *where;

	return path_lookup_in(p, dir, path, follow, out, &where);
}

int path_lookup_in(struct process *p, struct inode *dir, const char *path, bool follow,
		   struct inode **out, struct inode **where)
{
	uint32_t links = 0;
	size_t len = strlen(path);
	int err;

	if (!len)
		return -LX_ENOENT;
	*where = NULL;
	err = walk(p, dir ? dir : p && p->cwd ? p->cwd : root_inode, path, follow, &links, out,
		   where);
	if (!err && path[len - 1] == '/' && !LX_S_ISDIR((*out)->mode))
		return -LX_ENOTDIR;
	return err;
}

int path_of_dir(struct inode *dir, char *buf, uint32_t size)
{
	uint32_t len = 0;
	char *tmp = page_alloc();		/* the path, built from its end */

	if (!tmp)
		return -LX_ENOMEM;
	while (dir != root_inode) {
		struct inode *parent = dir->parent;
		struct dentry *d = parent->children;
		uint32_t n;

		while (d && d->inode != dir)
			d = d->next;
		if (!d || (n = (uint32_t)strlen(d->name)) + 1 + len > PATH_MAX_LEN - 1) {
			page_free(tmp);
			return -LX_ENOENT;	/* unlinked, or deeper than PATH_MAX */
		}
		memmove(tmp + n + 1, tmp, len);
		tmp[0] = '/';
		memcpy(tmp + 1, d->name, n);
		len += n + 1;
		dir = parent;
	}
	if (!len)
		tmp[len++] = '/';
	if (len + 1 > size) {
		page_free(tmp);
		return -LX_ERANGE;
	}
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	page_free(tmp);
	return (int)len;
}

int path_of(struct inode *where, struct inode *in, char *buf, uint32_t size)
{
	struct dentry *d = where && !LX_S_ISDIR(in->mode) ? where->children : NULL;
	int n;

	if (LX_S_ISDIR(in->mode))
		return path_of_dir(in, buf, size);
	if (!where)
		return -LX_ENOENT;		/* a pipe's, say */
	while (d && d->inode != in)
		d = d->next;
	if (!d)
		return -LX_ENOENT;		/* unlinked since */
	if ((n = path_of_dir(where, buf, size)) < 0)
		return n;
	if (where == root_inode)
		n = 0;				/* "/" and the name */
	if ((uint32_t)n + 1 + strlen(d->name) + 1 > size)
		return -LX_ERANGE;
	return n + snprintf(buf + n, size - (uint32_t)n, "/%s", d->name);
}

/* The directory below dir that has an entry for in, depth first. */
static struct inode *directory_of(struct inode *dir, const struct inode *in, uint32_t depth)
{
	for (struct dentry *d = dir->children; d && depth; d = d->next) {
		struct inode *found;

		if (d->inode == in)
			return dir;
		if (LX_S_ISDIR(d->inode->mode) && d->inode->parent == dir &&
		    (found = directory_of(d->inode, in, depth - 1)))
			return found;
	}
	return NULL;
}

int path_search(struct inode *in, char *buf, uint32_t size)
{
	return path_of(directory_of(root_inode, in, 32), in, buf, size);
}

int path_parent(struct process *p, struct inode *dir, const char *path, struct inode **parent,
		char *name)
{
	size_t len = strlen(path), end, start;
	char *head;
	int err;

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (!len)
		return -LX_ENOENT;
	end = len;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start > NAME_MAX_LEN)
		return -LX_ENAMETOOLONG;
	memcpy(name, path + start, end - start);
	name[end - start] = '\0';
	if (start == 0) {
		*parent = dir ? dir : p && p->cwd ? p->cwd : root_inode;
		return 0;
	}
	head = heap_alloc(start + 1);
	if (!head)
		return -LX_ENOMEM;
	memcpy(head, path, start);
	head[start] = '\0';
	err = path_lookup(p, dir, head, true, parent);
	heap_free(head);
	if (!err && !LX_S_ISDIR((*parent)->mode))
		err = -LX_ENOTDIR;
	return err;
}
