# sh -c with arguments ($0, $1.., "$@"), sh -s, options, scripts from files and stdin, sh -n, syntax errors
sh -c 'echo "0=$0 1=$1 2=$2 #=$#"' zero one two
sh -c 'echo "$@"' first a b c
sh -c 'for a; do echo "[$a]"; done' x 'sp ace' '' end
sh -c 'echo "$0"'
sh -c 'echo "$#"' only-argv0
echo 'echo "stdin script $1 $#"' | sh -s arg1 arg2
printf 'echo line1\necho line2\nexit 3\necho no\n' | sh; echo "piped script $?"
printf 'echo "file script $0 $1"\n' > s.sh; sh s.sh a1; sh ./s.sh a2
chmod +x s.sh; ./s.sh a3
printf '#!/bin/sh\necho "shebang $0 $#"\n' > sb.sh; chmod 755 sb.sh; ./sb.sh x y
printf 'echo "no shebang $1"\n' > ns.sh; chmod 755 ns.sh; ./ns.sh z
sh -c 'exit 300'; echo "exit 300 gives $?"
sh -c 'if then' 2>&1; echo "syntax error $?"
sh -n -c 'echo not run'; echo "sh -n $?"
sh -c 'echo $-' ; sh -ec 'echo $-'
sh -c 'echo "a" ; exit' ; echo "bare exit $?"
sh -c 'false; exit'; echo "bare exit after false $?"
sh nonexistent.sh 2>&1; echo "missing script $?"
sh -c '"$0" -c "echo nested \$0"' /bin/sh
