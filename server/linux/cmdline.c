/* The kernel command line as Linux reads it: words split at white space
 * outside double quotes, a quote that opens a word or its value (after its
 * first "=") dropped with the one that closes it, so that
 *	init=/bin/sh -- -c "echo a b"
 * gives init the arguments "-c" and "echo a b". Words before "--" are
 * options (the server's: linux.*, init=, rdinit=); words after it are
 * init's arguments. */
#include "server.h"
#include <l4/kip.h>

#define LINE_MAX	sizeof(((struct l4_kip *)0)->cmdline)

static bool white(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Drops the quotes around a word, or around its value. */
static void unquote(char *word)
{
	uint32_t n = (uint32_t)strlen(word);
	char *open = word[0] == '"' ? word : strchr(word, '=');

	if (!open || open[open == word ? 0 : 1] != '"')
		return;
	if (open != word)
		open++;
	if (n > 1 && word[n - 1] == '"' && &word[n - 1] != open)
		word[n - 1] = '\0';
	memmove(open, open + 1, strlen(open));
}

/* The next word at *s into word (LINE_MAX bytes); false at the end. */
static bool next_word(const char **s, char *word)
{
	const char *p = *s, *start;
	bool quoted = false;

	while (white(*p))
		p++;
	if (!*p)
		return false;
	for (start = p; *p && (quoted || !white(*p)); p++)
		quoted ^= *p == '"';
	memcpy(word, start, (uint32_t)(p - start));	/* (the line is shorter than LINE_MAX) */
	word[p - start] = '\0';
	unquote(word);
	*s = p;
	return true;
}

/* The option that is key, or (prefix) starts with it; NULL if none. */
static const char *option(const char *key, bool prefix)
{
	static char word[LINE_MAX];
	uint32_t len = (uint32_t)strlen(key);

	for (const char *s = kip->cmdline; next_word(&s, word) && strcmp(word, "--");)
		if (prefix ? !strncmp(word, key, len) : !strcmp(word, key))
			return word;
	return NULL;
}

bool cmdline_has(const char *word)
{
	return option(word, false) != NULL;
}

uint32_t cmdline_number(const char *key, uint32_t otherwise)
{
	const char *s = option(key, true);
	uint32_t n = 0;

	if (!s)
		return otherwise;
	for (s += strlen(key); *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (uint32_t)(*s - '0');
	return n;
}

char *cmdline_value(const char *key)
{
	const char *s = option(key, true);
	uint32_t size = s ? (uint32_t)strlen(s + strlen(key)) + 1 : 0;
	char *copy = size ? heap_alloc(size) : NULL;

	if (copy)
		memcpy(copy, s + strlen(key), size);
	return copy;
}

uint32_t cmdline_init_args(char **argv, uint32_t max)
{
	static char word[LINE_MAX];
	uint32_t argc = 0;
	bool rest = false;

	for (const char *s = kip->cmdline; next_word(&s, word);) {
		if (!rest) {
			rest = !strcmp(word, "--");
		} else if (argc == max) {
			log("more than %u arguments for init: \"%s\" and after ignored\n", max, word);
			break;
		} else if ((argv[argc] = heap_alloc((uint32_t)strlen(word) + 1))) {
			memcpy(argv[argc++], word, strlen(word) + 1);
		}
	}
	return argc;
}
