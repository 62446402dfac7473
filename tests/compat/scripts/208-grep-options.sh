# grep: -v -c -n -i -w -x -E -F -o -e, -A/-B context, -h/-H, -s, -q
cat > t <<'X'
apple pie
Apple tart
pineapple
banana split
cherry
X
grep apple t
echo --- -i; grep -i apple t
echo --- -v; grep -v apple t
echo --- -c; grep -c apple t
echo --- -n; grep -n an t
echo --- -w; grep -w apple t
echo --- -x; grep -x cherry t
echo --- -E; grep -E 'pie|tart$' t
echo --- -F; echo 'a.b axb' | grep -F -o 'a.b'
echo --- -o; grep -o 'an' t
echo --- -e; grep -e cherry -e banana t
echo --- -A1; grep -A1 pineapple t
echo --- -B1; grep -B1 cherry t
echo --- -H; grep -H cherry t
echo --- -h; cp t u; grep -h cherry t u
echo --- multi; grep cherry t u
echo --- -q; grep -q banana t; echo "q $?"
echo --- bre; grep 'p\{2\}' t
echo --- class; grep '^[[:upper:]]' t
