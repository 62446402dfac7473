#!/usr/bin/env bash
# bench-native.sh: the native reference for the Linux personality's getpid.
# Boots Debian's i386 kernel (tools/fetch-debian.sh) in the same QEMU setup
# as tools/bench.sh (-icount shift=0,sleep=off: guest rdtsc counts guest
# instructions) with build/bench-native.cpio, whose /bin/getpid_bench runs
# as init and powers off; appends its figures, renamed getpid_native_sysinfo
# and getpid_native_int80, to build/bench/results.txt (never truncated here:
# tools/bench.sh starts the file). The log is build/bench/native.log.
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
# a run takes about 15 s. The files are built first through make.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/bench
LOG=$OUT/native.log
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
rm -f "$LOG"
# getpid_bench powers off when done; panic=-1 with -no-reboot ends QEMU if it
# dies instead. The timeout is for hangs only.
status=0
timeout 120 qemu-system-i386 -M pc -cpu "$CPU" -m 128 -display none -monitor none \
	-no-reboot -icount shift=0,sleep=off -rtc base=2000-01-01T00:00:00,clock=vm \
	-serial "file:$LOG" -kernel "$VMLINUZ" -initrd "$CPIO" \
	-append "console=ttyS0 rdinit=/bin/getpid_bench quiet panic=-1 mitigations=off" \
	< /dev/null || status=$?
if [[ $status -eq 124 ]]; then
	die "QEMU timed out after 120 s; see $LOG"
fi
if ! tr -d '\r' < "$LOG" | grep -q '^BENCH done$'; then
	die "getpid_bench did not finish (QEMU status $status); see $LOG"
fi

figures=$(tr -d '\r' < "$LOG" |
	sed -n 's/^BENCH getpid_\(sysinfo\|int80\) \([0-9][0-9]*\) \(instructions\)$/getpid_native_\1 \2 \3/p')
grep -q '^getpid_native_int80 ' <<<"$figures" || die "no getpid_int80 figure in $LOG"
grep -q '^getpid_native_sysinfo ' <<<"$figures" ||
	echo "bench-native.sh: no getpid_sysinfo figure (no AT_SYSINFO?); see $LOG" >&2
echo "$figures" >> "$OUT/results.txt"
kernel=$(sed -n 's/^\(linux-image[^ ]*\) \([^ ]*\).*/\1 \2/p' "$DEBIAN_DIR/VERSIONS" 2>/dev/null || true)
echo "bench-native.sh: ${kernel:-Debian kernel} on -cpu $CPU:" >&2
sed 's/^/  /' <<<"$figures" >&2
