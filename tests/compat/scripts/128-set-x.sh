# set -x: traces on stderr with PS4, quoting of traced words, assignments, pipelines, set +x, sh -x
set -x
echo hello "two words" ''
x=$((1+2)) y=abc
echo "$x $y" > out; cat out
f() { echo "in f $1"; }
f arg
if [ "$x" = 3 ]; then echo three; fi
for i in a b; do :; done
set +x
echo "trace off"
PS4='>> '; set -x; echo custom ps4; set +x
sh -xc 'a=1; echo "a=$a"'
