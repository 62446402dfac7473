# command substitution: $(...) nested, backticks, trailing newlines, exit status, large output, quoting inside
echo "$(echo a $(echo b $(echo c)))"
echo `echo back \`echo inner\``
x=$(printf 'text\n\n\n'); echo "[$x]"
y=$(printf '\n\nlead'); echo "[$y]"
v=$(exit 3); echo "status $?"
v=$(false)$(true); echo "two substs status $?"
echo "$(echo 'single quoted )')"
echo "$(case x in x) echo case-in-subst;; esac)"
n=$(seq 1 20000 | wc -l); echo "lines $n"
big=$(seq 1 20000); echo "${#big}"
echo $(echo "  spaced   out  ")
echo "$(echo "  spaced   out  ")"
echo "$(cd /; pwd)" "$(pwd)"
z=$(echo err >&2; echo out) 2>&1; echo "z=$z"
w=$(cat <<END
heredoc in subst
END
); echo "$w"
echo $(( $(echo 6) * $(echo 7) ))
a=`echo "dq in backtick"`; echo "$a"
echo "$(echo one; echo two)" | wc -l
for i in $(seq 3); do printf '%s-' $(echo x$i); done; echo
