# large files: 1-3 MB written by dd, seq and cat, read back with checksums, sizes and tails
dd if=/dev/zero of=z bs=65536 count=32 2>/dev/null
wc -c < z
md5sum z
seq 1 300000 > s
wc -c < s
md5sum s
tail -1 s
cat s s > ss
wc -c < ss
sha1sum ss
cmp s ss; echo "cmp $?"
head -c 1000000 ss | md5sum
dd if=ss bs=1000 skip=1500 count=3 2>/dev/null | md5sum
tail -c 100 ss | head -2
cp ss copy && cmp ss copy && echo "copy same"
