# exec replacing the shell: in sh -c, in subshells, with redirections only, failures, and as the script's last act
sh -c 'exec echo "replaced by echo"; echo not reached'; echo "status $?"
sh -c 'exec sh -c "exit 6"'; echo "exec sh status $?"
(exec sh -c 'echo "subshell replaced"; exit 2'); echo "subshell status $?"
echo "parent continues"
sh -c 'exec /nonexistent/prog; echo no' 2>&1; echo "exec missing $?"
sh -c 'exec /etc/passwd' 2>&1; echo "exec non-executable $?"
sh -c 'exec 2>/dev/null; ls /nothere; echo "stderr gone"'
sh -c 'exec; echo "bare exec is a no-op"'
sh -c 'exec -a fakename sh -c "echo \$0"' 2>&1
x=$(exec echo "exec in cmd subst"); echo "[$x]"
echo "last"
exec sh -c 'echo "script replaced"; exit 11'
echo "never printed"
