# background jobs: &, $!, wait for one or all jobs, exit statuses collected by wait, output serialized through files
(sleep 0.2; echo first > j1) &
p1=$!
(echo second > j2; exit 3) &
p2=$!
[ -n "$p1" ] && [ "$p1" != "$p2" ] && echo "two distinct pids"
wait $p1; echo "wait p1 $?"
wait $p2; echo "wait p2 $?"
cat j1 j2
for i in 1 2 3 4 5; do (echo "job $i" > out.$i; exit $i) & eval "pid$i=\$!"; done
for i in 1 2 3 4 5; do eval "wait \$pid$i"; echo "job $i status $?"; done
cat out.1 out.2 out.3 out.4 out.5
sleep 0.1 & sleep 0.2 & wait; echo "wait all $?"
wait; echo "wait with nothing $?"
false & wait $!; echo "false in bg $?"
sh -c 'exit 42' & wait $!; echo "sh bg $?"
{ echo group bg > grp; } & wait; cat grp
echo bg | tr a-z A-Z > piped & wait $!; cat piped
x=1; x=2 & wait; echo "x after bg assignment $x"
cd / & wait; pwd
n=0; for i in $(seq 20); do (echo $i >> many) & wait $!; done; wc -l < many
