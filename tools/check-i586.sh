#!/bin/sh
# check-i586.sh ELF...: fails if a binary uses an instruction a P5 Pentium
# lacks (cmov, the multi-byte nop, fcomi, sysenter, MMX/SSE registers).
status=0
for elf in "$@"; do
	bad=$(objdump -d --no-show-raw-insn "$elf" |
	      grep -E '[[:space:]](cmov[a-z]*|nop[wl]|fu?comip?|sysenter|sysexit|rdpmc)[[:space:]]|%[xy]?mm[0-9]' |
	      head -5)
	if [ -n "$bad" ]; then
		echo "check-i586: $elf uses instructions a Pentium lacks:" >&2
		echo "$bad" >&2
		status=1
	fi
done
exit $status
