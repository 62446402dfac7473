#!/usr/bin/env bash
# bench-profile.sh: where the instructions of one operation go, as in Figure
# 5 of the paper: kernel entries, IPCs, CR3 loads, invlpgs and instructions
# in the program, the emulation library (or vDSO), the kernel and the server.
#
#   tools/bench-profile.sh tessera|native NAME
#
# NAME is getpid_sysinfo or getpid_int80 ("getpid_bench profile METHOD") or
# a figure of user/linux/proc_bench.c ("proc_bench profile NAME"). Boots
# build/bench-native.cpio with that program as init, on Tessera (as
# tools/bench.sh does) or on Debian's kernel (as tools/bench-native.sh
# does). The program prints "PROFILE loop ADDRESS ..." and runs the
# operation in an endless loop that passes ADDRESS once per operation; the
# script then tells QEMU through its monitor to translate one instruction
# per block and chain no blocks ("singlestep on", "log ...,nochain"), so
# that its exec log has one line per instruction executed, and to log
# translations, executions and interrupts for a window of PROFILE_SECONDS
# (default 2) host seconds; then it quits QEMU. The window holds only the
# steady loop, so each figure is a count in the window divided by the
# number of times ADDRESS ran (a partial operation at either end and the
# timer interrupts are spread over the rest: use a window of many
# operations).
#
# Regions: Tessera's kernel from 0xf0000000, the server 0x0f000000 to
# 0x0fffffff, the emulation library's page at 0xbfc00000, the programs
# elsewhere; Linux's kernel from 0xc0000000, the vDSO the two pages at
# AT_SYSINFO_EHDR, the programs elsewhere. Kernel entries are the
# interrupts and exceptions QEMU logs ("v=" lines), IPCs Tessera's int 0x30
# among them. CR3 loads and invlpgs are the executions of kernel
# instructions that the translation log shows to be a move to CR3 or an
# invlpg.
#
# Output, one per line: FIGURE VALUE per_op, FIGURE being the name in
# results.txt (NAME, or getpid_native_METHOD and NAME_native for Linux)
# followed by _user, _emul, _kernel, _server, _kernel_entries, _ipcs,
# _cr3_loads, _invlpgs.
set -euo pipefail
cd "$(dirname "$0")/.."

system=${1:-} figure=${2:-}
[[ ($system == tessera || $system == native) && $figure =~ ^[a-z0-9_]+$ ]] || {
	echo "usage: tools/bench-profile.sh tessera|native NAME" >&2
	exit 2
}
case $figure in
getpid_sysinfo | getpid_int80)
	init=(/bin/getpid_bench profile "${figure#getpid_}")
	name=$figure
	[[ $system == native ]] && name=getpid_native_${figure#getpid_} ;;
*)
	init=(/bin/proc_bench profile "$figure")
	name=$figure
	[[ $system == native ]] && name=${figure}_native ;;
esac
DEBIAN_DIR=${DEBIAN_DIR:-build/debian}
SECONDS_ON=${PROFILE_SECONDS:-2}
work=build/bench/profile-$system-$figure
rm -rf "$work"
mkdir -p "$work"
mkfifo "$work/mon.in" "$work/mon.out"

common=(-M pc -cpu pentium,+cmov -m 128 -display none -no-reboot
	-icount shift=0,sleep=off -D "$work/trace"
	-monitor "pipe:$work/mon" -serial "file:$work/serial.log")
if [[ $system == tessera ]]; then
	qemu=(qemu-system-i386 "${common[@]}" -kernel build/kernel.elf
		-append "panic=exit init=${init[0]} -- ${init[*]:1}"
		-initrd build/user/sigma0.elf,build/user/linux.elf,build/bench-native.cpio)
else
	qemu=(qemu-system-i386 "${common[@]}" -rtc base=2000-01-01T00:00:00,clock=vm
		-kernel "$DEBIAN_DIR/vmlinuz" -initrd build/bench-native.cpio
		-append "console=ttyS0 rdinit=${init[0]} quiet panic=-1 mitigations=off -- ${init[*]:1}")
fi

