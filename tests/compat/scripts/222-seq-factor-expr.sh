# seq (steps, -w, -s, decreasing, floats), factor, expr arithmetic/string/regex and statuses
seq 5 | tr '\n' ' '; echo
seq 3 7 | tr '\n' ' '; echo
seq 1 3 10 | tr '\n' ' '; echo
seq 10 -3 1 | tr '\n' ' '; echo
seq -w 8 11 | tr '\n' ' '; echo
seq -s, 1 5
seq 0.5 0.5 2 | tr '\n' ' '; echo
seq 5 1; echo "empty $?"
factor 1 2 12 97 360 1001 65536 4294967295 999999937
expr 1 + 2
expr 10 / 3 \* 3
expr 10 % 4
expr 5 \> 3
expr 3 \> 5; echo "status $?"
expr length hello
expr substr hello 2 3
expr index hello l
expr hello : 'h\(.*\)o'
expr hello : '.*'
expr abc = abc
expr 0; echo "zero $?"
expr 1 / 0; echo "div $?"
expr x + 1; echo "nonnum $?"
expr -- -5 + 2
expr 2147483647 + 1
