# pathname expansion: *, ?, [...], [!...], hidden files, no match, quoting, set -f, directories
touch a1 a2 a10 b1 b2 .hid c.txt 'sp ace'
mkdir d1 d2; touch d1/x d2/x d2/y
echo *
echo a* ?1 [ab]1 [!a]* *.txt
echo .* 
echo d*/x */y
echo */
echo 'a*' "a*" a\* nomatch* no[x]*
echo a[0-9] a[0-9][0-9] [[:alpha:]]2
set -f; echo a*; set +f; echo a?
for f in *; do printf '[%s]' "$f"; done; echo
x='a*'; echo $x "$x"
set -- d1/*; echo "$# $1"
cd d2 && echo * && cd ..
echo /compat/00*-echo*
