# /proc/self/exe and /proc/self/cwd, /proc/self/root links, and the exe of a child
readlink /proc/self/exe
readlink /proc/self/cwd
cd /tmp && readlink /proc/self/cwd && cd /tmp/work
readlink /proc/self/root
readlink /proc/$$/exe
sh -c 'readlink /proc/$$/cwd'
mkdir sub; (cd sub && readlink /proc/self/cwd)
ls /proc/self/cwd/
[ -x /proc/self/exe ] && echo "exe executable"
/proc/self/exe echo "run through /proc/self/exe" 2>&1 | head -1
stat -L -c '%s' /proc/self/exe | awk '{print ($1 > 100000) ? "big binary" : "small"}'
cmp /proc/self/exe /bin/busybox && echo "same file"
