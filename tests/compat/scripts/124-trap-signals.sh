# traps for signals the shell sends itself with kill: USR1, USR2, TERM, INT, HUP; trap '' ignores; trap - restores; listing
trap 'echo "got USR1"' USR1
kill -USR1 $$; echo "after USR1"
trap 'echo "got TERM"' TERM; kill $$; echo "after TERM"
trap 'echo "got INT"' INT; kill -INT $$; echo "after INT"
trap 'echo "got HUP, status $?"' HUP; false; kill -HUP $$; echo "after HUP $?"
trap 'n=$((n+1))' USR2; n=0; for i in 1 2 3 4 5; do kill -USR2 $$; done; echo "USR2 counted $n"
trap
trap '' USR1; kill -USR1 $$; echo "USR1 ignored"
trap
sh -c 'kill -USR1 $$; echo "child inherits ignored USR1"'
trap - USR1 TERM INT HUP USR2
trap
trap 'echo "multi $1"' USR1 USR2; kill -USR1 $$; kill -USR2 $$
trap 'echo "trap sees \$?=$?"; (exit 5)' USR1; (exit 2); kill -USR1 $$; echo "status after trap $?"
trap 'echo ALRM' ALRM; kill -ALRM $$; trap 'echo 10' 10; kill -10 $$
trap - USR1 USR2 ALRM
sh -c 'kill -USR1 $$; echo not reached'; echo "child killed by USR1: $?"
