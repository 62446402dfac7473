# ln (hard and -s, -f, -n), link counts, readlink (-f), realpath, dangling links
echo data > f
ln f hard; stat -c '%h %s' f hard
cat hard
ln -s f soft; readlink soft; cat soft
stat -c '%F' soft f
stat -L -c '%F' soft
ln -s nowhere dangling; readlink dangling; cat dangling; echo "cat dangling $?"
[ -L dangling ] && [ ! -e dangling ] && echo "dangling link"
ln f hard; echo "exists $?"
ln -sf f dangling; readlink dangling
mkdir -p d/e
ln -s ../f d/up; cat d/up
ln -s d/e dirlink
readlink -f dirlink
readlink -f d/up
realpath d/e/../../f
realpath dirlink
cd d && realpath ../soft && cd ..
readlink f; echo "readlink regular $?"
rm f; stat -c '%h' hard; cat soft; echo "soft after rm $?"
ln -s /tmp/work abs; readlink abs; ls abs
ln d hardd; echo "hard dir $?"
