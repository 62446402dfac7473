# wc: -l -w -c, totals, no trailing newline, stdin and files
printf 'one two\nthree\n' > a
printf 'no newline' > b
: > empty
wc -l a
wc -w a
wc -c a
wc a
wc -l < b
wc -w b
wc -c empty
wc a b empty
seq 1 1000 | wc -l
seq 1 1000 | wc -c
printf '  lots   of\t\tspace \n' | wc -w
wc -L a
wc missing; echo "status $?"
