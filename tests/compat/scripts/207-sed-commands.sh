# sed: line and regex addresses, ranges, $, !, -n p, d, q, a/i/c, =, N, hold space, in-place -i
seq 1 10 > n
sed -n '3p' n
sed -n '2,4p' n | tr '\n' ' '; echo
sed '3,$d' n | tr '\n' ' '; echo
sed -n '/5/,/7/p' n | tr '\n' ' '; echo
sed -n '$p' n
sed '2!d' n
sed 5q n | tr '\n' ' '; echo
sed -n '/2/!p' n | tr '\n' ' '; echo
printf 'a\nb\nc\n' | sed '2a\
after b'
printf 'a\nb\nc\n' | sed '2i before b'
printf 'a\nb\nc\n' | sed '2c changed'
printf 'a\nb\nc\n' | sed -n '='
printf 'a\nb\nc\nd\n' | sed 'N;s/\n/+/'
printf '1\n2\n3\n' | sed -n '1!G;h;$p'
printf 'x\ny\n' | sed '1h;2{x;G}'
printf 'k1\nv1\nk2\nv2\n' | sed -n 'h;n;G;s/\n/=/p'
printf 'keep\ndrop\nkeep\n' > f
sed -i '/drop/d' f; cat f
printf 'a\n\n\nb\n' | sed '/^$/d'
sed -n '/[0-9]\{2\}/p' n
echo bad | sed 'zz' ; echo "status $?"
