# grep: exit statuses 0/1/2, -l/-L, -r recursion, missing files with and without -s
printf 'hit\n' > a
printf 'miss\n' > b
grep hit a; echo "found $?"
grep nothing a; echo "none $?"
grep hit missing; echo "missing file $?"
grep -s hit missing; echo "silent missing $?"
grep hit a missing; echo "partial $?"
grep -q hit a missing; echo "quiet partial $?"
grep -l hit a b
grep -L hit a b
grep -c hit a b
mkdir -p d/sub
printf 'deep hit\n' > d/sub/x
printf 'no\n' > d/y
grep -r hit d
grep -rl hit . | sort
grep '[' a; echo "bad regex $?"
grep -E 'a{1' a; echo "brace $?"
echo x | grep -v x; echo "all inverted $?"
