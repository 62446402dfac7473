# dd: bs/count/skip/seek, conv=notrunc, ibs/obs, partial records; its summary without the timing line
seq 1 100 > in
filt() { sed 's/ copied,.*/ copied/'; }
dd if=in of=o1 bs=10 count=3 2>&1 | filt
cat o1
dd if=in of=o2 bs=1 skip=5 count=7 2>&1 | filt
cat o2; echo
printf 'XXXXXXXXXX' > o3
printf 'ab' | dd of=o3 bs=1 seek=3 conv=notrunc 2>&1 | filt
cat o3; echo
printf 'XXXXXXXXXX' > o4
printf 'ab' | dd of=o4 bs=1 seek=3 2>&1 | filt
cat o4; echo
dd if=/dev/zero of=z bs=1k count=5 2>&1 | filt
wc -c < z
dd if=in bs=7 2>&1 >/dev/null | filt
dd if=/dev/zero bs=512 count=3 2>/dev/null | wc -c
dd if=in ibs=10 obs=25 count=2 2>&1 > o5 | filt; wc -c < o5
echo abc | dd conv=ucase 2>/dev/null
dd if=missing 2>&1; echo "status $?"
