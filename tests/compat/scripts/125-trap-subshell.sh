# traps and subshells: caught signals reset to default in subshells, ignored ones stay ignored, subshell traps, signals to the parent
trap 'echo "parent got USR1"' USR1
( sh -c 'kill -USR1 $PPID'; echo "subshell survived" ); echo "subshell with default USR1: $?"
( trap 'echo "subshell trap"' USR1; sh -c 'kill -USR1 $PPID'; echo "subshell continues" ); echo "status $?"
( kill -USR1 $$ ); echo "after subshell signalled the parent"
sh -c 'kill -USR1 $PPID'; echo "after child signalled the parent"
trap '' USR2
( sh -c 'kill -USR2 $PPID'; echo "ignored USR2 in subshell" ); echo "status $?"
sh -c 'trap - USR2; kill -USR2 $$; echo "child cannot restore"'; echo "child status $?"
v=$(trap); echo "traps in cmd subst:"; echo "$v"
x=$( sh -c 'kill -USR1 $PPID'; echo "cmd subst survived" ); echo "cmd subst status $? [$x]"
echo | { sh -c 'kill -TERM $PPID'; echo "pipeline part survived"; }; echo "pipeline status $?"
trap - USR1 USR2
