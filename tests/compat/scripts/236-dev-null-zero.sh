# /dev/null and /dev/zero: reads, writes, sizes, redirections and shell file descriptors
cat /dev/null | wc -c
echo lost > /dev/null; echo "write null $?"
head -c 1000 /dev/zero | wc -c
head -c 16 /dev/zero | od -An -tx1
dd if=/dev/zero bs=4096 count=100 2>/dev/null | md5sum
echo x > /dev/zero; echo "write zero $?"
exec 3>/dev/null; echo "to fd 3" >&3; echo "fd3 $?"
exec 3>&-
echo "closed" >&3; echo "closed fd $?"
exec 4</dev/zero; head -c 4 <&4 | od -An -tx1; exec 4<&-
exec 5>out; echo a >&5; echo b >&5; exec 5>&-; cat out
exec 6>>out; echo c >&6; exec 6>&-; cat out
echo redirect 2>&1 1>/dev/null
ls missing 2>/dev/null; echo "ls $?"
{ echo out; echo err >&2; } 2>/dev/null
echo new > rw; exec 7<>rw; read v <&7; echo "read $v"; echo more >&7; exec 7>&-; cat rw
cat < /dev/null; echo "cat null $?"
wc -c < /dev/null
