# EXIT traps: on normal end, on exit N with $? preserved, in subshells, reset by trap -, and listing with trap
trap 'echo "EXIT trap status $?"' EXIT
trap
(trap 'echo "subshell EXIT"' EXIT; echo "in subshell")
(echo "subshell without its own trap")
sh -c 'trap "echo child exit trap" EXIT; exit 4'; echo "child status $?"
sh -c 'trap "echo trap then exit 6; exit 6" EXIT; exit 4'; echo "child status $?"
sh -c 'trap "echo set-e exit" EXIT; set -e; false; echo no'; echo "set -e child $?"
sh -c 'trap "echo removed" EXIT; trap - EXIT; echo removed trap'
sh -c 'trap "echo at 0" 0; true'
f() { trap 'echo "EXIT from function"' EXIT; }; (f; echo "after f in subshell")
out=$(trap 'echo trap in cmd subst' EXIT; echo body); echo "[$out]"
exit 3
