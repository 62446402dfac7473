# uniq: adjacent duplicates, -c, -d, -u, -i, -f and -s skipping
printf 'a\na\nb\nc\nc\nc\na\nd\n' > in
uniq in
echo --- -c; uniq -c in
echo --- -d; uniq -d in
echo --- -u; uniq -u in
echo --- sort uniq -c
sort in | uniq -c | sort -rn
echo --- -i; printf 'x\nX\ny\n' | uniq -i
echo --- -f1; printf '1 a\n2 a\n3 b\n' | uniq -f1
echo --- -s1; printf 'xa\nya\nzb\n' | uniq -s1
echo --- empty; uniq < /dev/null; echo "status $?"
