#!/usr/bin/env bash
# run-native.sh [--init] [NAME...]: runs the Linux test programs on Debian's
# i386 Linux kernel in QEMU, on the machine the cases use (-cpu
# pentium,+cmov, 128 MB), from the same initramfs (build/linux-test.cpio):
# a check of the tests themselves against Linux, not part of `make test`.
#
# Without --init, one boot runs every program as a child of busybox sh
# (pid 1, with /proc mounted); the cases that need to be init skip. With
# --init, each program boots as init (rdinit=), as the cases run it on
# Tessera (sh mounts /proc and execs it). NAME is a program of /test (e.g. proc-glibc); the default is all
# of them but the hostile ones, which expect Tessera's server. Prints each
# program's KTAP output and ends with "N passed, N failed" (programs).
# Needs `make test-images` and the Debian kernel (make fetch-debian).
set -uo pipefail

build=build
cpio=$build/linux-test.cpio
vmlinuz=$build/debian/vmlinuz
as_init=0
if [[ ${1:-} == --init ]]; then
	as_init=1
	shift
fi
names=("$@")
[[ -f $cpio && -f $vmlinuz ]] || { echo "run-native.sh: needs $cpio and $vmlinuz (make test-images fetch-debian)" >&2; exit 2; }
if [[ ${#names[@]} -eq 0 ]]; then
	names=($(cpio -it < "$cpio" 2>/dev/null | grep -E '^test/[a-z_0-9]+-(glibc|musl|pie)$' |
		 sed 's,^test/,,' | grep -Ev '^(fuzz|hostile|l4stub|tls_hostile)-'))
fi

work=$(mktemp -d /tmp/tessera-native.XXXXXX)
trap '[[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT

# boot LOG ARG...: Debian's kernel with the test image and $work/extra.cpio;
# init is busybox sh with the arguments ARG (no spaces in them).
boot() {
	local log=$1
	shift
	timeout 300 qemu-system-i386 -M pc -cpu pentium,+cmov -m 128 -display none -monitor none \
		-no-reboot -serial "file:$log" -kernel "$vmlinuz" -initrd "$work/image.cpio" \
		-append "console=ttyS0 quiet loglevel=0 panic=-1 rdinit=/bin/sh -- $*" < /dev/null ||
		echo "==== QEMU: status $? (124: timed out after 300 s)" >> "$log"
}

# The driver script, appended to the image as a second cpio archive (the
# kernel unpacks both).
mkdir -p "$work/root"
{
	echo 'mount -t proc proc /proc'
	for name in "${names[@]}"; do
		echo "echo '==== $name'; /test/$name; echo \"==== $name exit \$?\""
	done
	echo 'poweroff -f'
} > "$work/root/run-native"
# Linux's init has no /proc; Tessera's server gives every process one.
printf '%s\n' 'mount -t proc proc /proc' 'exec "/test/$1"' > "$work/root/run-as-init"
(cd "$work/root" && printf '%s\n' run-native run-as-init | cpio -o -H newc --quiet) \
	> "$work/extra.cpio"
cat "$cpio" "$work/extra.cpio" > "$work/image.cpio"

passed=0 failed=0
report() {	# report NAME LOG: the program's KTAP lines; counts it
	local name=$1 log=$2
	tr -d '\r' < "$log" | sed -n "/^KTAP version/,/^# Totals/p"
	if tr -d '\r' < "$log" | grep -q '^# Totals: pass:[0-9]* fail:0 ' &&
	   ! tr -d '\r' < "$log" | grep -q '^not ok '; then
		passed=$((passed + 1))
	else
		echo "==== $name: FAILED"
		failed=$((failed + 1))
	fi
}

if [[ $as_init -eq 0 ]]; then
	boot "$work/all.log" /run-native
	for name in "${names[@]}"; do
		echo "==== $name"
		tr -d '\r' < "$work/all.log" | sed -n "/^==== $name\$/,/^==== $name exit/p" > "$work/$name.log"
		report "$name" "$work/$name.log"
	done
else
	for name in "${names[@]}"; do
		echo "==== $name (as init)"
		boot "$work/$name.log" /run-as-init "$name"
		report "$name" "$work/$name.log"
	done
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
