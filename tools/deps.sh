#!/usr/bin/env bash
# Install what Tessera needs to build, run and test, from Debian's packages only.
# Run as root it installs whatever is missing; otherwise it prints the exact
# command to run and fails, so `make` stops with a clear message.
#
# It also enables Debian's i386 architecture (and fetches its package lists),
# so that tools/fetch-debian.sh can download busybox-static:i386 and the i386
# kernel for the Linux personality (which it unpacks without installing).
set -euo pipefail

# command-or-file that proves the package is there : Debian package
# (gcc -m32 for the kernel, the servers and the emulation library comes from
# gcc-12-multilib, not the gcc-multilib meta package: the meta conflicts
# with Debian's i386 cross compiler, which builds the Linux test programs
# against glibc and musl -- musl-dev:i386 depends on it, and gcc -m32 has
# no i386 kernel headers. gnuplot draws the figure of `make bench`.)
needs=(
  "qemu-system-i386:qemu-system-x86"
  "grub-mkrescue:grub-common"
  "/usr/lib/grub/i386-pc/multiboot.mod:grub-pc-bin"
  "xorriso:xorriso"
  "mformat:mtools"
  "nasm:nasm"
  "ld:binutils"
  "/usr/lib/gcc/x86_64-linux-gnu/12/32/crtbegin.o:gcc-12-multilib"
  "/usr/lib32/libc.a:libc6-dev-i386"
  "gdb:gdb"
  "cpio:cpio"
  "i686-linux-gnu-gcc:gcc-i686-linux-gnu"
  "/usr/i686-linux-gnu/lib/libc.a:libc6-dev-i386-cross"
  "/usr/lib/i386-linux-musl/libc.a:musl-dev:i386"
  "gnuplot:gnuplot-nox"
)

missing=()
for entry in "${needs[@]}"; do
  probe=${entry%%:*} package=${entry#*:}
  if [[ $probe == /* ]]; then
    [[ -e $probe ]] && continue
  else
    command -v "$probe" >/dev/null 2>&1 && continue
  fi
  missing+=("$package")
done

# The i386 architecture: enabled, and its package lists fetched.
add_arch=0 update=0
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  add_arch=1 update=1
elif ! compgen -G '/var/lib/apt/lists/*_binary-i386_Packages*' >/dev/null; then
  update=1
fi
[[ ${#missing[@]} -gt 0 ]] && update=1

[[ $update -eq 0 ]] && exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) -ne 0 ]]; then
  steps=()
  [[ $add_arch -eq 1 ]] && steps+=("dpkg --add-architecture i386")
  steps+=("apt-get update")
  [[ ${#missing[@]} -gt 0 ]] && steps+=("${install[*]}")
  echo "tools/deps.sh: missing packages or the i386 architecture; run as root:" >&2
  printf '  %s\n' "${steps[@]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [[ $add_arch -eq 1 ]]; then
  echo "tools/deps.sh: enabling the i386 architecture" >&2
  dpkg --add-architecture i386
fi
apt-get update -qq
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "tools/deps.sh: installing ${missing[*]}" >&2
"${install[@]}" >/dev/null
