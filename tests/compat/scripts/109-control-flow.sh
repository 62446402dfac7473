# if/elif/else, while, until, for, break and continue (with levels), loop statuses
for v in 1 2 3 4; do
  if [ $v -eq 1 ]; then echo one; elif [ $v -eq 2 ]; then echo two; else echo "other $v"; fi
done
i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo "while $i"; done
j=3; until [ $j -eq 0 ]; do echo "until $j"; j=$((j-1)); done
for a in x y z; do for b in 1 2 3; do [ $b = 2 ] && continue 2; [ $a = z ] && break 2; echo "$a$b"; done; done
for a in p q; do for b in 1 2; do for c in u v; do [ $c = v ] && break 2; echo "$a$b$c"; done; done; done
for w in; do echo never; done; echo "empty for $?"
while false; do :; done; echo "while false $?"
for k in 1 2; do (exit $k); done; echo "for last $?"
if false; then :; fi; echo "if no branch $?"
if (exit 4); then :; else echo "else sees $?"; fi
n=0; while :; do n=$((n+1)); if [ $n -ge 1000 ]; then break; fi; done; echo "n=$n"
for f in "a b" c; do echo "[$f]"; done
x=0; while [ $x -lt 3 ]; do x=$((x+1)); done > loop.out; echo "redirected loop x=$x $(wc -c < loop.out)"
seq 3 | while read r; do echo "read $r"; done
for i in 1 2 3; do echo $i; done | tac
