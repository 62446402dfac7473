#!/bin/sh
# procfs.sh: /proc as busybox's ps, free, uptime, mount and friends read it,
# as KTAP.
. /test/ktap.sh
ktap_plan 11
check self_is_the_reader "(cut)" "$(cut -d' ' -f2 /proc/self/stat)"
check exe "/bin/busybox" "$(readlink /proc/$$/exe)"	# /bin/sh links to it
check cmdline "/bin/sh /test/procfs.sh" "$(tr '\0' ' ' < /proc/$$/cmdline | sed 's/ $//')"
check stat_fields "$$ (sh) S 0" "$(cut -d' ' -f1-4 /proc/$$/stat)"	# waiting for cut
check status_name "sh" "$(sed -n 's/^Name:\t//p' /proc/$$/status)"
check fds "3" "$(ls /proc/$$/fd | grep -c '^[012]$')"
check ps_sees_init "1" "$(ps | awk '$1 == 1 { print $1 }')"
check free_total "$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)" "$(free | awk '/^Mem:/ { print $2 }')"
check uptime_says_up "yes" "$(uptime | grep -q ' up ' && echo yes)"
check mount_lists_proc "proc on /proc type proc (rw,nosuid,nodev,noexec)" "$(mount | grep '^proc')"
check version "Linux" "$(cut -d' ' -f1 /proc/version)"
ktap_end
