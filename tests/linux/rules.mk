# tests/linux/rules.mk: the Linux test programs (static i386 ELF, glibc and musl).
# Included by the top-level Makefile, which defines BUILD, Q and show.
#
# Each program runs as init (pid 1) on the Linux server and prints KTAP; its
# exit status is 0 when every case passed. tls_hostile is different: it must
# be killed by a fault at its first read above 3 GB (see tls_hostile.c).
#
# Toolchain (Debian packages, installed by tools/deps.sh): Debian's i386
# cross compiler builds both. gcc -m32 cannot: it has no i386 kernel headers
# (linux-libc-dev:i386 must match the amd64 version exactly), and
# musl-dev:i386 depends on the cross compiler anyway.
#   glibc: i686-linux-gnu-gcc -static          (libc6-dev-i386-cross)
#   musl:  i686-linux-gnu-gcc -static -specs /usr/lib/i386-linux-musl/musl-gcc.specs
#          (musl-dev:i386; the same as its wrapper i386-linux-musl-gcc)
#
# Provides:
#   LINUX_TEST_BINARIES  every test binary
#   LINUX_TEST_DATA      the data files the programs read
#   LINUX_TEST_FILES     "guest-path host-path mode" triples for the initramfs
#   linux-tests          builds all of them

LINUX_TEST_DIR := $(BUILD)/linux/tests
LINUX_TEST_CC := i686-linux-gnu-gcc
LINUX_TEST_MUSL_SPECS := /usr/lib/i386-linux-musl/musl-gcc.specs
# i586: the programs' own code runs on the P5 that QEMU emulates (-cpu pentium).
# musl's libc.a is i586-clean too; Debian's i386 glibc is built for i686 (cmov).
LINUX_TEST_CFLAGS := -std=gnu11 -O2 -g -march=i586 -static -fno-pie -no-pie \
	-Wall -Wextra -Werror -MMD -MP

LINUX_TESTS := basic files dirs memory proc signals job_control threads thread_ends
LINUX_TEST_BINARIES := $(foreach t,$(LINUX_TESTS),$(LINUX_TEST_DIR)/$(t)-glibc $(LINUX_TEST_DIR)/$(t)-musl) \
	$(LINUX_TEST_DIR)/tls_hostile-glibc $(LINUX_TEST_DIR)/basic-pie $(LINUX_TEST_DIR)/fuzz-musl \
	$(LINUX_TEST_DIR)/l4stub-musl $(LINUX_TEST_DIR)/hostile-musl
LINUX_TEST_DATA := tests/linux/data/hello.txt $(LINUX_TEST_DIR)/numbers.txt

LINUX_TEST_FILES := $(foreach b,$(LINUX_TEST_BINARIES),/test/$(notdir $(b)) $(b) 0755) \
	/test/hello.txt tests/linux/data/hello.txt 0644 \
	/test/numbers.txt $(LINUX_TEST_DIR)/numbers.txt 0644 \
	/test/hello.sh tests/linux/data/hello.sh 0755 \
	/test/fileops.sh tests/linux/data/fileops.sh 0755 \
	/test/procfs.sh tests/linux/data/procfs.sh 0755 \
	/test/ktap.sh tests/linux/data/ktap.sh 0644

LINUX_TEST_HEADERS := $(wildcard tests/linux/*.h)

# POSIX threads: clone with CLONE_THREAD, TLS, futexes.
$(LINUX_TEST_DIR)/threads-glibc $(LINUX_TEST_DIR)/threads-musl \
$(LINUX_TEST_DIR)/thread_ends-glibc $(LINUX_TEST_DIR)/thread_ends-musl: LINUX_TEST_CFLAGS += -pthread

define linux_test_toolchain_check
	@command -v $(LINUX_TEST_CC) >/dev/null || \
		{ echo "$(LINUX_TEST_CC) not found: run tools/deps.sh (gcc-i686-linux-gnu, libc6-dev-i386-cross)" >&2; exit 1; }
endef

# PROG_PATH: where the initramfs puts the binary (for /proc/self/exe).
$(LINUX_TEST_DIR)/%-glibc: tests/linux/%.c $(LINUX_TEST_HEADERS) tests/linux/rules.mk
	$(call show,CC32,$@)
	$(linux_test_toolchain_check)
	@mkdir -p $(@D)
	$(Q)$(LINUX_TEST_CC) $(LINUX_TEST_CFLAGS) -MF $@.d -DPROG_PATH='"/test/$(@F)"' $< -o $@

# l4stub and hostile use the project's own headers (tessera/linux_call.h, l4/).
L4_AWARE_TESTS := $(LINUX_TEST_DIR)/l4stub-musl $(LINUX_TEST_DIR)/hostile-musl
$(L4_AWARE_TESTS): LINUX_TEST_CFLAGS += -Ilib/include
$(L4_AWARE_TESTS): $(wildcard lib/include/l4/*.h lib/include/tessera/linux_*.h)

# A static-pie (ET_DYN, OS ABI GNU/Linux) build of the same source, loaded
# at Linux's static-pie base and relocating itself.
$(LINUX_TEST_DIR)/%-pie: tests/linux/%.c $(LINUX_TEST_HEADERS) tests/linux/rules.mk
	$(call show,CC32,$@)
	$(linux_test_toolchain_check)
	@mkdir -p $(@D)
	$(Q)$(LINUX_TEST_CC) $(filter-out -fno-pie -no-pie -static,$(LINUX_TEST_CFLAGS)) -static-pie \
		-fpie -MF $@.d -DPROG_PATH='"/test/$(@F)"' $< -o $@

$(LINUX_TEST_DIR)/%-musl: tests/linux/%.c $(LINUX_TEST_HEADERS) tests/linux/rules.mk
	$(call show,CC32,$@)
	$(linux_test_toolchain_check)
	@test -e $(LINUX_TEST_MUSL_SPECS) || \
		{ echo "$(LINUX_TEST_MUSL_SPECS) not found: run tools/deps.sh (musl-dev:i386)" >&2; exit 1; }
	@mkdir -p $(@D)
	$(Q)$(LINUX_TEST_CC) -specs $(LINUX_TEST_MUSL_SPECS) $(LINUX_TEST_CFLAGS) -MF $@.d \
		-DPROG_PATH='"/test/$(@F)"' $< -o $@

# 1..3000, one per line (13,893 bytes): the mmap tests map it page by page.
$(LINUX_TEST_DIR)/numbers.txt: tests/linux/rules.mk
	@mkdir -p $(@D)
	$(Q)seq 1 3000 > $@

linux-tests: $(LINUX_TEST_BINARIES) $(LINUX_TEST_DATA)

# The programs on Debian's Linux kernel, as a child of sh and as init: a
# check of the tests themselves (tests/linux/README.md), not part of `make test`.
linux-tests-native: $(BUILD)/linux-test.cpio $(DEBIAN_VMLINUZ)
	$(Q)tests/linux/run-native.sh
	$(Q)tests/linux/run-native.sh --init

.PHONY: linux-tests linux-tests-native
