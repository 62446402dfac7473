# tac, rev, nl, paste, fold, expand, strings on fixed input
printf 'one\ntwo\nthree\n' > t
tac t
rev t
printf 'abc' | rev; echo
nl t
nl -ba -w3 -s: t
printf 'a\n\nb\n' | nl
seq 1 6 | paste - -
seq 1 6 | paste -s -d, -
printf '1\n2\n' > p1; printf 'x\ny\nz\n' > p2
paste p1 p2
paste -d: p1 p2
echo 'the quick brown fox jumps over the lazy dog' | fold -w 10
echo 'the quick brown fox jumps over the lazy dog' | fold -s -w 10
printf 'a\tb\tc\n' | expand
printf 'a\tb\n' | expand -t 4 | od -c | head -1
printf 'xx\001\002hello world\000ab\000longer string\n' | strings
printf 'abc\000defgh\000' | strings -n 5
