# du: page-multiple file sizes in KiB, -s, -a, -c, -k on a directory of known contents
mkdir -p d/sub
dd if=/dev/zero of=d/a bs=4096 count=1 2>/dev/null
dd if=/dev/zero of=d/sub/b bs=4096 count=4 2>/dev/null
du -k d/a d/sub/b
du -a d | sort -k2
du -s d | cut -f1
du -c d/a d/sub/b | tail -1
du -sh d | cut -f1
