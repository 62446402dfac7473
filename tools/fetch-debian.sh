#!/usr/bin/env bash
# fetch-debian.sh: fetches the Debian i386 packages the Linux personality is
# measured and tested against, without installing them: busybox-static:i386
# and the current plain 686 kernel image (non-PAE), as named by the
# dependency of the linux-image-686:i386 meta package. `apt-get download`
# puts the .debs in a cache directory, `dpkg-deb` extracts what is needed,
# and the .debs are then deleted. Needs no root, but the i386 architecture
# must be enabled and its package lists fetched (tools/deps.sh does both).
#
# Cache directory: $DEBIAN_DIR, default build/debian (set it outside build/
# to survive `make clean`). Afterwards these stable paths exist:
#   $DEBIAN_DIR/busybox    the static i386 busybox binary
#   $DEBIAN_DIR/vmlinuz    the 686 kernel (symlink to boot/vmlinuz-VERSION)
#   $DEBIAN_DIR/VERSIONS   the two packages and versions fetched
# Idempotent: when all three exist it does nothing (FORCE=1 fetches again).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${DEBIAN_DIR:-build/debian}
ARCH=i386
META=linux-image-686

die() {
	echo "fetch-debian.sh: $*" >&2
	exit 1
}

if [[ ${FORCE:-0} != 1 && -x $DIR/busybox && -e $DIR/vmlinuz && -s $DIR/VERSIONS ]]; then
	exit 0
fi

for tool in apt-get apt-cache dpkg dpkg-deb tar; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: this needs a Debian host"
done
if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
	die "the $ARCH architecture is not enabled; run tools/deps.sh as root (or:" \
	    "dpkg --add-architecture $ARCH && apt-get update)"
fi

# candidate PACKAGE: the version apt would fetch, or nothing.
candidate() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^  Candidate: //p' | grep -v '^(none)$' || true
}

[[ -n $(candidate "$META:$ARCH") ]] ||
	die "apt knows no $META:$ARCH; run 'apt-get update' as root (tools/deps.sh does it)"

# The meta package depends on exactly one versioned image, e.g.
# linux-image-6.1.0-50-686 (the plain flavour; -686-pae is another meta).
kernel_package() {
	apt-cache depends "$META:$ARCH" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-image-[0-9][^ :]*-686\)\(:'"$ARCH"'\)\{0,1\}$/\1/p' |
		head -n 1
}
kernel=$(kernel_package)
[[ -n $kernel ]] || die "cannot find the kernel image $META:$ARCH depends on"
[[ -n $(candidate "$kernel:$ARCH") ]] ||
	die "$META:$ARCH depends on $kernel, which apt cannot fetch; run 'apt-get update' as root"
[[ -n $(candidate "busybox-static:$ARCH") ]] ||
	die "apt knows no busybox-static:$ARCH; run 'apt-get update' as root"

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
work=$DIR/download
rm -rf "$work" "$DIR/root" "$DIR/busybox" "$DIR/vmlinuz" "$DIR/VERSIONS"
mkdir -p "$work" "$DIR/root"

echo "fetch-debian.sh: downloading busybox-static:$ARCH and $kernel:$ARCH into $DIR" >&2
# apt-get download writes into the current directory. As root, apt drops to
# the _apt user to download, which cannot write an arbitrary directory: let it.
if [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1; then
	chown _apt "$work"
fi
download() {
	(cd "$work" && apt-get download -q "busybox-static:$ARCH" "$kernel:$ARCH" >/dev/null)
}
if ! download; then
	# Stale lists name versions the mirror no longer has: as root, refresh
	# them once (the kernel named may then change) and try again.
	[[ $(id -u) -eq 0 ]] ||
		die "apt-get download failed (network, or stale lists: run 'apt-get update' as root)"
	echo "fetch-debian.sh: download failed; running apt-get update and trying again" >&2
	apt-get update -qq || die "apt-get update failed"
	kernel=$(kernel_package)
	[[ -n $kernel ]] || die "cannot find the kernel image $META:$ARCH depends on"
	rm -f "$work"/*.deb
	download || die "apt-get download of busybox-static:$ARCH and $kernel:$ARCH failed"
fi

shopt -s nullglob
busybox_deb=("$work"/busybox-static_*_"$ARCH".deb)
kernel_deb=("$work"/"$kernel"_*_"$ARCH".deb)
[[ ${#busybox_deb[@]} -eq 1 && ${#kernel_deb[@]} -eq 1 ]] ||
	die "unexpected downloads in $work: $(ls "$work")"

# Only what is used is extracted (dpkg-deb's data archive through tar):
# busybox and its copyright; the kernel's /boot (vmlinuz, config, System.map),
# not its modules, which nothing loads. Less is also safer under build/,
# where the Makefile includes every *.d it finds.
extract() {  # DEB MEMBER...
	local deb=$1
	shift
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$DIR/root" --wildcards "$@" ||
		die "cannot extract $* from $deb"
}
extract "${busybox_deb[0]}" ./bin/busybox ./usr/share/doc/busybox-static/copyright
extract "${kernel_deb[0]}" './boot/*'

[[ -x $DIR/root/bin/busybox ]] || die "no /bin/busybox in ${busybox_deb[0]}"
vmlinuz=("$DIR"/root/boot/vmlinuz-*)
[[ ${#vmlinuz[@]} -eq 1 ]] || die "expected one /boot/vmlinuz-* in ${kernel_deb[0]}"

ln -sfn root/bin/busybox "$DIR/busybox"
ln -sfn "root/boot/$(basename "${vmlinuz[0]}")" "$DIR/vmlinuz"
# shellcheck disable=SC2016  # dpkg-deb's ${Field}s, not the shell's
{
	dpkg-deb -W --showformat='${Package} ${Version} ${Architecture}\n' "${busybox_deb[0]}"
	dpkg-deb -W --showformat='${Package} ${Version} ${Architecture}\n' "${kernel_deb[0]}"
} > "$DIR/VERSIONS"
rm -rf "$work"
echo "fetch-debian.sh: $(paste -sd';' "$DIR/VERSIONS")" >&2
