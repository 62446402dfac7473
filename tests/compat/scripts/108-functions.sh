# functions: arguments, local and dynamic scope, return status, redirected bodies, redefinition, unset -f
g=global
show() { echo "show sees g=$g l=${l-unset}"; }
f() { local g=local l=fl; show; g=changed; return 3; }
f; echo "f returned $? g=$g l=${l-unset}"
h() { local x; x=$1; echo "h x=$x"; }
x=outer; h inner; echo "x=$x"
noret() { false; }; noret; echo "noret $?"
rettrue() { false; return; }; rettrue; echo "bare return $?"
big() { return 300; }; big; echo "return 300 gives $?"
out() { echo to-file; echo err-to-file >&2; } > out.txt 2>&1
out; echo "file: $(cat out.txt | tr '\n' ' ')"
f() { echo redefined; }; f
unset -f f; f 2>/dev/null; echo "after unset -f: $?"
counter() { n=$((n+1)); }; n=0; counter; counter; counter; echo "n=$n"
args() { echo "$# [$1] [$*] $0"; }; args "a b" c
nested() { inner() { echo "inner defined by nested"; }; inner; }; nested; inner
loc() { local a=1 b; b=2; local c="$a$b"; echo "$a $b $c"; }; loc; echo "after loc: [${a-unset}] [${c-unset}]"
inc() { local v=$1; [ $v -ge 3 ] && return $v; inc $((v+1)); }; inc 0; echo "chain $?"
pipef() { read l; echo "got $l"; }; echo piped | pipef
envf() { echo "A=$A"; }
A=temp envf; echo "A after=${A-unset}"
