# job control builtins without a terminal: jobs listing, %N and %% job specs for kill and wait, jobs after completion
sleep 5 &
sleep 6 &
jobs
kill %1; wait %1 2>/dev/null; echo "wait %1 $?"
jobs
kill %%; wait %% 2>/dev/null; echo "wait %% $?"
jobs; echo "jobs empty $?"
(exit 4) & wait %1 2>/dev/null; echo "reused %1 $?"
kill %9 2>&1; echo "kill missing job $?"
wait %9 2>&1; echo "wait missing job $?"
true & wait; jobs -p | wc -l
