# aliases in a script: definition, use on later lines, trailing space chaining, same-line definitions, unalias, listing, quoting
alias hi='echo hello'
alias
hi world
alias sq="echo 'single' \"double\""
sq
alias chain='echo chained ' word=expanded
chain word
'hi' 2>/dev/null; echo "quoted alias $?"
\hi 2>/dev/null; echo "escaped alias $?"
alias hi='echo redefined'; hi
hi
unalias hi
hi 2>/dev/null; echo "after unalias $?"
alias nothere 2>&1; echo "missing alias $?"
alias ls='echo not ls'
command ls /compat/001-echo-printf.sh
ls
f() { hi; }; alias hi='echo late alias'; f 2>/dev/null; echo "alias defined after function $?"
unalias -a
alias; echo "none left"
