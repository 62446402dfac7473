/* mkcpio: writes a cpio "newc" archive (the initramfs format) to stdout from
 * list files, one entry per line:
 *
 *   dir   GUEST-PATH MODE
 *   file  GUEST-PATH HOST-PATH MODE
 *   slink GUEST-PATH TARGET MODE
 *   nod   GUEST-PATH MODE c|b MAJOR MINOR
 *   pipe  GUEST-PATH MODE
 *
 * MODE is octal permission bits (e.g. 0755; setuid/setgid/sticky allowed).
 * Fields are separated by blanks, so no field may contain one; '#' starts a
 * comment line; blank lines are ignored. Every entry is owned by 0:0 with
 * mtime 0 and inode numbers by position, so the archive depends only on the
 * lists and the file contents. Guest paths are stored without the leading
 * '/'. Each entry's parent directory must be "/" or listed earlier. A path
 * listed twice keeps its first position and its last definition, so a later
 * list can override an entry of an earlier one (a directory stays one).
 *
 * usage: mkcpio [-p] LIST... > archive.cpio   ("-" reads a list from stdin)
 *   -p  creates missing parent directories (mode 0755) instead of failing
 * Errors name the list file and line, and leave the exit status 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FIELDS 8

struct entry {
	char *path;		/* guest path without the leading '/' */
	uint32_t mode;		/* type and permission bits */
	uint32_t rdev_major, rdev_minor;
	char *data;		/* host file path (file) or link target (slink) */
	char *where;		/* "list:line", for messages */
};

static struct entry *entries;
static size_t n_entries, cap_entries;
static const char *where_now = "mkcpio";
static int make_parents;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkcpio: %s: ", where_now);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

static uint32_t parse_number(const char *s, int base, uint32_t max, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, base);
	if (errno || end == s || *end || v > max || *s == '-' || *s == '+')
		die("bad %s '%s'", what, s);
	return (uint32_t)v;
}

/* Normalises "/a//b/" to "a/b"; rejects ".", ".." and the root itself. */
static char *guest_path(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	const char *p = s;

	if (!out)
		die("out of memory");
	if (*p != '/')
		die("guest path '%s' is not absolute", s);
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *end = strchrnul(p, '/');
		size_t len = (size_t)(end - p);
		if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
			die("guest path '%s' has a '.' or '..' component", s);
		if (o != out)
			*o++ = '/';
		memcpy(o, p, len);
		o += len;
		p = end;
	}
	*o = '\0';
	if (o == out)
		die("guest path '%s' names the root, which always exists", s);
	return out;
}

static struct entry *find(const char *path)
{
	for (size_t i = 0; i < n_entries; i++)
		if (strcmp(entries[i].path, path) == 0)
			return &entries[i];
	return NULL;
}

static void add(struct entry e);

static void check_parent(const char *path)
{
	char *parent = xstrdup(path), *slash = strrchr(parent, '/');

	if (slash) {
		*slash = '\0';
		struct entry *e = find(parent);
		if (!e && make_parents) {
			add((struct entry){ .path = xstrdup(parent), .mode = S_IFDIR | 0755,
					    .where = xstrdup(where_now) });
			e = find(parent);
		}
		if (!e)
			die("parent directory '/%s' of '/%s' is not listed before it", parent, path);
		if (!S_ISDIR(e->mode))
			die("parent '/%s' of '/%s' is not a directory", parent, path);
	}
	free(parent);
}

static void add(struct entry e)
{
	struct entry *old = find(e.path);

	if (old) {
		/* A directory turned into something else would orphan its children. */
		if (S_ISDIR(old->mode) && !S_ISDIR(e.mode))
			die("'/%s' was a directory, cannot redefine it as another type", e.path);
		free(old->path);
		free(old->data);
		free(old->where);
		*old = e;
		return;
	}
	check_parent(e.path);
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? 2 * cap_entries : 64;
		entries = realloc(entries, cap_entries * sizeof *entries);
		if (!entries)
			die("out of memory");
	}
	entries[n_entries++] = e;
}

