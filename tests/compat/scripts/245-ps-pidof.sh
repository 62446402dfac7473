# ps -o of the script's own processes, pidof of a background sleep, kill and wait statuses
ps -o pid,comm | awk -v me=$$ '$1 == me {print $2}'
ps -o pid,comm | awk 'NR == 1 {print $1, $2}'
ps | awk 'NR == 1 {print $1, $2, $3, $4}'
# Wait (bounded) until the background child has become sleep; the shell's
# "Terminated"/"Killed" notices depend on when it reaps, so wait's stderr goes.
waitexec() { i=0; while [ "$(cut -d' ' -f2 /proc/$1/stat)" != "(sleep)" ] && [ $i -lt 200 ]; do usleep 10000; i=$((i+1)); done; }
sleep 10 & sp=$!
waitexec $sp
pidof sleep | grep -qw "$sp" && echo "pidof found it"
[ "$(pidof sleep)" = "$sp" ] && echo "only one sleep"
ps -o pid,ppid,comm | awk -v sp=$sp -v me=$$ '$1 == sp {print ($2 == me) ? "parent is shell" : "wrong parent", $3}'
pidof nosuchprogram; echo "pidof none $?"
kill -TERM $sp; wait $sp 2>/dev/null; echo "term status $?"
sleep 10 & sp=$!
waitexec $sp
kill -9 $sp; wait $sp 2>/dev/null; echo "kill status $?"
pidof sleep; echo "after $?"
ps -o comm | grep -c '^ps$'
