# set -u: unset variables are errors, except with defaults, $@/$* and ${#}, set +u
set -u
x=set; echo "x=$x"
echo "default ${nope:-fallback} ${nope-f2} ${nope+alt}|"
echo "args $# [$*] [$@]"
(echo "$nope"; echo no) 2>&1; echo "subshell status $?"
(echo "${#nope}") 2>&1; echo "length status $?"
(echo $((nope + 1))) 2>&1; echo "arith status $?"
set +u; echo "plus-u [$nope]"; set -u
sh -uc 'echo "[$1]"' sh one
sh -uc 'echo "[$2]"' sh one 2>&1; echo "positional status $?"
e=; echo "empty is fine [$e]"
echo "$nope2"
echo "not reached"
