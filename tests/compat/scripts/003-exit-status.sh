# exit statuses of commands, subshells and missing programs; the script's own
(exit 3); echo "subshell $?"
sh -c 'exit 7'; echo "sh -c $?"
/nonexistent/program 2>/dev/null; echo "missing $?"
! true; echo "negated $?"
exit 5
