# deep recursion: shell functions 1000 levels deep, recursive fibonacci, recursion through command substitution and sh -c
depth() { if [ $1 -gt 0 ]; then depth $(( $1 - 1 )); else echo "bottom reached"; fi; }
depth 1000
sum() { if [ $1 -eq 0 ]; then r=0; else sum $(( $1 - 1 )); r=$(( r + $1 )); fi; }
sum 500; echo "sum 1..500 = $r"
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(( $1 - 1 ))) + $(fib $(( $1 - 2 ))) )); fi; }
echo "fib 10 = $(fib 10)"
fact() { local n=$1; if [ $n -le 1 ]; then echo 1; else echo $(( n * $(fact $((n-1))) )); fi; }
echo "fact 20 = $(fact 20)"
nest() { [ $1 -eq 0 ] && { echo leaf; return; }; echo "$(nest $(( $1 - 1 )))"; }
echo "nested substs: $(nest 25)"
cat > rec.sh <<'EOF'
n=$1; if [ $n -gt 0 ]; then sh ./rec.sh $((n-1)); exit $(( $? + 1 )); fi; exit 0
EOF
sh ./rec.sh 20; echo "sh recursion depth $?"
loc() { local v=$1; [ $v -lt 100 ] && loc $((v+1)); echo -n "$v "; }; loc 95; echo
