# /proc/self/cmdline (NUL-separated argv), /proc/self/status Name/State/PPid/Uid lines, /proc/self/environ
cat /proc/self/cmdline | tr '\0' '|'; echo
tr '\0' '|' < /proc/self/cmdline; echo
sh -c 'cat /proc/$$/cmdline; :' arg0 'two words' '' | tr '\0' '|'; echo
grep '^Name:' /proc/self/status
awk '/^Name:/ {print $2}' /proc/self/status
grep -E '^(Uid|Gid):' /proc/self/status
grep '^State:' /proc/self/status
awk -v me=$$ '/^PPid:/ {print ($2 == me) ? "ppid is the shell" : "ppid wrong"}' /proc/self/status
awk '/^Pid:/ {print ($2 ~ /^[0-9]+$/) ? "pid numeric" : "pid bad"}' /proc/self/status
head -1 /proc/self/status
env -i FOO=bar ZED=1 cat /proc/self/environ | tr '\0' '\n'
grep -c . /proc/$$/cmdline
