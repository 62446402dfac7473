# kill of background jobs: TERM, KILL, USR1, HUP, ALRM statuses (128+N) from wait, kill -0, SIGINT ignored by background jobs, TERM trapped or ignored by a child, kill -l
sleep 10 & p=$!
kill -0 $p; echo "kill -0 alive $?"
kill $p; wait $p 2>/dev/null; echo "default kill $?"
kill -0 $p 2>/dev/null; echo "kill -0 gone $?"
sleep 10 & p=$!; kill -KILL $p; wait $p 2>/dev/null; echo "KILL $?"
sleep 10 & p=$!; kill -s USR1 $p; wait $p 2>/dev/null; echo "USR1 $?"
sleep 10 & p=$!; kill -9 $p; wait $p 2>/dev/null; echo "-9 $?"
sleep 10 & p=$!; kill -HUP $p; wait $p 2>/dev/null; echo "HUP $?"
sleep 10 & p=$!; kill -ALRM $p; wait $p 2>/dev/null; echo "ALRM $?"
sh -c 'touch ready0; sleep 0.3; echo "INT ignored"' > c0.out & p=$!
while [ ! -e ready0 ]; do sleep 0.02; done
kill -INT $p; wait $p 2>/dev/null; echo "INT to background job $?"; cat c0.out
sh -c 'trap "echo child caught TERM; exit 9" TERM; touch ready; while :; do sleep 0.05; done' > child.out & p=$!
while [ ! -e ready ]; do sleep 0.02; done
kill -TERM $p; wait $p 2>/dev/null; echo "trapping child $?"; cat child.out
sh -c 'trap "" TERM; touch ready2; sleep 0.3; echo ignored TERM' > c2.out & p=$!
while [ ! -e ready2 ]; do sleep 0.02; done
kill $p; wait $p 2>/dev/null; echo "ignoring child $?"; cat c2.out
kill -l 15; kill -l 137; kill -l TERM
kill -0 99999 2>/dev/null; echo "no such pid $?"
kill -BOGUS $$ 2>/dev/null; echo "bad signal name $?"
