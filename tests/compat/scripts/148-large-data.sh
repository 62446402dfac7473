# large data through the shell: long variables, big pipes, read loops over thousands of lines, here-strings of 100 KB
v=$(seq 1 30000); echo "${#v}"
echo "$v" | md5sum
seq 1 100000 | md5sum
n=0; while read l; do n=$((n+l)); done <<EOF
$(seq 1 3000)
EOF
echo "sum $n"
big=$(head -c 200000 /dev/zero | tr '\0' x); echo "${#big}"
printf '%s' "$big" | wc -c
dd if=/dev/zero bs=4096 count=256 2>/dev/null | wc -c
s=; for i in $(seq 1 2000); do s="$s$i,"; done; echo "${#s}"
set -- $(seq 1 5000); echo "$# ${5000}"
cat /compat/*.sh > all; [ -s all ] && echo "concatenated scripts"
yes abcdefghij | head -c 1000000 | sha1sum
