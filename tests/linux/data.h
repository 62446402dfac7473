/*
 * data.h: the data files rules.mk puts into the initramfs, and their contents.
 *
 *   /test/hello.txt    tests/linux/data/hello.txt (mode 0644), exactly HELLO_TEXT
 *   /test/numbers.txt  `seq 1 3000`: "1\n2\n...3000\n", 13,893 bytes (mode 0644),
 *                      longer than three pages
 *
 * Under `qemu-i386 -L ROOT` (run-qemu-user.sh) the same absolute paths find
 * ROOT/test/hello.txt and so on.
 */
#ifndef TESSERA_LINUX_DATA_H
#define TESSERA_LINUX_DATA_H

#include <stdio.h>

#define HELLO_TEXT "Hello from tests/linux/data/hello.txt.\n" \
	"The files and memory tests compare against these two lines.\n"
#define HELLO_SIZE (sizeof HELLO_TEXT - 1)
#define HELLO_MODE 0644

#define NUMBERS_COUNT 3000
#define NUMBERS_SIZE 13893

/* Fills buf (NUMBERS_SIZE + 1 bytes) with what numbers.txt holds. */
static inline size_t numbers_text(char *buf, size_t size)
{
	size_t n = 0;
	for (int i = 1; i <= NUMBERS_COUNT && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%d\n", i);
	return n;
}

#endif
