# mkfifo: a background writer and a foreground reader, ordering through the fifo, EOF on writer close
mkfifo p
stat -c '%F %a' p
(seq 1 5 > p) &
cat p
wait; echo "writer $?"
(echo from-writer; echo second) > p &
{ read l1; read l2; } < p; echo "read: $l1 $l2"
wait
(seq 1 20000 > p) & 
md5sum < p
wait
exec 3<> p
echo through-rw >&3
read x <&3; echo "$x"
exec 3>&-
mkfifo p; echo "exists $?"
mkfifo -m 600 q; stat -c '%a' q
