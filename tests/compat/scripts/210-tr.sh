# tr: ranges, classes, -d, -s, -c, escapes, short second set
echo 'Hello World' | tr a-z A-Z
echo 'Hello World' | tr '[:upper:]' '[:lower:]'
echo 'hello' | tr -d l
echo 'aaabbbccc   dd' | tr -s 'a-c '
echo 'abc123def' | tr -cd '0-9'; echo
echo 'abc123def' | tr -c 'a-z' '_'
echo 'a b c' | tr ' ' '\n'
echo 'abcdef' | tr 'a-f' 'xy'
printf 'a\tb\n' | tr '\t' ' '
echo 'hello' | tr -s 'l'
echo 'x:y:z' | tr : '\012'
echo 'abc' | tr 'abc' '\101\102\103'
printf 'one\0two\0' | tr '\0' '\n'
echo 'rot13 Test' | tr 'A-Za-z' 'N-ZA-Mn-za-m'
echo 'spaces   squeezed' | tr -s '[:space:]'
