# cmp and diff: identical, differing and missing files, -s, -l, unified diff output and statuses
seq 1 10 > a
seq 1 10 > b
sed 's/^5$/five/' a > c
cmp a b; echo "same $?"
cmp a c; echo "differ $?"
cmp -s a c; echo "silent $?"
cmp -l a c
printf 'x' > short
cmp a short; echo "eof $?"
cmp a missing; echo "missing $?"
diff a b; echo "diff same $?"
diff -u a c | tail -n +3
echo "status $?"
diff a c; echo "normal $?"
printf 'one\n' > d1; printf 'one\ntwo\n' > d2
diff -u d1 d2 | tail -n +3
printf 'no newline' > n1; printf 'no newline\n' > n2
diff n1 n2 | cat
diff a missing; echo "diff missing $?"
mkdir x y; echo 1 > x/f; echo 2 > y/f; echo 3 > x/only
diff -r x y | sed 's/ *$//'
echo "dirs $?"
