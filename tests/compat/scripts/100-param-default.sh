# parameter expansion: ${x-}, ${x:-}, ${x=}, ${x:=}, ${x+}, ${x:+}, ${x?}, ${x:?} on unset, empty and set variables
unset u; e=; s=val
echo "1 [${u-d}] [${e-d}] [${s-d}]"
echo "2 [${u:-d}] [${e:-d}] [${s:-d}]"
echo "3 [${u+a}] [${e+a}] [${s+a}]"
echo "4 [${u:+a}] [${e:+a}] [${s:+a}]"
echo "5 [${u=new}] [$u]"
e2=; echo "6 [${e2=new}] [$e2] [${e2:=newer}] [$e2]"
echo "7 [${s:=other}] [$s]"
w='two words'
set -- ${unset_x:-$w}; echo "8 $# args"
set -- "${unset_x:-$w}"; echo "9 $# args"
echo "10 [${u2:-$(echo from-subst)}] [${u3:-'quoted $x'}] [${u4:-"dq $s"}]"
n=5; echo "11 [${n:-$((n*2))}] [${nn:-$((n*2))}]"
(echo "${e:?empty is an error}"; echo not here) 2>&1; echo "12 status $?"
(echo "${u7?}"; echo not here) 2>&1; echo "13 status $?"
(echo "[${e?}] ok"; echo "14 still here")
: ${dflt:=assigned by colon}; echo "15 $dflt"
