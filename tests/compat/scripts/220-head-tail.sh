# head and tail: -n, -c, +N, negative counts, multiple files with headers, short input
seq 1 20 > n
head -n 3 n
head -3 n | tr '\n' ' '; echo
head -c 5 n; echo
head -n -17 n
tail -n 2 n
tail -2 n | tr '\n' ' '; echo
tail -n +18 n
tail -c 6 n
tail -c +45 n
seq 1 3 > m
head -n 1 n m
tail -n 1 n m
printf 'no newline' | tail -n 1; echo
head -n 100 m
tail -n 0 m; echo "status $?"
head missing; echo "status $?"
seq 1 100000 | tail -1
