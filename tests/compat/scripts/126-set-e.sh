# set -e: exits on a failing simple command, but not in if/while conditions, && || lists, ! pipelines or function calls used as conditions
set -e
false || echo "or-list keeps going"
true && false || echo "and-or list keeps going"
if false; then :; else echo "if condition ok"; fi
while false; do :; done; echo "while condition ok"
! true; echo "negation ok"
f() { false; echo "in f after false (condition context)"; }
if f; then echo "f true"; fi
f || echo "not reached since f ends with echo"
x=$(false; echo "subst continues?") || echo "subst failed $?"; echo "x=[$x]"
(false; echo "not in subshell") || echo "subshell failed with $?"
sh -c 'set -e; false; echo no' || echo "child with -e exited $?"
echo "still here"
false | true; echo "pipeline with false first ok"
set +e; false; echo "set +e ok"; set -e
case $- in *e*) echo "e in \$-";; esac
g() { echo "g runs"; false; echo "g not continued"; }
g
echo "not reached"
