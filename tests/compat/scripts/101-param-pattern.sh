# parameter expansion: ${#x}, ${x#p}, ${x##p}, ${x%p}, ${x%%p} with globs, quoted patterns and empty values
p=/usr/local/lib/libfoo.so.1.2
echo "${#p} ${p#*/} ${p##*/} ${p%/*} ${p%%/*}|"
echo "${p%.*} ${p%%.*} ${p#/usr} ${p##/usr}"
f=archive.tar.gz
echo "${f%.gz} ${f%.*} ${f%%.*} ${f#*.} ${f##*.}"
echo "${f#nomatch} ${f%nomatch}"
x='a*b*c'
echo "${x#a\*} ${x%\**} ${x#"a*"} ${x%'*c'}"
echo "${x#*} ${x##*}|${x%*} ${x%%*}|"
y=aaaXbbbXccc
echo "${y#*X} ${y##*X} ${y%X*} ${y%%X*}"
echo "${y#[ab]} ${y##a*[!c]} ${y%[a-c]} ${y%%[!a]*}"
e=
echo "[${#e}] [${e#x}] [${e%%*}]"
unset u; echo "[${#u}]"
long=$(printf '%0300d' 0); echo "${#long}"
set -- one two three four five six seven eight nine ten eleven
echo "${#} ${#1} ${10} ${#11}"
pre=lib; echo "${p##*/$pre}"
