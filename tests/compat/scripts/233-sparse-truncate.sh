# sparse files and truncate: seek past end, holes read as zeros, -s absolute/relative/shrink
dd if=/dev/zero of=sp bs=1 count=1 seek=1048575 2>/dev/null
stat -c '%s' sp
md5sum sp
od -An -c sp | head -3
truncate -s 100 t; stat -c '%s' t
printf 'hello' > h; truncate -s 3 h; cat h; echo
truncate -s +4 h; stat -c '%s' h; od -An -c h
truncate -s -2 h; od -An -c h
truncate -s 0 h; stat -c '%s' h
printf 'abc' > w; dd of=w bs=1 seek=6 conv=notrunc 2>/dev/null <<X
Z
X
od -An -c w
truncate -s 10 missingdir/x; echo "status $?"
