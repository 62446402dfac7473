# Tessera: build, run, test and debug. `make help` lists every target.
#
# Outputs go under build/ only. V=1 shows full commands.

.DEFAULT_GOAL := all
BUILD := build

ifeq ($(V),1)
Q :=
show = @true
else
Q := @
show = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif

CC      := gcc
NASM    := nasm
LD      := ld
NM      := nm
OBJDUMP := objdump
QEMU    := qemu-system-i386
GDB     := gdb
GDBPORT ?= 1234
QEMU_EXTRA ?=
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

# Every freestanding component (kernel, servers, libraries) runs on a P5
# Pentium: no cmov, no multi-byte nop, no MMX/SSE; gas enforces it too.
ARCH_FLAGS := -m32 -march=i586 -mno-mmx -mno-sse -mno-sse2 -Wa,-march=i586
CFLAGS := $(ARCH_FLAGS) -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-Wall -Wextra -Werror -MMD -MP -Ilib/include
KERNEL_CFLAGS := $(CFLAGS) -mno-80387 -Ikernel -DTESSERA_VERSION='"$(VERSION)"'
# nasm DWARF spans sections badly and confuses gdb; its symbols suffice.
NASMFLAGS := -f elf32 -I$(BUILD)/gen/
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments

# ---- kernel ---------------------------------------------------------------

