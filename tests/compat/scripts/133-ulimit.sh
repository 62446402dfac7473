# ulimit: reading common limits, lowering soft limits, effects of -n on opening descriptors and of -f on writing files
echo "n=$(ulimit -n) c=$(ulimit -c) f=$(ulimit -f) s=$(ulimit -s) d=$(ulimit -d) v=$(ulimit -v) t=$(ulimit -t)"
echo "hard n=$(ulimit -Hn) soft n=$(ulimit -Sn)"
(ulimit -n 64; ulimit -n; sh -c 'ulimit -n'); ulimit -n
(ulimit -n 10; exec 9>/dev/null && echo "fd 9 below limit 10") 2>&1
(ulimit -n 10; sh -c 'exec 3>/dev/null 4>&3 5>&3 6>&3 7>&3 8>&3 9>&3; echo "nine fds open"') 2>&1
(ulimit -S -c 0; ulimit -c)
(ulimit -f 1; dd if=/dev/zero of=big bs=1024 count=4 2>/dev/null; echo "dd status $?"); stat -c '%s' big
(ulimit -f 2; sh -c 'head -c 5000 /dev/zero > big2'; echo "sh write status $?"); stat -c '%s' big2
(ulimit -n 32; ulimit -n 64 2>&1; echo "raise soft within hard $?"; ulimit -n)
(ulimit -H -n 100; ulimit -n 200 2>&1; echo "above hard $?")
ulimit -t unlimited; echo "t set $?"
