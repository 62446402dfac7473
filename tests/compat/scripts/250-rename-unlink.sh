# rename and unlink semantics: open files survive unlink, rename over existing files and dirs, error cases
echo content > f
exec 3< f
rm f
cat <&3
exec 3<&-
[ -e f ] || echo "gone"
echo a > x; echo b > y
mv x y; cat y; [ -e x ] || echo "x gone"
mkdir d1 d2; touch d2/file
mv d1 d2; ls d2 | sort
mkdir e1 e2
mv e1 e2; ls e2
touch e3
mv e3 e2/e1; echo "file onto dir $?"
mkdir e4; mv e4 y; echo "dir onto file $?"
mv y y; echo "same $?"
echo data > w; exec 4> w; rm w; echo still >&4; exec 4>&-
ls
