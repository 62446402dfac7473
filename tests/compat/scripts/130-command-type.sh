# command -v, command -V, type, which and command to bypass functions, for builtins, programs, functions, aliases, missing names
f() { echo "function f"; }
alias ll='ls -l'
for n in echo cd ls sh f ll if nonexistent /bin/cat; do
  printf '%s: ' "$n"; command -v "$n" || echo "(status $?)"
done
for n in echo ls f if nonexistent; do type "$n" 2>&1; echo "type $n status $?"; done
command -V cat 2>&1
which cat sh; which nonexistent; echo "which missing $?"
ls() { echo "ls function"; }
ls; command ls /compat/001-echo-printf.sh
unset -f ls
command nonexistent 2>&1; echo "command missing $?"
PATH=/nowhere; command -v cat; echo "empty PATH $?"; PATH=/bin:/sbin
hash 2>/dev/null; echo "hash $?"
