#!/usr/bin/env bash
# bench.sh: runs the benchmark programs under QEMU -icount shift=0,sleep=off,
# where guest rdtsc counts guest instructions, and collects their
# "BENCH name value unit" lines into build/bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/bench
mkdir -p "$OUT"
: > "$OUT/results.txt"

run_program() {	# NAME ELF: boots ELF as the boot task, appends its figures
	local name=$1 elf=$2 log=$OUT/$1.log
	timeout 600 qemu-system-i386 -M pc -cpu pentium -m 128 -display none -monitor none \
		-no-reboot -icount shift=0,sleep=off \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$log" -kernel build/kernel.elf -initrd "build/user/sigma0.elf,$elf" < /dev/null || true
	if ! grep -q '^BENCH done' "$log"; then
		echo "bench.sh: $name did not finish; see $log" >&2
		exit 1
	fi
	tr -d '\r' < "$log" | sed -n 's/^BENCH \([a-z0-9_]* [0-9.]* [a-z_]*\)$/\1/p' >> "$OUT/results.txt"
}

run_program l4 build/user/l4_bench.elf
echo "results in $OUT/results.txt:"
column -t "$OUT/results.txt"
