# tools/initramfs.mk: Debian's i386 userland and the cpio "newc" initramfs
# images of the Linux personality. Included from the Makefile, which defines
# BUILD, Q and show.
#
# Targets:
#   fetch-debian                 tools/fetch-debian.sh: busybox-static:i386 and the
#                                686 kernel into $(DEBIAN_DIR) (default $(BUILD)/debian;
#                                set DEBIAN_DIR, e.g. in the environment, to keep the
#                                download across `make clean`)
#   $(BUILD)/tools/mkcpio        the host archiver (tools/mkcpio.c documents its lists)
#   $(BUILD)/initramfs.cpio      the default root filesystem: Debian's /bin/busybox, the
#                                applet links of tools/initramfs/applets, the directories,
#                                device nodes and /etc files of tools/initramfs/base.list,
#                                /init -> bin/sh (see below)
#   $(BUILD)/NAME.cpio           the default contents plus NAME's extras (below)
#   $(BUILD)/linux/getpid_bench  user/linux/getpid_bench.c, static i386 glibc
#   $(BUILD)/bench-native.cpio   default + /bin/getpid_bench, /bin/proc_bench,
#                                /bin/macro_bench and its job /bench/job.sh (tools/bench*.sh)
#
# An initramfs of your own, e.g. build/mytest.cpio:
#
#   INITRAMFS_EXTRA_mytest := /bin/hello $(BUILD)/linux/hello 0755 \
#                             /etc/data.txt tests/data/alpha.txt 0644
#   INITRAMFS_LISTS_mytest := tests/linux/mytest.list     # optional
#   $(eval $(call initramfs,mytest))
#
# INITRAMFS_EXTRA_NAME is a list of "guest-path host-path octal-mode" triples,
# one regular file each; the host files are prerequisites, so make builds
# them first. INITRAMFS_LISTS_NAME names extra list files in mkcpio's format
# (dir, file, slink, nod, pipe lines) for anything else. Missing parent
# directories are created (0755); an entry whose path is already in the
# default image replaces it in place (e.g. /init, or /etc/motd). NAME may not
# be "initramfs" or "default". Call the function after setting the
# variables. INITRAMFS_IMAGES collects every image so defined. Including this
# file twice is harmless (tools/bench-native.sh runs
# `make -f Makefile -f tools/initramfs.mk`).
#
# /init is a symlink to bin/sh. Linux starts it with argv[0] "/init", so
# busybox runs its init applet; tools/initramfs/inittab makes that print the
# motd and run a shell on the console. Started as /bin/sh it is the shell.

ifndef INITRAMFS_MK_INCLUDED
INITRAMFS_MK_INCLUDED := 1

DEBIAN_DIR ?= $(BUILD)/debian
DEBIAN_BUSYBOX := $(DEBIAN_DIR)/busybox
DEBIAN_VMLINUZ := $(DEBIAN_DIR)/vmlinuz
INITRAMFS_DIR := $(BUILD)/initramfs
MKCPIO := $(BUILD)/tools/mkcpio

# The benchmarks are static i386 glibc programs, built by Debian's i386 cross
# compiler as the Linux tests are (gcc -m32 has no i386 kernel headers, which
# <errno.h> and <signal.h> need); i686 (cmov), like Debian's
# busybox-static:i386.
BENCH_LINUX_CC := i686-linux-gnu-gcc
BENCH_LINUX_CFLAGS := -static -O2 -march=i686 -std=gnu11 -Wall -Wextra -Werror

.PHONY: fetch-debian initramfs_force

fetch-debian:
	$(Q)DEBIAN_DIR='$(DEBIAN_DIR)' tools/fetch-debian.sh

# Fetched once: the files have no prerequisites (FORCE=1 make fetch-debian
# fetches again, e.g. after a Debian kernel update).
$(DEBIAN_BUSYBOX) $(DEBIAN_VMLINUZ) &:
	$(call show,FETCH,$(DEBIAN_DIR))
	$(Q)DEBIAN_DIR='$(DEBIAN_DIR)' tools/fetch-debian.sh

