# tests/compat/rules.mk: the differential compatibility suite. Included by
# the top-level Makefile after tools/initramfs.mk.
#
# build/compat.cpio is the default initramfs plus /compat/run (the init that
# runs every script) and tests/compat/scripts/*.sh as /compat/*.sh. The same
# image boots on Tessera (tests/cases/linux-compat.case) and on Debian's
# i386 kernel (tools/compat-expected.sh, `make compat-expected`), whose
# output is committed as tests/compat/expected/NAME.out.

COMPAT_SCRIPTS := $(sort $(wildcard tests/compat/scripts/*.sh))
INITRAMFS_EXTRA_compat := /compat/run tests/compat/run 0755 \
	$(foreach s,$(COMPAT_SCRIPTS),/compat/$(notdir $(s)) $(s) 0644)
$(eval $(call initramfs,compat))

.PHONY: compat-expected
compat-expected: $(BUILD)/compat.cpio $(DEBIAN_VMLINUZ)
	$(Q)tools/compat-expected.sh
