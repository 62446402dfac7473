# exec with file descriptors 3-9: opening, duplicating, saving and restoring stdout, closing, inheritance by children
exec 3> f3; echo "to three" >&3; exec 3>&-; cat f3
exec 9> f9 8>>f9; echo nine >&9; echo eight >&8; exec 9>&- 8>&-; cat f9
printf 'l1\nl2\nl3\n' > in; exec 4< in
read a <&4; read b <&4; echo "$a $b"; cat <&4; exec 4<&-
exec 5>&1 1>saved.out; echo "this goes to the file"; exec 1>&5 5>&-
echo "back on stdout: $(cat saved.out)"
exec 6>f6; sh -c 'echo "child writes fd 6" >&6'; exec 6>&-; cat f6
sh -c 'echo "child fd 7" >&7' 7>f7; cat f7
exec 3>&-; echo x >&3; echo "closed fd write status $?"
(exec 3>sub3; echo sub >&3); echo "parent fd 3 still closed:"; echo y >&3 2>/dev/null || echo "status $?"; cat sub3
exec 3>a 4>b 5>c; ls /proc/self/fd | sort -n | tr '\n' ' '; echo
exec 3>&- 4>&- 5>&-
exec 7<&0; echo "stdin dup ok"; exec 7<&-
echo data > src; exec 3<src 4<&3; read v <&4; echo "dup read $v"; exec 3<&- 4<&-
{ echo grouped >&3; } 3>grp; cat grp
exec 1>&-; echo "stdout closed" 2>/dev/null; echo "echo to closed stdout $?" >&2
