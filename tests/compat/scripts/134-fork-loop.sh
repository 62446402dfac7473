# many forks: 200 command substitutions, 100 pipelines, 100 external commands and 50 sh -c in loops
s=0; for i in $(seq 1 200); do x=$(echo $i); s=$((s + x)); done; echo "sum of 200 substs $s"
c=0; i=0; while [ $i -lt 100 ]; do i=$((i+1)); c=$((c + $(echo $i | wc -c))); done; echo "chars $c"
for i in $(seq 1 100); do /bin/true || echo "true failed at $i"; done; echo "100 externals"
n=0; for i in $(seq 1 50); do n=$(sh -c "echo \$(( $n + $i ))"); done; echo "50 sh -c: $n"
for i in $(seq 1 100); do (:) ; done; echo "100 subshells"
for i in $(seq 1 50); do echo "$i"; done | while read l; do echo "$l" | cat; done | tail -1
seq 1 100 | xargs -n 10 echo | wc -l
t=0; for i in $(seq 1 30); do (exit $((i % 7))); t=$((t + $?)); done; echo "status sum $t"
