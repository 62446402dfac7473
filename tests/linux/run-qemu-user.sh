#!/usr/bin/env bash
# run-qemu-user.sh [BUILD] [NAME...]: runs the Linux test programs on the build
# host under qemu-i386 (Debian package qemu-user; a developer's check of the
# tests themselves against real Linux semantics, not part of `make test`).
#
# The programs expect Tessera's initramfs, so this builds a scratch root with
# /bin/busybox (empty), /etc/motd, /etc/passwd, /dev, /tmp and /test (the
# binaries and data files), and runs each binary as pid 1 with ppid 0 in new
# PID and mount namespaces, chrooted there: /usr (for qemu itself), /dev and
# a new /proc are mounted into the root. It runs under script(1), so fds 0..2
# are a terminal like /dev/console. Needs root (unshare, mount, chroot).
#
# Known differences of qemu-user 7.2 from Linux (the tests assert Linux's):
#   basic  nanosleep_bad_args: nanosleep((void *)1) gives EINVAL, not EFAULT
#   files  getdents64_root: d_reclen is a multiple of 4 (the i386 alignment of
#          a u64), not of 8 as Linux makes it
#   memory munmap_partial_and_args: mprotect of an unmapped range gives 0, not ENOMEM
#   memory mprotect_changes_access: mprotect(addr, 0) gives ENOMEM, not 0
#   memory set_thread_area_limits: no free TLS entry gives EINVAL, not ESRCH
set -uo pipefail

build=${1:-build}
shift || true
dir=$build/linux/tests
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
	for f in "$dir"/*-glibc "$dir"/*-musl; do
		[[ -x $f ]] && names+=("$(basename "$f")")
	done
fi
[[ $(id -u) -eq 0 ]] || { echo "run-qemu-user.sh: needs root (unshare, mount, chroot)" >&2; exit 1; }
qemu=$(command -v qemu-i386) || { echo "qemu-i386 not found (apt-get install qemu-user)" >&2; exit 1; }

root=$(mktemp -d /tmp/tessera-linux-root.XXXXXX)
trap 'rm -rf --one-file-system "$root"' EXIT
mkdir -p "$root"/{bin,etc,dev,tmp,test,usr,proc}
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
: > "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
echo "Tessera test root" > "$root/etc/motd"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
chmod 1777 "$root/tmp"
install -m 0644 tests/linux/data/hello.txt "$root/test/hello.txt"
install -m 0644 "$dir/numbers.txt" "$root/test/numbers.txt"
for f in "$dir"/*-glibc "$dir"/*-musl; do
	[[ -x $f ]] && install -m 0755 "$f" "$root/test/"
done

# In the new namespaces, the shell is pid 1; it mounts and then becomes qemu.
# tls_hostile must die of its fault, which pid 1 cannot (init ignores signals
# it has no handler for), so it runs as pid 2 under the shell.
inner='mount --rbind /usr "$0/usr" && mount --rbind /dev "$0/dev" &&
	mount -t proc proc "$0/proc" && $3 chroot "$0" "$1" "/test/$2"'
run() {
	local how=exec
	[[ $1 == tls_hostile* ]] && how=
	script -qec "unshare --pid --mount --fork sh -c '$inner' $root $qemu $1 $how" /dev/null
}

status=0
for name in "${names[@]}"; do
	echo "==== $name"
	out=$(run "$name" </dev/null 2>&1 | tr -d '\r')
	rc=$?
	printf '%s\n' "$out"
	if [[ $name == tls_hostile* ]]; then
		# Must die at the first read above 3 GB and never print LEAKED.
		if grep -q LEAKED <<<"$out" || ! grep -q 'reading 0xc0000000' <<<"$out" ||
		   grep -q 'FAIL\|SETUP' <<<"$out" || [[ $rc -eq 0 ]]; then
			echo "==== $name: FAIL (exit $rc)"; status=1
		else
			echo "==== $name: ok, killed at the first read (exit $rc)"
		fi
	else
		echo "==== $name: exit $rc"
		[[ $rc -eq 0 ]] || status=1
	fi
done
exit $status