# The monitor's two FIFOs: held open read-write here so neither side blocks.
exec 3<>"$work/mon.in" 4<>"$work/mon.out"
nice timeout 600 "${qemu[@]}" < /dev/null &
qemu_pid=$!
monitor() { echo "$1" >&3; }

for _ in $(seq 1200); do
	grep -q '^PROFILE loop' "$work/serial.log" 2>/dev/null && break
	kill -0 "$qemu_pid" 2>/dev/null || break
	sleep 0.25
done
if ! grep -q '^PROFILE loop' "$work/serial.log" 2>/dev/null; then
	monitor quit
	wait "$qemu_pid" || true
	echo "bench-profile.sh: ${init[0]} never reached its loop; see $work/serial.log" >&2
	exit 1
fi
sleep 0.5
# Translations are logged from before "singlestep on": every block the loop
# runs is translated again then (one instruction a block), and a move to CR3
# or an invlpg is known by its translation, which must be in the log even
# if it came before the window.
monitor "log in_asm"
monitor "singlestep on"
sleep 0.5
monitor "log in_asm,exec,int,nochain"
sleep "$SECONDS_ON"
monitor "log none"
sleep 0.2
monitor quit
wait "$qemu_pid" || true
exec 3>&- 4>&-

read -r loop vdso < <(tr -d '\r' < "$work/serial.log" |
	sed -n 's/^PROFILE loop \(0x[0-9a-f]*\) vdso \(0x[0-9a-f]*\|0\)$/\1 \2/p')
awk -v sys="$system" -v loop="$loop" -v vdso="$vdso" -v name="$name" '
	function hex(s,   n, i, c) {
		n = 0
		s = tolower(s)
		sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1))
			n = n * 16 + c - 1
		}
		return n
	}
	function region(pc) {
		if (sys == "tessera") {
			if (pc >= hex("f0000000")) return "kernel"
			if (pc >= hex("0f000000") && pc < hex("10000000")) return "server"
			if (pc >= hex("bfc00000") && pc < hex("bfc01000")) return "emul"
			return "user"
		}
		if (pc >= hex("c0000000")) return "kernel"
		if (vdso_base && pc >= vdso_base && pc < vdso_base + 8192) return "emul"
		return "user"
	}
	# Keys are hex strings: mawk turns numbers above 2^31 into "%.6g" ones.
	function key(s) {
		s = tolower(s)
		sub(/^(0x)?0*/, "", s)
		return s
	}
	# in_asm: "0xADDRESS:  BYTES  MNEMONIC OPERANDS", one block per instruction
	/^0x[0-9a-f]+:/ {
		address = $1
		sub(":", "", address)
		if ($0 ~ /mov[l]? +%e[a-z][a-z], %cr3/) special[key(address)] = "cr3"
		else if ($0 ~ /invlpg/) special[key(address)] = "invlpg"
		next
	}
	/^Trace / {
		split($0, f, "[[/]")
		pc = hex(f[3])
		count[region(pc)]++
		if (pc == loop_pc) calls++
		if (region(pc) == "kernel" && key(f[3]) in special) kind[special[key(f[3])]]++
		next
	}
	/ v=[0-9a-f][0-9a-f] / {
		entries++
		if ($0 ~ / v=30 /) ipcs++
	}
	BEGIN { loop_pc = hex(loop); vdso_base = hex(vdso) }
	END {
		if (calls < 20) { print "bench-profile.sh: " calls " operations in the window, too few for a figure: raise PROFILE_SECONDS" > "/dev/stderr"; exit 1 }
		printf "%s_user %.1f per_op\n", name, count["user"] / calls
		printf "%s_emul %.1f per_op\n", name, count["emul"] / calls
		printf "%s_kernel %.1f per_op\n", name, count["kernel"] / calls
		printf "%s_server %.1f per_op\n", name, count["server"] / calls
		printf "%s_kernel_entries %.2f per_op\n", name, entries / calls
		if (sys == "tessera")
			printf "%s_ipcs %.2f per_op\n", name, ipcs / calls
		printf "%s_cr3_loads %.2f per_op\n", name, kind["cr3"] / calls
		printf "%s_invlpgs %.2f per_op\n", name, kind["invlpg"] / calls
		printf "bench-profile.sh: %d calls in the window\n", calls > "/dev/stderr"
	}' "$work/trace"
