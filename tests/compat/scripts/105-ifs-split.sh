# word splitting with IFS: whitespace versus non-whitespace separators, empty fields, IFS unset or empty
show() { n=0; for a in "$@"; do n=$((n+1)); printf '<%s>' "$a"; done; echo " $n"; }
s='  lead  mid   trail  '
show $s
IFS=:; p='a::b:c:'; show $p
p=':x'; show $p
IFS=' :'; p=' a : b :: c '; show $p
IFS=,; l='1,2,,3'; show $l; show "$l"
IFS=; show $s
unset IFS; show $s
IFS=' '; t='a	b c'; show $t
IFS='
'; lines='one line
second line
'; show $lines
IFS=x; v=axbxxc; show $v
IFS=' 	
'
w=$(printf 'a b\nc\td'); show $w
x='*'; show $x
set -- $(echo "1 2" "3")
show "$@"
