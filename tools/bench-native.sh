#!/usr/bin/env bash
# bench-native.sh: the native reference for the Linux personality. Boots
# Debian's i386 kernel (tools/fetch-debian.sh) in the same QEMU setup as
# tools/bench.sh (-icount shift=0,sleep=off: guest rdtsc counts guest
# instructions) with build/bench-native.cpio, three times: /bin/getpid_bench,
# /bin/proc_bench and /bin/macro_bench run as init and power off. Appends
# their figures to build/bench/results.txt (never truncated here:
# tools/bench.sh starts the file), renamed getpid_native_sysinfo,
# getpid_native_int80 and NAME_native for the others'. The logs are
# build/bench/native-PROGRAM.log. With NATIVE_TCG=1 it boots only
# /bin/proc_bench, on plain TCG (no -icount: rdtsc reads the host's time
# stamp counter), and its figures are NAME_native_tcg.
#
# CPU: Tessera runs on -cpu pentium (family 5, no cmov, no sysenter). The
# 686 kernel (a Geode LX / generic build, minimum family 5) refuses a CPU
# without cmov, so the native run uses the same model plus cmov:
# "pentium,+cmov". Its CPUID flags are fpu de pse tsc msr mce cx8 apic cmov
# mmx: no SEP, so the vDSO's __kernel_vsyscall enters by int $0x80 as a
# Pentium's would, and no PGE, as on Tessera's CPU. QEMU has no Pentium Pro
# model; i686 models (pentium2, pentium3, qemu32) have SEP and patch
# sysenter into the vDSO, which costs 10 more instructions per getpid. Set
# NATIVE_CPU to compare (e.g. NATIVE_CPU=pentium2). Note that QEMU's plain
# "pentium" raises #UD on cmov, which Debian's i386 busybox and glibc use.
#
# Everything runs on the virtual clock (icount, the RTC on it with a fixed
# date), so the figures do not depend on the host or on wall-clock time;
# the two runs take about a minute. The files are built first through make.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/bench
CPIO=build/bench-native.cpio
DEBIAN_DIR=${DEBIAN_DIR:-build/debian}
VMLINUZ=$DEBIAN_DIR/vmlinuz
CPU=${NATIVE_CPU:-pentium,+cmov}
export DEBIAN_DIR

die() {
	echo "bench-native.sh: $*" >&2
	exit 1
}

# initramfs.mk guards against a second inclusion, so this works whether or
# not the Makefile includes it.
make --no-print-directory -s -f Makefile -f tools/initramfs.mk "$CPIO" "$VMLINUZ" ||
	die "cannot build $CPIO or fetch $VMLINUZ"

mkdir -p "$OUT"

CLOCK=(-icount shift=0,sleep=off) tag=
[[ ${NATIVE_TCG:-0} == 1 ]] && CLOCK=() tag=-tcg

# native PROGRAM: boots Debian's kernel with /bin/PROGRAM as init and prints
# its "name value unit" figures; the log is $OUT/native-PROGRAM.log.
native() {
	local log=$OUT/native-$1$tag.log status=0
	rm -f "$log"
	# The programs power off when done; panic=-1 with -no-reboot ends QEMU
	# if one dies instead. The timeout is for hangs only.
	timeout 300 qemu-system-i386 -M pc -cpu "$CPU" -m 128 -display none -monitor none \
		-no-reboot "${CLOCK[@]}" -rtc base=2000-01-01T00:00:00,clock=vm \
		-serial "file:$log" -kernel "$VMLINUZ" -initrd "$CPIO" \
		-append "console=ttyS0 rdinit=/bin/$1 quiet panic=-1 mitigations=off" \
		< /dev/null || status=$?
	[[ $status -ne 124 ]] || die "QEMU timed out after 300 s; see $log"
	tr -d '\r' < "$log" | grep -q '^BENCH done$' ||
		die "$1 did not finish (QEMU status $status); see $log"
	tr -d '\r' < "$log" | sed -n 's/^BENCH \([a-z0-9_]* [0-9][0-9]* [a-z_]*\)$/\1/p' | grep -v '^done '
}

if [[ ${NATIVE_TCG:-0} == 1 ]]; then
	native proc_bench | sed 's/^\([a-z0-9_]*\) /\1_native_tcg /' >> "$OUT/results.txt"
	exit 0
fi

# getpid_sysinfo becomes getpid_native_sysinfo, and so on; the process
# figures get a suffix: fork_exit_native.
figures=$(native getpid_bench | sed 's/^getpid_/getpid_native_/')
grep -q '^getpid_native_int80 ' <<<"$figures" || die "no getpid_int80 figure"
grep -q '^getpid_native_sysinfo ' <<<"$figures" ||
	echo "bench-native.sh: no getpid_sysinfo figure (no AT_SYSINFO?)" >&2
figures+=$'\n'$(native proc_bench | sed 's/^\([a-z0-9_]*\) /\1_native /')
figures+=$'\n'$(native macro_bench | sed 's/^\([a-z0-9_]*\) /\1_native /')
echo "$figures" >> "$OUT/results.txt"
kernel=$(sed -n 's/^\(linux-image[^ ]*\) \([^ ]*\).*/\1 \2/p' "$DEBIAN_DIR/VERSIONS" 2>/dev/null || true)
echo "bench-native.sh: ${kernel:-Debian kernel} on -cpu $CPU:" >&2
sed 's/^/  /' <<<"$figures" >&2
