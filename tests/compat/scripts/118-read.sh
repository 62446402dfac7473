# read: fields and IFS, -r and backslashes, last line without newline, pipes, files, here-documents, -n, -s, -u, -t
read a b c <<EOF
one two three four five
EOF
echo "[$a] [$b] [$c]"
read a b c <<EOF
only
EOF
echo "[$a] [$b] [$c]"
IFS=: read u p rest <<EOF
root:x:0:0:root:/root:/bin/sh
EOF
echo "[$u] [$p] [$rest]"
read line <<'EOF'
back\slash and \
continued
EOF
echo "[$line]"
read -r line <<'EOF'
back\slash kept \
EOF
echo "[$line]"
IFS= read -r line <<EOF
   leading and trailing   
EOF
echo "[$line]"
read line <<EOF
   leading and trailing   
EOF
echo "[$line]"
printf 'no newline' | { read x; echo "status $? [$x]"; }
printf 'a\nb\nc' > f; n=0; while read l; do n=$((n+1)); done < f; echo "loop read $n lines, last [$l]"
while read -r l || [ -n "$l" ]; do printf '<%s>' "$l"; done < f; echo
printf 'x y\n' | (read p q; echo "pipe [$p] [$q]")
read -n 3 three <<EOF
abcdef
EOF
echo "n3 [$three]"
exec 3<f; read -u 3 first; read -u 3 second; exec 3<&-; echo "u3 [$first] [$second]"
read r < /dev/null; echo "eof status $? [$r]"
read -t 1 t <<EOF
timed
EOF
echo "t status $? [$t]"
read -s s <<EOF
silent
EOF
echo "s [$s]"
read <<EOF
default var
EOF
echo "REPLY [$REPLY]"
IFS=, read -r c1 c2 c3 <<EOF
a,,c,d
EOF
echo "[$c1] [$c2] [$c3]"
seq 1 500 | while read k; do s=$k; done; echo "piped loop done"