KERNEL_C := $(wildcard kernel/*.c kernel/x86/*.c) lib/libc/string.c lib/libc/format.c \
	lib/ktap/ktap.c $(wildcard tests/kernel/*.c)
KERNEL_ASM := boot/multiboot.asm $(wildcard kernel/x86/*.asm)
KERNEL_OBJS := $(KERNEL_C:%.c=$(BUILD)/kernel/%.o) $(KERNEL_ASM:%.asm=$(BUILD)/kernel/%.o)
GEN_INC := $(addprefix $(BUILD)/gen/,layout.inc frame.inc gdt.inc tcb_layout.inc counters.inc \
	leftovers.inc types.inc syscalls.inc)

$(BUILD)/kernel/%.o: %.c Makefile
	$(call show,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel/%.o: %.asm $(GEN_INC) Makefile
	$(call show,NASM,$<)
	@command -v $(NASM) >/dev/null || { echo "nasm not found: run tools/deps.sh" >&2; exit 1; }
	@mkdir -p $(@D)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# Headers shared with nasm: where each .inc comes from.
vpath %.h kernel/x86 kernel lib/include/l4 lib/include/tessera
$(BUILD)/gen/%.inc: %.h tools/h2inc.sh
	$(call show,GEN,$@)
	@mkdir -p $(@D)
	$(Q)tools/h2inc.sh $< > $@

$(BUILD)/kernel.ld: linker.ld kernel/x86/layout.h
	$(call show,CPP,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) -E -P -undef -x c -I. $< -o $@

# Two passes: the first link has an empty symbol table; its text symbols
# become the table of the second. linker.ld keeps text first, so the table
# cannot move code; the comparison below proves it.
$(BUILD)/gen/ksyms0.c: tools/mksyms.sh
	@mkdir -p $(@D)
	$(Q)tools/mksyms.sh > $@

$(BUILD)/gen/ksyms.c: $(BUILD)/kernel.pass1.elf tools/mksyms.sh
	$(call show,KSYMS,$@)
	$(Q)tools/mksyms.sh $< > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/gen/ksyms0.o $(BUILD)/kernel.ld
	$(call show,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -T $(BUILD)/kernel.ld -o $@ $(KERNEL_OBJS) $(BUILD)/gen/ksyms0.o

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(BUILD)/gen/ksyms.o $(BUILD)/kernel.ld tools/check-i586.sh
	$(call show,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -T $(BUILD)/kernel.ld -o $@ $(KERNEL_OBJS) $(BUILD)/gen/ksyms.o
	$(Q)cmp -s <($(NM) -n $(BUILD)/kernel.pass1.elf | grep ' [tT] ') \
		<($(NM) -n $@ | grep ' [tT] ') || { echo "kernel text moved between link passes" >&2; rm -f $@; exit 1; }
	$(Q)$(NM) -n $@ > $(BUILD)/kernel.sym
	$(Q)$(OBJDUMP) -d -S $@ > $(BUILD)/kernel.asm
	$(Q)tools/check-i586.sh $@ || { rm -f $@; exit 1; }

SHELL := /bin/bash

# ---- user programs ----------------------------------------------------------
#
# L4-native programs link crt0, libl4.a (the shared libc, KTAP and the L4
# runtime) and lib/l4/user.ld. They are boot modules or children of one.

USER_CFLAGS := $(CFLAGS)
LIBL4_C := lib/libc/string.c lib/libc/format.c lib/ktap/ktap.c $(wildcard lib/l4/*.c)
LIBL4_OBJS := $(LIBL4_C:%.c=$(BUILD)/user/%.o)
CRT0 := $(BUILD)/user/lib/l4/crt0.o

$(BUILD)/user/%.o: %.c Makefile
	$(call show,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/%.o: %.asm Makefile
	$(call show,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

$(BUILD)/user/libl4.a: $(LIBL4_OBJS)
	$(call show,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# user_program NAME, SOURCES[, LINK ADDRESS[, OBJECTS]]: build/user/NAME.elf
define user_program
$(BUILD)/user/$(1).elf: $(CRT0) $(2:%.c=$(BUILD)/user/%.o) $(4) $(BUILD)/user/libl4.a lib/l4/user.ld tools/check-i586.sh
	$$(call show,LD,$$@)
	$$(Q)$$(LD) $$(LDFLAGS) $(if $(3),--defsym=USER_BASE=$(3)) -T lib/l4/user.ld -o $$@ $(CRT0) $(2:%.c=$(BUILD)/user/%.o) $(4) $(BUILD)/user/libl4.a
	$$(Q)tools/check-i586.sh $$@ || { rm -f $$@; exit 1; }
USER_PROGRAMS += $(BUILD)/user/$(1).elf
endef

$(eval $(call user_program,sigma0,server/sigma0/sigma0.c,0xb0000000))
$(eval $(call user_program,l4test,$(wildcard tests/l4/*.c)))
$(eval $(call user_program,fuzz,tests/fuzz/fuzz.c))
$(eval $(call user_program,l4_bench,$(wildcard user/bench/*.c)))

# The Linux server (server/linux) with the emulation library (lib/emul), a
# flat binary at LINUX_EMUL_BASE that the server maps into every process.
LINUX_SERVER_C := $(wildcard server/linux/*.c)
LINUX_SERVER_BASE := 0x0f000000
$(LINUX_SERVER_C:%.c=$(BUILD)/user/%.o): USER_CFLAGS += -DTESSERA_VERSION='"$(VERSION)"' \
	-DSERVER_BASE=$(LINUX_SERVER_BASE)u

# The emulation library: the assembly entries (emul.asm) and signal frames
# in C, linked at LINUX_EMUL_BASE into one read-only flat image.
EMUL_C := $(wildcard lib/emul/*.c)
EMUL_OBJS := $(BUILD)/lib/emul/emul_asm.o $(EMUL_C:lib/emul/%.c=$(BUILD)/lib/emul/%.o)
EMUL_CFLAGS := $(CFLAGS) -mno-80387 -fno-builtin

$(BUILD)/lib/emul/emul_asm.o: lib/emul/emul.asm $(GEN_INC) $(BUILD)/gen/linux_server.inc Makefile
	$(call show,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf32 -I$(BUILD)/gen/ -MD $(@:.o=.d) -MT $@ -MP $< -o $@

$(BUILD)/lib/emul/%.o: lib/emul/%.c Makefile
	$(call show,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(EMUL_CFLAGS) -c $< -o $@

$(BUILD)/lib/emul/emul.ld: lib/emul/emul.ld.S lib/include/tessera/linux_server.h
	@mkdir -p $(@D)
	$(Q)$(CC) -E -P -D__ASSEMBLER__ -undef -x c -Ilib/include $< -o $@

$(BUILD)/lib/emul/emul.bin: $(EMUL_OBJS) $(BUILD)/lib/emul/emul.ld tools/check-i586.sh
	$(call show,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -T $(BUILD)/lib/emul/emul.ld -o $(@:.bin=.elf) $(EMUL_OBJS)
	$(Q)tools/check-i586.sh $(@:.bin=.elf) || { rm -f $(@:.bin=.elf); exit 1; }
	$(Q)objcopy -O binary $(@:.bin=.elf) $@

$(BUILD)/user/server/linux/emul_image.o: server/linux/emul_image.asm $(BUILD)/lib/emul/emul.bin
	$(call show,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf32 -I$(BUILD)/lib/emul/ $< -o $@

$(eval $(call user_program,linux,$(LINUX_SERVER_C),$(LINUX_SERVER_BASE),$(BUILD)/user/server/linux/emul_image.o))

# ---- Linux programs and initramfs images ------------------------------------

include tools/initramfs.mk
include tests/linux/rules.mk
include tests/compat/rules.mk

# The test root filesystem: the default one plus tests/linux's programs and
# data under /test.
INITRAMFS_EXTRA_linux-test := $(LINUX_TEST_FILES)
$(eval $(call initramfs,linux-test))

# ---- images ---------------------------------------------------------------

# The kernel, sigma0, the Linux server and the default root filesystem, as
# make run boots them; boot/grub.cfg loads them as Multiboot modules.
ISO_DIR := $(BUILD)/iso
ISO_FILES := $(BUILD)/kernel.elf $(BUILD)/user/sigma0.elf $(BUILD)/user/linux.elf \
	$(BUILD)/initramfs.cpio
$(BUILD)/tessera.iso: $(ISO_FILES) boot/grub.cfg
	$(call show,ISO,$@)
	@rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	$(Q)cp $(ISO_FILES) $(ISO_DIR)/boot/
	$(Q)cp boot/grub.cfg $(ISO_DIR)/boot/grub/
	$(Q)grub-mkrescue -o $@ $(ISO_DIR) 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log >&2; exit 1; }

# ---- tests ----------------------------------------------------------------

TEST_DIR := $(BUILD)/test
TEST_MODULES := $(TEST_DIR)/alpha.txt $(TEST_DIR)/numbers.txt

$(TEST_DIR)/alpha.txt: tests/data/alpha.txt
	@mkdir -p $(@D)
	$(Q)cp $< $@

# 1..3000, one per line: a module longer than three pages.
$(TEST_DIR)/numbers.txt:
	@mkdir -p $(@D)
	$(Q)seq 1 3000 > $@

$(TEST_DIR)/selftest.iso: $(BUILD)/kernel.elf tests/data/grub-selftest.cfg $(TEST_MODULES)
	$(call show,ISO,$@)
	@rm -rf $(TEST_DIR)/iso && mkdir -p $(TEST_DIR)/iso/boot/grub
	$(Q)cp $(BUILD)/kernel.elf $(TEST_MODULES) $(TEST_DIR)/iso/boot/
	$(Q)cp tests/data/grub-selftest.cfg $(TEST_DIR)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(TEST_DIR)/iso 2>$(TEST_DIR)/grub-mkrescue.log || \
		{ cat $(TEST_DIR)/grub-mkrescue.log >&2; exit 1; }

test-images: $(BUILD)/kernel.elf $(TEST_MODULES) $(TEST_DIR)/selftest.iso $(USER_PROGRAMS) \
	$(BUILD)/linux-test.cpio $(BUILD)/compat.cpio $(BUILD)/tessera.iso

# ---- commands -------------------------------------------------------------

# make run: the Linux personality with busybox (INITRD= another cpio newc
# archive; CMDLINE= the kernel's command line: init=PATH, "--" then init's
# arguments). By default /init is busybox init: the motd, then a shell on
# the console. The CPU is a Pentium with cmov, which Debian's i386 binaries
# need.
INITRD ?= $(BUILD)/initramfs.cpio
CMDLINE ?=
# When init ends, the server leaves QEMU through isa-debug-exit (33: status
# 0, 35: not): make run counts 33 as a normal end.
QEMU_BOOT := $(QEMU) -M pc -cpu pentium,+cmov -m 128 -no-reboot -kernel $(BUILD)/kernel.elf \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-initrd "$(BUILD)/user/sigma0.elf,$(BUILD)/user/linux.elf,$(INITRD)"
QEMU_RUN := $(QEMU_BOOT) $(if $(CMDLINE),-append "$(CMDLINE)")
# make run-vga: a QEMU window (QEMU's default display) whose screen and
# keyboard are the console too (linux.console=vga); the serial line stays
# on this terminal with QEMU's monitor (Ctrl-A C; Ctrl-A X quits).
QEMU_RUN_VGA := $(QEMU_BOOT) -append "$(strip linux.console=vga $(CMDLINE))" -serial mon:stdio

all: $(BUILD)/kernel.elf $(USER_PROGRAMS)

deps:
	$(Q)tools/deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all $(INITRD)
	$(QEMU_RUN) -nographic $(QEMU_EXTRA) || [ $$? -eq 33 ]

run-vga: deps
	$(Q)$(MAKE) --no-print-directory all $(INITRD)
	$(QEMU_RUN_VGA) $(QEMU_EXTRA) || [ $$? -eq 33 ]

test: deps
	$(Q)$(MAKE) --no-print-directory test-images
	$(Q)tests/run.sh

# The system-call fuzzer with a given seed and call count (tests/fuzz).
SEED ?= 1
COUNT ?= 3000
fuzz: deps
	$(Q)$(MAKE) --no-print-directory all
	$(QEMU) -M pc -cpu pentium -m 64 -display none -monitor none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio \
		-kernel $(BUILD)/kernel.elf -append "fuzz.seed=$(SEED) fuzz.count=$(COUNT)" \
		-initrd "$(BUILD)/user/sigma0.elf,$(BUILD)/user/fuzz.elf" < /dev/null; \
		test $$? -eq 33

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tools/bench.sh

iso: deps
	$(Q)$(MAKE) --no-print-directory $(BUILD)/tessera.iso

qemu-gdb: deps
	$(Q)$(MAKE) --no-print-directory all $(INITRD)
	@echo "QEMU halted; gdb stub on tcp::$(GDBPORT). Attach with: make gdb"
	$(QEMU_RUN) -nographic -S -gdb tcp::$(GDBPORT) $(QEMU_EXTRA)

$(BUILD)/gdbinit: tools/gdbinit.in
	@mkdir -p $(@D)
	$(Q)sed -e 's|@GDBPORT@|$(GDBPORT)|g' -e 's|@BUILD@|$(BUILD)|g' $< > $@

gdb: $(BUILD)/gdbinit $(BUILD)/kernel.elf
	$(GDB) -q -x $(BUILD)/gdbinit

clean:
	rm -rf $(BUILD)

help:
	@echo "make            build build/kernel.elf (plus kernel.sym, kernel.asm)"
	@echo "make run        boot in QEMU, serial console here (Ctrl-A X quits)"
	@echo "make run-vga    the same in a QEMU window: screen and keyboard are the console too"
	@echo "make test       every test in QEMU; ends with 'N passed, N failed'"
	@echo "make bench      figures under QEMU -icount into build/bench/results.txt"
	@echo "make fuzz       the system-call fuzzer with SEED=n COUNT=m"
	@echo "make iso        build/tessera.iso, a GRUB image for real PCs (screen and COM1)"
	@echo "make qemu-gdb   boot halted with a gdb stub on GDBPORT (default 1234)"
	@echo "make gdb        attach gdb with the kernel's symbols"
	@echo "make deps       install missing Debian packages (tools/deps.sh)"
	@echo "make clean      remove build/"
	@echo "variables: V=1 QEMU_EXTRA=... CMDLINE=... GDBPORT=n SEED=n COUNT=m"

.SECONDARY:
.PHONY: all deps run run-vga test test-images bench fuzz iso qemu-gdb gdb clean help

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
