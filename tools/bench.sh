#!/usr/bin/env bash
# bench.sh: runs the benchmark programs under QEMU -icount shift=0,sleep=off,
# where guest rdtsc counts guest instructions, and collects their
# "BENCH name value unit" lines into build/bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/bench
mkdir -p "$OUT"
: > "$OUT/results.txt"

# boot NAME CPU CMDLINE MODULES FILTER [SUFFIX]: boots the kernel with the
# command line and the comma-separated modules on CPU and appends the
# figures matching FILTER, their names ending in SUFFIX. A kernel panic ends
# QEMU at once (panic=exit); the timeout is for hangs. CLOCK is QEMU's
# clock option: -icount by default, empty for plain TCG, where rdtsc reads
# the host's time stamp counter (the wall-clock rows).
CLOCK="-icount shift=0,sleep=off"
boot() {
	local name=$1 cpu=$2 cmdline="panic=exit $3" modules=$4 filter=$5 suffix=${6:-}
	local log=$OUT/$1.log
	# shellcheck disable=SC2086 # CLOCK is words
	timeout 300 qemu-system-i386 -M pc -cpu "$cpu" -m 128 -display none -monitor none \
		-no-reboot $CLOCK \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" \
		-kernel build/kernel.elf -append "$cmdline" -initrd "$modules" < /dev/null || true
	if ! grep -q '^BENCH done' "$log"; then
		echo "bench.sh: $name did not finish; see $log" >&2
		exit 1
	fi
	tr -d '\r' < "$log" | sed -n 's/^BENCH \([a-z0-9_]* [0-9.]* [a-z_]*\)$/\1/p' |
		grep -E "$filter" | grep -v '^done ' |
		sed "s/^\([a-z0-9_]*\) /\1$suffix /" >> "$OUT/results.txt"
}

# run_program NAME ELF CMDLINE FILTER: sigma0 and ELF as the root task.
run_program() {
	boot "$1" pentium "$3" "build/user/sigma0.elf,$2" "$4"
}

# run_linux NAME CPIO INIT [CMDLINE SUFFIX]: sigma0, the Linux server and
# the initramfs CPIO with INIT as init (it powers off after "BENCH done").
# The CPU is the Pentium plus cmov that tools/bench-native.sh boots Debian's
# kernel on, so the two are compared on one machine.
run_linux() {
	boot "$1" pentium,+cmov "init=$3 ${4:-}" "build/user/sigma0.elf,build/user/linux.elf,$2" . \
		"${5:-}"
}

# QEMU does not check segment limits, so by default the kernel runs small
# spaces on its own directory (the _strict figures); the second boot makes
# them borrow the loaded directory as on a Pentium, for the small-space rows.
run_program l4 build/user/l4_bench.elf "" .
run_program l4-limits build/user/l4_bench.elf smallspace=limits \
	'^(ctxswitch_small_large|smallspace_switch_cr3_loads|ipc_roundtrip_small_tls)[ _]'
make --no-print-directory build/bench-native.cpio >/dev/null
# The L4-native programs again, beside the Linux server (the paper ran them
# so): the server takes 48 MB (linux.mem=) and runs a sleeping init; the
# benchmark, the third boot task, gets the task numbers 16 to 31.
boot l4-beside pentium "linux.mem=48 init=/bin/sleep -- 1000000" \
	"build/user/sigma0.elf,build/user/linux.elf,build/bench-native.cpio,build/user/l4_bench.elf" \
	'^(l4pipe_roundtrip|l4pipe_64k|l4_rpc_roundtrip|l4_map_rpc|l4_fault|l4_trap|l4_appel1|l4_appel2) ' \
	_beside
run_linux linux build/bench-native.cpio /bin/getpid_bench
# the process model: fork, exec, pipes, memory (user/linux/proc_bench.c)
run_linux linux-proc build/bench-native.cpio /bin/proc_bench
# the macro benchmark (user/linux/macro_bench.c)
run_linux linux-macro build/bench-native.cpio /bin/macro_bench
# the server in a small space, on QEMU's default and borrowing the directory
run_linux linux-small build/bench-native.cpio /bin/getpid_bench linux.small _small_strict
run_linux linux-small-limits build/bench-native.cpio /bin/getpid_bench \
	"linux.small smallspace=limits" _small
tools/bench-native.sh

# Plain TCG (no -icount): the same process figures in host time stamp
# counter ticks, a noisy secondary figure (the host is shared); NAME_tcg.
CLOCK='' run_linux linux-proc-tcg build/bench-native.cpio /bin/proc_bench "" _tcg
NATIVE_TCG=1 tools/bench-native.sh
sed -i 's/^\([a-z0-9_]*_tcg [0-9]*\) instructions$/\1 host_ticks/' "$OUT/results.txt"

# Where the instructions go and what the hardware would charge
# (tools/bench-profile.sh); BENCH_PROFILE=0 skips it.
if [[ ${BENCH_PROFILE:-1} != 0 ]]; then
	: > "$OUT/profile.log"
	for figure in getpid_sysinfo getpid_int80 null_call pipe_roundtrip file_reread \
			mmap_64k trap_segv appel2; do
		seconds=4
		[[ $figure == getpid_* ]] && seconds=2
		for system in tessera native; do
			PROFILE_SECONDS=$seconds tools/bench-profile.sh $system $figure \
				>> "$OUT/results.txt" 2>> "$OUT/profile.log"
		done
	done
fi

tools/bench-report.sh
echo "results in $OUT/results.txt, the report in $OUT/report.md"
