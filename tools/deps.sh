#!/usr/bin/env bash
# Install what Tessera needs to build, run and test, from Debian's packages only.
# Run as root it installs whatever is missing; otherwise it prints the exact
# command to run and fails, so `make` stops with a clear message.
set -euo pipefail

# command-or-file that proves the package is there : Debian package
needs=(
  "qemu-system-i386:qemu-system-x86"
  "grub-mkrescue:grub-common"
  "/usr/lib/grub/i386-pc/multiboot.mod:grub-pc-bin"
  "xorriso:xorriso"
  "mformat:mtools"
  "nasm:nasm"
  "ld:binutils"
  "/usr/lib/gcc/x86_64-linux-gnu/12/32/crtbegin.o:gcc-multilib"
  "gdb:gdb"
  "cpio:cpio"
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

[[ ${#missing[@]} -eq 0 ]] && exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) -ne 0 ]]; then
  echo "tools/deps.sh: missing packages; run as root:" >&2
  echo "  ${install[*]}" >&2
  exit 1
fi

echo "tools/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
"${install[@]}" >/dev/null
