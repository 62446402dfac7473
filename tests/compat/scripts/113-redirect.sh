# redirections: >, >>, <, 2>&1 and its order, 2>/dev/null, <>, grouped commands, redirection errors
echo one > f; echo two >> f; cat f
> empty; echo "empty size $(wc -c < empty)"
echo over > f; cat < f
{ echo out; echo err >&2; } > both 2>&1; cat both
{ echo out; echo err >&2; } 2>&1 > only-out | sed 's/^/pipe: /'; cat only-out
{ echo out; echo err >&2; } 2>/dev/null
echo abcdef > rw; exec 3<>rw; read x <&3; echo XY >&3; exec 3>&-; cat rw
echo 1234567 > rw2; echo ab 1<>rw2; cat rw2
cat < missing-file; echo "missing input $?"
echo x > /nonexistent-dir/f; echo "bad output $?"
echo hidden > /dev/null; echo "devnull $?"
ls nothere 2>&1 >/dev/null | wc -l
echo "to stderr" 1>&2 2>/dev/null
echo "dup stderr" 2>&1 1>&2 | cat
cat <<EOF 2>err-file >out-file
x
EOF
echo "$(cat out-file) $(wc -c < err-file)"
echo a >f1 >f2; echo "f1=[$(cat f1)] f2=[$(cat f2)]"
echo first > "name with space"; cat "name with space"
f=target; echo via-var > $f; cat target
echo nl | tee tee1 tee2 > /dev/null; cat tee1 tee2
