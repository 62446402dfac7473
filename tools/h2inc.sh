#!/bin/sh
# h2inc.sh HEADER: prints the #define lines of a C header as nasm %define
# lines, so assembly shares constants with C instead of repeating them.
# Only one-line object-like and function-like #defines are converted;
# multi-line ones (ending in a backslash) are C-only and skipped.
sed -n -e '/\\$/d' -e 's|/\*.*\*/||g' -e 's/^#define[ \t]\{1,\}/%define /p' "$1"
