#!/bin/sh
# h2inc.sh HEADER: prints the #define lines of a C header as nasm %define
# lines, so assembly shares constants with C instead of repeating them.
# Only plain object-like and function-like #defines are converted.
sed -n -e 's|/\*.*\*/||g' -e 's/^#define[ \t]\{1,\}/%define /p' "$1"
