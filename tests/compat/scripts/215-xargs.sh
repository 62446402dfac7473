# xargs: default batching, -n, -I, -0, quotes, empty input, -t, exit status of the command
seq 1 10 | xargs echo
seq 1 7 | xargs -n 3 echo
printf 'a\nb\n' | xargs -I{} echo 'item {} end'
printf 'with space\0second\0' | xargs -0 -n1 echo
echo '"quoted arg" single\ word' | xargs -n1 echo
xargs echo empty < /dev/null
xargs -r echo never < /dev/null; echo "r $?"
echo 1 2 | xargs -t echo 2>&1
seq 1 3 | xargs -n1 sh -c 'exit $0'; echo "failing command $?"
echo x | xargs nonexistent-command; echo "missing command $?"
printf 'f1\nf2\n' | xargs touch; ls
seq 1 5 | xargs -n2 -P1 echo
