/* string.h: the freestanding string and memory routines every part of Tessera links. */
#pragma once

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strlcpy(char *dst, const char *src, size_t size);
/* The index of the first word of w[i..end) that is not zero, or end: a
 * scan of sparse tables (page tables, whose absent entries are zero). */
size_t words_next_nonzero(const uint32_t *w, size_t i, size_t end);
