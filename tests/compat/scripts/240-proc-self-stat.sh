# /proc/self/stat and /proc/PID/stat: pid, comm in parentheses, state, ppid, numeric fields
cut -d' ' -f2,3 /proc/self/stat
read pid comm state ppid rest < /proc/self/stat
[ "$pid" = "$$" ] && echo "pid is \$\$"
echo "$comm $state"
case $ppid in *[!0-9]*|'') echo "ppid not numeric";; *) echo "ppid numeric";; esac
sh -c 'read p c s pp rest < /proc/self/stat; [ "$pp" = "$PPID" ] && echo "child ppid ok"; echo "$c"'
cut -d' ' -f2 /proc/$$/stat
awk '{print $2, $3}' /proc/self/stat
awk '{ok = 1; for (i = 4; i <= 20; i++) if ($i !~ /^-?[0-9]+$/) ok = 0; print ok ? "fields 4-20 numeric" : "non-numeric field"}' /proc/self/stat
# A background child: wait (bounded) until it has become sleep; the shell's
# "Terminated" notice depends on when it reaps the child, so wait's stderr goes.
sleep 5 & sp=$!
i=0; while [ "$(cut -d' ' -f2 /proc/$sp/stat)" != "(sleep)" ] && [ $i -lt 200 ]; do usleep 10000; i=$((i+1)); done
cut -d' ' -f2,3 /proc/$sp/stat
kill $sp; wait $sp 2>/dev/null; echo "killed $?"
[ -e /proc/$sp ] || echo "gone"
cat /proc/999999/stat; echo "no pid $?"
