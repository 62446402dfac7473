# subshells versus the current shell: variables, cd, exit, set, umask, pipelines and grouping
x=1; (x=2; echo "in subshell x=$x"); echo "after x=$x"
{ x=3; }; echo "after group x=$x"
(cd /; pwd); pwd
(exit 9); echo "sub exit $?"
(set -- a b c; echo "sub args $#"); echo "parent args $#"
echo piped | read v; echo "read in pipeline: [${v-unset}]"
y=0; seq 5 | while read n; do y=$n; done; echo "y after piped loop=$y"
y=0; while read n; do y=$n; done <<EOF
7
EOF
echo "y after redirected loop=$y"
z=$(z=inner; echo $z); echo "z=$z"
( ( (echo deep; exit 2); echo "level2 $?"; exit 3); echo "level1 $?")
echo "outer $?"
f() ( echo "subshell function"; x=99 ); f; echo "x still $x"
(umask 077; umask); umask
(unset PATH; echo "PATH unset in subshell"); echo "PATH ${PATH:+set}"
(echo a; echo b) | sort -r
{ echo c; echo d; } | sort -r
