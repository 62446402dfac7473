/*
 * files.h: what the file tests share (files.c, dirs.c): the paths they use
 * and the raw open.
 */
#ifndef TESSERA_LINUX_FILES_H
#define TESSERA_LINUX_FILES_H

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "data.h"
#include "ktap.h"
#include "sys.h"

#ifndef PROG_PATH
#error "PROG_PATH must name the guest path of this binary"
#endif

#ifndef AT_FDCWD
#define AT_FDCWD -100
#endif
#ifndef AT_SYMLINK_NOFOLLOW
#define AT_SYMLINK_NOFOLLOW 0x100
#endif

enum { DT_CHR_ = 2, DT_DIR_ = 4, DT_REG_ = 8, DT_LNK_ = 10 };
enum { TCGETS_ = 0x5401, TIOCGWINSZ_ = 0x5413 };

#define HELLO "/test/hello.txt"
#define TMPFILE "/tmp/files-test.txt"
#define TMPLINK "/tmp/hello-link"
#define LINK_TARGET "../test/hello.txt"	/* relative: resolves to /test/hello.txt */

/* Opens with the raw call; returns the fd or a negative errno. */
static inline long ropen(const char *path, long flags, long mode)
{
	return sys80(NR_open, (long)path, flags, mode);
}


#endif
