# /proc/mounts proc line, /proc/version first field, /proc/self link, /proc listing of own pid, other proc files by shape
grep '^proc ' /proc/mounts | cut -d' ' -f1-3
awk '$3 == "proc" {print $2}' /proc/mounts
cut -d' ' -f1,2 /proc/version
uname -s
[ "$(readlink /proc/self)" -gt 0 ] 2>/dev/null && echo "self is numeric"
sh -c '[ "$(readlink /proc/self)" != "$$" ] && echo "self of readlink is not the shell"'
# (a glob, not ls: ls would stat every entry, and a process that ends
# between the listing and its stat, such as the timeout(1) watcher of the
# script before, makes ls complain, on Linux too)
for d in /proc/[0-9]*; do [ "$d" = "/proc/$$" ] && echo "own pid listed"; done
ls -d /proc/self/ >/dev/null && echo "self dir"
[ -d /proc/$$ ] && echo "pid dir"
awk 'NR==1 {print $1, ($2 ~ /^[0-9]+$/) ? "numeric" : "no"}' /proc/meminfo
awk '{print NF; exit}' /proc/uptime
awk '{print ($1 ~ /^[0-9]+\.[0-9][0-9]$/) ? "uptime format ok" : $1}' /proc/uptime
awk '{print NF}' /proc/loadavg
awk '{print ($1 ~ /^[0-9]+\.[0-9][0-9]$/ && $4 ~ /^[0-9]+\/[0-9]+$/) ? "loadavg format ok" : "bad"}' /proc/loadavg
grep -q '^processor' /proc/cpuinfo && echo "cpuinfo has processor"
cat /proc/filesystems | grep -w proc
cat /proc/nonexistent; echo "status $?"
