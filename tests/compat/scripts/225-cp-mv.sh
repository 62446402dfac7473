# cp (plain, -r, -p modes, into a directory, onto itself) and mv (rename, across directories, over files, errors)
seq 1 50 > f
chmod 640 f
cp f g; cmp f g && echo "copy same"; stat -c '%a' g
cp -p f h; stat -c '%a' h
mkdir d1 d2
cp f g d1; ls d1
cp d1 d3; echo "cp dir $?"
cp -r d1 d3; ls d3
cp -r d1 d2; ls d2 d2/d1
cp f f; echo "onto itself $?"
cp missing x; echo "missing $?"
mv g d2; ls d2
mv d2/g d2/renamed; ls d2
mv h d2/renamed; ls d2; cmp f d2/renamed && echo "overwritten"
mv d3 d1; ls d1
mv d1 d1/d3; echo "into itself $?"
mv missing x; echo "mv missing $?"
mv d2 d4; ls
echo one > a; echo two > b
mv -n a b 2>&1; cat b
cp -R d4 d5; find d5 | sort
