# pipes with large data: seq | md5sum, long chains, cat between pipes, pipe to head closing early
seq 1 100000 | md5sum
seq 1 100000 | cat | cat | cat | md5sum
seq 1 100000 | wc -c
seq 1 100000 | sort -rn | head -3
seq 1 100000 | grep 99999
yes abcdefghij | head -c 200000 | md5sum
yes | head -n 100000 | wc -l
dd if=/dev/zero bs=65536 count=16 2>/dev/null | wc -c
seq 1 100000 | tail -c 20
seq 1 50000 | awk '{s+=$1} END{print s}'
seq 1 100000 | tr 0-9 a-j | tail -1
x=$(seq 1 10000 | wc -l); echo "captured $x"
y=$(seq 1 20000); echo "${#y}"
seq 1 100000 | (head -1; echo "head done") 
