# eval: assignments, indirect variable names, quoting, exit status, return from a function, syntax errors
eval 'a=1; b=$((a+1))'; echo "$a $b"
for i in 1 2 3; do eval "v_$i=\$((i*10))"; done
for i in 1 2 3; do eval "echo v_$i=\$v_$i"; done
name=v_2; eval "val=\$$name"; echo "indirect $val"
cmd='echo "quoted  spaces"'; eval "$cmd"
eval "echo one; echo two"
eval false; echo "eval false $?"
eval; echo "empty eval $?"
eval '(exit 7)'; echo "eval subshell $?"
f() { eval 'return 4'; echo not reached; }; f; echo "return from eval $?"
(eval 'if then fi') 2>&1; echo "syntax error status $?"
x='$y'; y=final; eval echo $x
eval "set -- a 'b c' d"; echo "$# [$2]"
s='echo $1'; set -- pos; eval "$s"
eval 'cat <<EOF
heredoc via eval $a
EOF'
eval 'for k in x y; do echo loop $k; done'
