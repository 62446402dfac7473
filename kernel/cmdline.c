/* The kernel command line: words separated by spaces. QEMU puts the
 * kernel's file name first and GRUB does not; a file name never looks like
 * an option, so every word is searched, up to a word "--": what follows is
 * init's (the Linux server reads it, quotes and all). */
#include "bootinfo.h"
#include "printk.h"
#include <libc/string.h>

/* Finds the word starting with `key` followed by '=' or a word end;
 * returns a pointer just past the key, or NULL. */
static const char *find_key(const char *key)
{
	size_t len = strlen(key);
	const char *p = boot_info.cmdline;

	while (p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, "--", 2) && (p[2] == ' ' || !p[2]))
			return NULL;
		if (!strncmp(p, key, len) && (p[len] == '=' || p[len] == ' ' || !p[len]))
			return p + len;
		p = strchr(p, ' ');
	}
	return NULL;
}

bool cmdline_flag(const char *key)
{
	return find_key(key) != NULL;
}

bool cmdline_value(const char *key, char *buf, uint32_t size)
{
	const char *p = find_key(key);
	uint32_t n = 0;

	if (!p || *p != '=')
		return false;
	for (p++; p[n] && p[n] != ' '; n++)
		;
	if (n >= size) {
		printk("cmdline: value of %s longer than %u bytes, ignored\n", key, size - 1);
		return false;
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}
