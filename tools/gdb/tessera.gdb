# tessera.gdb: gdb setup for the Tessera kernel, sourced by build/gdbinit
# (make gdb) and by the gdb test case. Load from the top of the tree.

set confirm off
set pagination off
set disassembly-flavor intel
file build/kernel.elf

# QEMU starts in real mode (BIOS, boot sector); the kernel runs in
# protected mode. Pick the architecture from CR0.PE at every stop so
# registers and disassembly make sense in both.
define tessera-arch
  if ($cr0 & 1) == 0
    set architecture i8086
  else
    set architecture i386
  end
end
define hook-stop
  tessera-arch
end

document tessera-arch
Switch gdb between i8086 and i386 according to CR0.PE.
end

# Kernel log of frame allocator state.
define tessera-frames
  printf "frames: %u free of %u\n", free_frames, total_frames
end
document tessera-frames
Print the frame allocator's free and total counts.
end

# Boot information the kernel copied from the Multiboot loader.
define tessera-boot
  printf "command line: %s\n", boot_info.cmdline
  set $i = 0
  while $i < boot_info.module_count
    printf "module %d: [%#x, %#x) %s\n", $i, boot_info.modules[$i].start, boot_info.modules[$i].end, boot_info.modules[$i].cmdline
    set $i = $i + 1
  end
end
document tessera-boot
Print the kernel command line and the boot modules.
end
