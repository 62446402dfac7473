# shell file I/O: > truncates, >> appends, noclobber, here-documents, reading a file line by line, tee
echo one > f; echo two > f; cat f
echo three >> f; cat f
set -C; echo four > f; echo "noclobber $?"; set +C
cat f
cat <<X
here $((1+2)) `echo cmd`
X
cat <<'X'
literal $HOME `x`
X
cat <<-X
	tab stripped
	X
while read -r a b; do echo "[$a|$b]"; done <<X
k1 v1 rest
k2
X
seq 1 3 | tee t1 t2 | wc -l; cat t1 t2 | tr '\n' ' '; echo
echo more | tee -a t1 > /dev/null; tail -1 t1
: > f; wc -c < f
echo x > /nonexistent/f; echo "redirect fail $?"
mkdir d; echo x > d; echo "to dir $?"
{ echo a; echo b; } > g; cat g
n=0; while read l; do n=$((n+1)); done < /etc/passwd; echo "lines $n"
printf 'last' > h; while read l || [ -n "$l" ]; do echo "got $l"; done < h