$(MKCPIO): tools/mkcpio.c
	$(call show,HOSTCC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# The applet names compiled into busybox: a NUL-separated table that starts
# "[", "[[" and ends with an empty name.
$(INITRAMFS_DIR)/busybox-applets.txt: $(DEBIAN_BUSYBOX)
	@mkdir -p $(@D)
	$(Q)tr '\0' '\n' < $< | awk 'p == "[" && $$0 == "[[" { on = 1; print "[" } \
		on && $$0 == "" { exit } on { print } { p = $$0 }' > $@.tmp
	$(Q)grep -qx sh $@.tmp || { echo "cannot read the applet table of $<" >&2; exit 1; }
	$(Q)mv $@.tmp $@

# The default list: base.list, then busybox and one link per applet (in
# /bin relative, "busybox"; elsewhere absolute, "/bin/busybox").
$(INITRAMFS_DIR)/default.list: tools/initramfs/base.list tools/initramfs/applets \
		$(INITRAMFS_DIR)/busybox-applets.txt tools/initramfs.mk
	$(call show,GEN,$@)
	@mkdir -p $(@D)
	$(Q){ cat tools/initramfs/base.list; \
	  echo "file /bin/busybox $(DEBIAN_BUSYBOX) 0755"; \
	  grep -v -e '^#' -e '^[[:space:]]*$$' tools/initramfs/applets | while read -r path; do \
	    name=$${path##*/}; \
	    grep -qxF -- "$$name" $(INITRAMFS_DIR)/busybox-applets.txt || \
	      { echo "tools/initramfs/applets: busybox has no applet '$$name'" >&2; exit 1; }; \
	    case $$path in /bin/*) target=busybox ;; *) target=/bin/busybox ;; esac; \
	    echo "slink $$path $$target 0777"; \
	  done; } > $@.tmp || { rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@

INITRAMFS_DEFAULT_DEPS := $(MKCPIO) $(INITRAMFS_DIR)/default.list $(DEBIAN_BUSYBOX) \
	$(shell sed -n 's/^file[[:space:]]\{1,\}[^[:space:]]\{1,\}[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1/p' \
		tools/initramfs/base.list)

$(BUILD)/initramfs.cpio: $(INITRAMFS_DEFAULT_DEPS)
	$(call show,CPIO,$@)
	$(Q)$(MKCPIO) $(INITRAMFS_DIR)/default.list > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

# Every second word of each triple: the host paths.
initramfs_hosts = $(if $(word 2,$(1)),$(word 2,$(1)) $(call initramfs_hosts,$(wordlist 4,$(words $(1)),$(1))))

# initramfs NAME: $(BUILD)/NAME.cpio from the default list, INITRAMFS_LISTS_NAME
# and INITRAMFS_EXTRA_NAME. NAME.list is rewritten only when the triples change.
define initramfs
$(if $(filter initramfs default,$(1)),$(error initramfs: the name '$(1)' is taken by the default image))
$(INITRAMFS_DIR)/$(1).list: initramfs_force
	@mkdir -p $$(@D)
	$$(Q)set -- $$(INITRAMFS_EXTRA_$(1)); \
	  [ $$$$(($$$$# % 3)) -eq 0 ] || { echo "INITRAMFS_EXTRA_$(1): not guest/host/mode triples" >&2; exit 1; }; \
	  while [ $$$$# -gt 0 ]; do echo "file $$$$1 $$$$2 $$$$3"; shift 3; done > $$@.tmp
	$$(Q)cmp -s $$@.tmp $$@ 2>/dev/null && rm -f $$@.tmp || mv $$@.tmp $$@

$(BUILD)/$(1).cpio: $$(INITRAMFS_DEFAULT_DEPS) $(INITRAMFS_DIR)/$(1).list $$(INITRAMFS_LISTS_$(1)) \
		$$(call initramfs_hosts,$$(INITRAMFS_EXTRA_$(1)))
	$$(call show,CPIO,$$@)
	$$(Q)$$(MKCPIO) -p $(INITRAMFS_DIR)/default.list $$(INITRAMFS_LISTS_$(1)) \
		$(INITRAMFS_DIR)/$(1).list > $$@.tmp && mv $$@.tmp $$@ || { rm -f $$@.tmp; exit 1; }

INITRAMFS_IMAGES += $(BUILD)/$(1).cpio
endef

# ---- the Linux benchmarks, on Tessera and native (tools/bench*.sh) ----------

$(BUILD)/linux/%_bench: user/linux/%_bench.c tools/initramfs.mk
	$(call show,CC32,$<)
	@mkdir -p $(@D)
	$(Q)$(BENCH_LINUX_CC) $(BENCH_LINUX_CFLAGS) -o $@ $<

INITRAMFS_EXTRA_bench-native := /bin/getpid_bench $(BUILD)/linux/getpid_bench 0755 \
	/bin/proc_bench $(BUILD)/linux/proc_bench 0755 \
	/bin/macro_bench $(BUILD)/linux/macro_bench 0755 \
	/bench/job.sh user/linux/macro/job.sh 0755
$(eval $(call initramfs,bench-native))

endif # INITRAMFS_MK_INCLUDED
