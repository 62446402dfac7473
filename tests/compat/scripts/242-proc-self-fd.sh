# /proc/self/fd: open descriptors of a process with redirections, link targets of fds, fdinfo-free checks
ls /proc/self/fd
ls /proc/self/fd 5>/dev/null 7<f 2>/dev/null; echo "status $?"
echo data > f
ls /proc/self/fd 5>/dev/null 7<f
readlink /proc/self/fd/0
readlink /proc/self/fd/1
sh -c 'readlink /proc/self/fd/7' 7<f
readlink /proc/self/fd/3 3>/dev/zero
seq 1 3 | readlink /proc/self/fd/0 | sed 's/[0-9][0-9]*/N/'
cat /proc/self/fd/7 7<f
echo via-fd | cat /proc/self/fd/0
exec 9>g
echo into-9 > /proc/self/fd/9
exec 9>&-
cat g
stat -L -c '%F' /proc/self/fd/0
ls -l /proc/self/fd/0 | awk '{print substr($1, 1, 1), $(NF-1), $NF}'
readlink /proc/self/fd/42; echo "closed fd $?"
