/* Unpacking the initramfs: a cpio "newc" archive (magic 070701), the
 * format Linux's initramfs uses, into the ramfs. Directories, regular
 * files, symlinks, device nodes and FIFOs with their modes and owners. */
#include "server.h"

#define CPIO_HEADER	110
#define CPIO_FIELDS	13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static bool hex_field(const uint8_t *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = s[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (uint32_t)(c - 'A' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

/* The directory for name's parent, created on the way if missing. */
static struct inode *parent_dir(const char *path, char *last)
{
	struct inode *dir = root_inode;
	const char *s = path;

	for (;;) {
		const char *slash = strchr(s, '/');
		char part[NAME_MAX_LEN + 1];
		struct inode *next;
		size_t n;

		if (!slash) {
			strlcpy(last, s, NAME_MAX_LEN + 1);
			return dir;
		}
		n = (size_t)(slash - s);
		if (n > NAME_MAX_LEN)
			return NULL;
		memcpy(part, s, n);
		part[n] = '\0';
		next = ramfs_find(dir, part);
		if (!next) {
			next = inode_new(LX_S_IFDIR | 0755);
			if (!next || ramfs_link(dir, part, next))
				return NULL;
		}
		if (!LX_S_ISDIR(next->mode))
			return NULL;
		dir = next;
		s = slash + 1;
	}
}

static int add_entry(const char *name, const uint32_t *f, const uint8_t *data)
{
	char last[NAME_MAX_LEN + 1];
	struct inode *dir = parent_dir(name, last), *in;
	uint32_t type = f[F_MODE] & LX_S_IFMT;

	if (!dir)
		return -LX_ENOTDIR;
	in = ramfs_find(dir, last);
	if (in && type == LX_S_IFDIR && LX_S_ISDIR(in->mode)) {
		in->mode = f[F_MODE];		/* made earlier as a parent */
	} else {
		if (in)
			return -LX_EEXIST;
		if (!(in = inode_new(f[F_MODE])))
			return -LX_ENOMEM;
		if (type == LX_S_IFREG || type == LX_S_IFLNK) {
			int n = ramfs_write(in, 0, data, f[F_FILESIZE]);

			if (n < 0 || (uint32_t)n != f[F_FILESIZE]) {
				inode_free(in);
				return n < 0 ? n : -LX_ENOSPC;
			}
		}
		if (type == LX_S_IFCHR || type == LX_S_IFBLK)
			in->rdev = f[F_RDEVMAJOR] << 8 | f[F_RDEVMINOR];
		if (ramfs_link(dir, last, in)) {
			inode_free(in);
			return -LX_EEXIST;
		}
	}
	in->uid = f[F_UID];
	in->gid = f[F_GID];
	in->mtime = f[F_MTIME];
	return 0;
}

int cpio_unpack(const uint8_t *archive, uint32_t size)
{
	uint32_t off = 0, count = 0;

	while (off + CPIO_HEADER <= size) {
		const uint8_t *h = archive + off;
		uint32_t f[CPIO_FIELDS], name_end, data_end;
		const char *name;
		int err;

		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6)) {
			log("initramfs: bad header at offset %u\n", off);
			return -LX_EINVAL;
		}
		for (int i = 0; i < CPIO_FIELDS; i++)
			if (!hex_field(h + 6 + i * 8, &f[i])) {
				log("initramfs: bad field at offset %u\n", off);
				return -LX_EINVAL;
			}
		/* sizes checked against what is left, so no sum can wrap */
		if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > size - off - CPIO_HEADER) {
			log("initramfs: entry at offset %u runs past the end\n", off);
			return -LX_EINVAL;
		}
		name_end = off + CPIO_HEADER + f[F_NAMESIZE];
		if (((name_end + 3) & ~3u) > size || f[F_FILESIZE] > size - ((name_end + 3) & ~3u) ||
		    archive[name_end - 1] != '\0') {
			log("initramfs: entry at offset %u runs past the end\n", off);
			return -LX_EINVAL;
		}
		data_end = ((name_end + 3) & ~3u) + f[F_FILESIZE];
		name = (const char *)h + CPIO_HEADER;
		if (!strcmp(name, "TRAILER!!!"))
			break;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		while (name[0] == '/')
			name++;
		if (name[0] && strcmp(name, ".")) {
			err = add_entry(name, f, archive + ((name_end + 3) & ~3u));
			if (err)
				log("initramfs: %s: error %d, skipped\n", name, -err);
			else
				count++;
		}
		off = (data_end + 3) & ~3u;
	}
	log("initramfs: %u entries unpacked\n", count);
	return 0;
}
