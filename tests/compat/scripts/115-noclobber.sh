# set -C (noclobber): > refuses to overwrite, >| forces, >> appends, /dev/null still writable, set +C restores
echo orig > f
set -C
echo new > f; echo "clobber status $?"
cat f
echo forced >| f; cat f
echo appended >> f; cat f
echo fresh > g; cat g
echo null > /dev/null; echo "devnull $?"
(echo sub > f) 2>&1 | sed 's/^/sub: /'
case $- in *C*) echo "C in \$-";; esac
set +C
echo allowed > f; cat f
set -o noclobber; echo again > f; echo "set -o status $?"; set +o noclobber
