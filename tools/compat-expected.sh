#!/usr/bin/env bash
# compat-expected.sh: regenerates tests/compat/expected/NAME.out, the output
# and exit status of every tests/compat/scripts/NAME.sh on Linux. Boots
# Debian's i386 kernel (tools/fetch-debian.sh) in QEMU with build/compat.cpio,
# whose /compat/run runs the scripts with Debian's busybox and powers off;
# the same image then runs on Tessera (tests/cases/linux-compat.case), which
# must give identical output. Run through `make compat-expected`, which
# builds the image first; commit the files it writes. The log is
# build/compat/native.log.
#
# The machine is the one the Linux cases use (-cpu pentium,+cmov, 128 MB),
# its clock starting at a fixed date. No -icount: the figures are output,
# not instruction counts.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/compat
LOG=$OUT/native.log
CPIO=build/compat.cpio
VMLINUZ=${DEBIAN_DIR:-build/debian}/vmlinuz
EXPECTED=tests/compat/expected

die() {
	echo "compat-expected.sh: $*" >&2
	exit 1
}

[ -f "$CPIO" ] && [ -e "$VMLINUZ" ] || die "run make compat-expected (needs $CPIO and $VMLINUZ)"
mkdir -p "$OUT"
rm -rf "$OUT/native"
status=0
timeout 600 qemu-system-i386 -M pc -cpu pentium,+cmov -m 128 -display none -monitor none \
	-no-reboot -rtc base=2000-01-01T00:00:00 -serial "file:$LOG" \
	-kernel "$VMLINUZ" -initrd "$CPIO" \
	-append "console=ttyS0 rdinit=/compat/run quiet loglevel=0 panic=-1" \
	< /dev/null || status=$?
[ $status -ne 124 ] || die "QEMU timed out after 600 s; see $LOG"
tests/compat/extract.sh "$LOG" "$OUT/native" > "$OUT/native.names" ||
	die "the run did not finish (QEMU status $status); see $LOG"

missing=0
for script in tests/compat/scripts/*.sh; do
	name=$(basename "$script" .sh)
	grep -qxF "$name" "$OUT/native.names" || { echo "no output for $name" >&2; missing=1; }
done
[ $missing -eq 0 ] || die "see $LOG"
rm -f "$EXPECTED"/*.out
mkdir -p "$EXPECTED"
cp "$OUT"/native/*.out "$EXPECTED"/
echo "compat-expected.sh: $(wc -l < "$OUT/native.names") scripts; outputs in $EXPECTED" >&2
