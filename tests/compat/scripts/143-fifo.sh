# named pipes: a background writer and a reader, open blocking until both ends exist, EOF on writer close, several writers
mkfifo p
echo "through the fifo" > p & cat p; wait $!; echo "writer status $?"
(for i in 1 2 3; do echo "line $i"; done > p) & while read l; do echo "got $l"; done < p; wait
(echo a; echo b) > p & cat p; wait
exec 3<>p; echo "rw open does not block" >&3; read x <&3; echo "$x"; exec 3>&-
seq 1 5000 > p & wc -l < p; wait
(sleep 0.2; echo late > p) & read r < p; echo "blocked until [$r]"; wait
stat -c '%F' p
