#!/bin/sh
# One job of the macro benchmark (user/linux/macro_bench.c), in the spirit
# of the AIM suite's mixes: short-lived commands (fork and exec), pipelines,
# file creation, copying and removal, and the text tools that shell scripts
# spend their time in. $1 is the stream's own scratch directory; the text is
# /tmp/macro/text.txt, written by the driver. Any failure fails the job.
set -e
cd "$1"
text=/tmp/macro/text.txt

# file I/O: copies, concatenation, a block copy, removal
cp "$text" a.txt
cat a.txt a.txt > b.txt
dd if=b.txt of=c.txt bs=4096 2>/dev/null
cmp b.txt c.txt

# pipelines of text tools
sort b.txt | uniq -c | sort -rn | head -n 5 > top.txt
tr 'a-z' 'A-Z' < a.txt | cut -c 1-24 | grep -c E > upper.txt
sed 's/[aeiou]/_/g' a.txt | wc -c > vowels.txt
awk '{ words += NF; chars += length($0) } END { print words, chars }' a.txt > counts.txt
md5sum a.txt b.txt > sums.txt

# many small processes: a loop of fork/exec
for i in 1 2 3 4 5 6 7 8; do
	echo "$i" > "n$i.txt"
	cat "n$i.txt" >> all.txt
done
[ $(wc -l < all.txt) -eq 8 ]
ls -l > list.txt

rm -f ./*.txt
