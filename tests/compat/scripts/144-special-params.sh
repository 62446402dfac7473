# special parameters: $?, $#, $$ versus a child's $PPID, $0, $-, $! before any job, $_ not relied on, LINENO, PPID unchanged
echo "0=$0"
echo "bang before job [${!-unset}]"
false; echo "? after false $?"; echo "? after echo $?"
sh -c 'echo $PPID' > ppid; [ "$(cat ppid)" = "$$" ] && echo "child PPID is \$\$"
s=$(echo $$); [ "$s" = "$$" ] && echo "\$\$ same in cmd subst"
( [ "$$" = "$(cat ppid)" ] && echo "\$\$ same in subshell" )
sh -c 'echo $$' > cpid; [ "$(cat cpid)" != "$$" ] && echo "child has its own pid"
echo "dash=[$-]"; set -f; echo "dash=[$-]"; set +f
sh -c 'echo "dash in sh -c=[$-]"'
echo "LINENO=$LINENO"
f() { echo "LINENO in f=$LINENO"; }; f
set -- a b c; echo "# $#"; shift; echo "# $#"
p=$PPID; (echo "PPID in subshell unchanged: $( [ "$PPID" = "$p" ] && echo yes)")
[ "$PPID" -gt 0 ] && echo "PPID positive"
echo "IFS=$(printf '%s' "$IFS" | od -An -c | tr -s ' ')"
echo "PS1 set? ${PS1+yes} PS2=[$PS2] PS4=[$PS4]"
echo "OPTIND=$OPTIND"
