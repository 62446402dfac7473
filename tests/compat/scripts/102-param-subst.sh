# busybox ash extensions: ${x/a/b}, ${x//a/b}, ${x/#a/b}, ${x/%a/b}, ${x:off:len}, ${x:off}
x=hello-world-hello
echo "${x/hello/bye} ${x//hello/bye} ${x/#hello/X} ${x/%hello/X}"
echo "${x/o/0} ${x//o/0} ${x//[eo]/_} ${x/l*/L}"
echo "${x/nomatch/Z} ${x//-/} ${x/-} [${x//*/}]"
echo "${x:0:5} ${x:6} ${x:6:5} ${x: -5} ${x:(-5):3}"
echo "[${x:100}] [${x:3:0}]"
p=a/b/c; echo "${p//\//:}"
n=3; echo "${x:n:n+1}"
sp='a b  c'; echo "${sp// /_}"
set -- abcdef; echo "${1:2:2} ${1/cd/CD}"
