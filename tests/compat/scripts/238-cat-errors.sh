# cat: nonexistent files, directories, mixed good and bad arguments, -n/-b/-A/-e options, stdin "-"
cat missing; echo "status $?"
echo hello > f
cat f missing f; echo "status $?"
mkdir d
cat d; echo "dir $?"
echo stdin | cat f - f
cat -n f f
printf 'a\tb\001\n' | cat -A
printf 'a\n\n\nb\n' | cat -b
printf 'x\n' | cat -e
cat /nonexistent/dir/file; echo "status $?"
cat f/child; echo "notdir $?"
cat ""; echo "empty name $?"
