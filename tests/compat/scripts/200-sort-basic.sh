# sort: default, -n, -r, -u, -f, -c, numbers with signs and blanks, empty input
printf 'pear\napple\nBanana\napple\ncherry\n' > fruit
sort fruit
echo --- -r; sort -r fruit
echo --- -u; sort -u fruit
echo --- -f; sort -f fruit
printf '10\n9\n-3\n100\n 7\n0\n2.5\n' > nums
echo --- lexical; sort nums
echo --- -n; sort -n nums
echo --- -nr; sort -nr nums
echo --- -c; sort -c fruit; echo "status $?"
sort fruit | sort -c; echo "sorted status $?"
echo --- empty; sort < /dev/null | wc -c
echo --- -o; sort -o fruit fruit; cat fruit
