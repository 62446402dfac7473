# md5sum, sha1sum, sha256sum of generated data, stdin, several files, and -c checking
printf '' > empty
printf 'abc' > abc
seq 1 1000 > seq
md5sum empty abc seq
sha1sum empty abc seq
sha256sum empty abc seq
printf 'abc' | md5sum
md5sum abc seq > sums
md5sum -c sums; echo "check $?"
echo extra >> seq
md5sum -c sums; echo "check changed $?"
sha256sum abc > s256
sha256sum -c s256; echo "check256 $?"
md5sum missing; echo "missing $?"
printf 'garbage line\n' > bad
md5sum -c bad; echo "bad list $?"