static void parse_line(char *line)
{
	char *f[MAX_FIELDS + 1];
	int n = 0;
	struct entry e = { 0 };

	line += strspn(line, " \t");
	if (*line == '#')
		return;
	for (char *tok = strtok(line, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
		if (n == MAX_FIELDS)
			die("too many fields");
		f[n++] = tok;
	}
	if (n == 0)
		return;

	const char *type = f[0];
	int want = !strcmp(type, "dir") || !strcmp(type, "pipe") ? 3
		 : !strcmp(type, "file") || !strcmp(type, "slink") ? 4
		 : !strcmp(type, "nod") ? 6 : -1;
	if (want < 0)
		die("unknown entry type '%s' (dir, file, slink, nod, pipe)", type);
	if (n != want)
		die("'%s' takes %d fields, got %d", type, want - 1, n - 1);

	e.path = guest_path(f[1]);
	e.mode = parse_number(f[want == 4 ? 3 : 2], 8, 07777, "mode");
	e.where = xstrdup(where_now);
	if (!strcmp(type, "dir")) {
		e.mode |= S_IFDIR;
	} else if (!strcmp(type, "pipe")) {
		e.mode |= S_IFIFO;
	} else if (!strcmp(type, "file")) {
		e.mode |= S_IFREG;
		e.data = xstrdup(f[2]);
	} else if (!strcmp(type, "slink")) {
		e.mode |= S_IFLNK;
		e.data = xstrdup(f[2]);
	} else {
		if (!strcmp(f[3], "c"))
			e.mode |= S_IFCHR;
		else if (!strcmp(f[3], "b"))
			e.mode |= S_IFBLK;
		else
			die("device type '%s' is neither c nor b", f[3]);
		e.rdev_major = parse_number(f[4], 0, 0xfff, "major");
		e.rdev_minor = parse_number(f[5], 0, 0xfffff, "minor");
	}
	add(e);
}

static void read_list(const char *name)
{
	FILE *in = strcmp(name, "-") ? fopen(name, "r") : stdin;
	char *line = NULL, *where = NULL;
	size_t cap = 0;
	unsigned lineno = 0;

	if (!in) {
		where_now = name;
		die("cannot open: %s", strerror(errno));
	}
	while (getline(&line, &cap, in) >= 0) {
		lineno++;
		free(where);
		if (asprintf(&where, "%s:%u", name, lineno) < 0)
			die("out of memory");
		where_now = where;
		parse_line(line);
	}
	if (ferror(in))
		die("read error");
	where_now = "mkcpio";
	free(where);
	free(line);
	if (in != stdin)
		fclose(in);
}

static uint64_t offset;

static void out(const void *p, size_t len)
{
	if (len && fwrite(p, 1, len, stdout) != len)
		die("write error: %s", strerror(errno));
	offset += len;
}

static void pad4(void)
{
	static const char zeros[4];

	out(zeros, (size_t)(-offset & 3));
}

static void header(uint32_t ino, uint32_t mode, uint32_t nlink, uint32_t size,
		   uint32_t rmajor, uint32_t rminor, const char *name)
{
	char h[111];
	uint32_t namesize = (uint32_t)strlen(name) + 1;

	/* magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
	 * devminor, rdevmajor, rdevminor, namesize, check */
	snprintf(h, sizeof h, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ino, mode, 0u, 0u, nlink, 0u, size, 0u, 0u, rmajor, rminor, namesize, 0u);
	out(h, 110);
	out(name, namesize);
	pad4();
}

static void write_file(struct entry *e, uint32_t ino)
{
	FILE *in = fopen(e->data, "rb");
	struct stat st;
	char buf[65536];
	size_t n;
	uint64_t done = 0;

	where_now = e->where;
	if (!in || fstat(fileno(in), &st) < 0)
		die("cannot open '%s': %s", e->data, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die("'%s' is not a regular file", e->data);
	if ((uint64_t)st.st_size > 0xffffffffu)
		die("'%s' is too large for newc (4 GB)", e->data);
	header(ino, e->mode, 1, (uint32_t)st.st_size, 0, 0, e->path);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (done + n > (uint64_t)st.st_size)
			die("'%s' grew while being read", e->data);
		out(buf, n);
		done += n;
	}
	if (ferror(in) || done != (uint64_t)st.st_size)
		die("read error or short read on '%s'", e->data);
	fclose(in);
	pad4();
}

int main(int argc, char **argv)
{
	int first = 1;

	if (argc > 1 && !strcmp(argv[1], "-p")) {
		make_parents = 1;
		first = 2;
	}
	if (argc <= first || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: mkcpio [-p] LIST... > archive.cpio\n"
				"  -p: create missing parent directories (0755)\n"
				"  list lines: dir PATH MODE | file PATH HOST-PATH MODE |\n"
				"              slink PATH TARGET MODE | nod PATH MODE c|b MAJOR MINOR |\n"
				"              pipe PATH MODE\n");
		return argc <= first ? 1 : 0;
	}
	for (int i = first; i < argc; i++)
		read_list(argv[i]);

	for (size_t i = 0; i < n_entries; i++) {
		struct entry *e = &entries[i];
		uint32_t ino = (uint32_t)i + 1;

		if (S_ISREG(e->mode)) {
			write_file(e, ino);
		} else if (S_ISLNK(e->mode)) {
			uint32_t len = (uint32_t)strlen(e->data);
			header(ino, e->mode, 1, len, 0, 0, e->path);
			out(e->data, len);
			pad4();
		} else {
			header(ino, e->mode, S_ISDIR(e->mode) ? 2 : 1, 0,
			       e->rdev_major, e->rdev_minor, e->path);
		}
	}
	header(0, 0, 1, 0, 0, 0, "TRAILER!!!");
	if (fflush(stdout) != 0)
		die("write error: %s", strerror(errno));
	return 0;
}
