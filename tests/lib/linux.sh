# Settings shared by the Linux personality cases (tests/cases/linux-*.case):
# sigma0, the Linux server and the test initramfs (build/linux-test.cpio:
# the default root filesystem with Debian's busybox, plus the programs of
# tests/linux under /test). The CPU is a P5 Pentium with cmov: Debian's
# i386 glibc and busybox are built for i686 and use cmov, which QEMU's
# plain pentium lacks; the kernel and the server still build for i586.
# The case sets CMDLINE (init= and, after --, init's arguments).
MODULES=("build/user/sigma0.elf" "build/user/linux.elf" "build/linux-test.cpio")
CPU="pentium,+cmov"
TIMEOUT=60
# A program killed by a fault, or the server in trouble, fails every case
# that does not expect it.
NEGATIVE="$NEGATIVE|killed by (SIGSEGV|signal)|^linux: .*(cannot|failed|bad )"
