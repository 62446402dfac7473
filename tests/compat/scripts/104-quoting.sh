# quoting: single, double, backslash, $'...', "$@" versus "$*", empty arguments, nested quotes
count() { echo "$#:$*"; }
v='a  b'
count $v; count "$v"; count '$v'; count \$v; count "\$v" "\\" '\\'
count "" ''; count "" a ""; count $empty_unset; count "$empty_unset"
echo 'single "double" inside' "double 'single' inside" "back\`tick" "dollar\$" "nl\\n"
echo "a\b \c \" \$ \\ \` \x"
echo $'tab:\t| nl:\n| hex:\x41| oct:\101| quote:\''
set -- "one two" three "" four
count "$@"; count "$*"; count $@; count $*
IFS=:; count "$*"; echo "$*"; IFS=' 	
'
count "${1}x" "$1"x "x$@x"
echo "$(echo "nested \"quotes\" $(echo 'deep one')")"
echo "*" '*' \* "~" ~/x '~'
echo "a"'b'c"d"
x='$HOME'; echo "$x" $x
echo "line1
line2"
