# cd and pwd: relative and absolute paths, .., cd -, OLDPWD, PWD, symlinks with -L and -P, errors, CDPATH, HOME
pwd; echo "PWD=$PWD"
mkdir -p a/b/c real; ln -s a/b link; ln -s real rl
cd a/b; pwd; echo "OLDPWD=$OLDPWD"
cd ..; pwd
cd -; echo "after cd - PWD=$PWD"
cd /tmp/work/a/b/c/../..; pwd
cd /tmp/work/link; pwd; pwd -P; pwd -L
cd ..; pwd
cd -P /tmp/work/link; pwd
cd /tmp/work; cd rl; pwd; /bin/pwd; cd ..
cd nonexistent 2>&1; echo "cd missing $?"
touch file; cd file 2>&1; echo "cd to file $?"; pwd
cd; pwd; cd /tmp/work
CDPATH=/tmp/work/a; cd b > /dev/null; pwd; unset CDPATH
cd /; pwd; cd //; pwd; cd /tmp/work/./a//b/; pwd
HOME=/tmp/work/a; cd; pwd; cd ~/b; pwd
mkdir -p /tmp/work/gone; cd /tmp/work/gone; rmdir /tmp/work/gone; /bin/pwd 2>&1; echo "pwd of removed dir $?"
cd /tmp/work; sh -c 'cd a; echo child in $(pwd)'; pwd
