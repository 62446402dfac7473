# printf builtin edge cases: widths, precision, flags, *, reused format, %b, escapes, numeric conversions and errors
printf '[%5.2s][%-6s][%.0s][%s]\n' abcdef ab gone ''
printf '[%+d][% d][%-5d][%05d][%5.3d][%x][%X][%#x][%#o][%u]\n' 5 5 5 -5 7 255 255 255 8 42
printf '[%i][%d][%d][%d]\n' 0x1f 010 -0 +3
printf '[%d]\n' "'A" '"z'
printf '[%*d][%-*d][%.*s]\n' 6 42 4 7 3 abcdef
printf '[%f][%.2f][%8.3f][%-8.1f][%g][%g][%e]\n' 1.5 2.345 3.14159 2.5 0.0001 1000000 0
printf '%s-%s\n' a b c d e
printf '%s\n'
printf 'no newline'; printf '\n'
printf '%%|\\|\a|\b|\f|\v|\r|\t|\101|\x42|\0103\n' | od -c | sed 's/  */ /g'
printf '%b|%b|%b\n' 'a\nb' '\0101' 'x\\y'
printf '%b\n' 'stop\cnot printed'; echo
printf 'fmt \c stops'; echo
printf '%c%c|\n' hello w
printf '%c' '' | od -An -c
printf '%d\n' 9223372036854775807 -9223372036854775808
printf '%u\n' -1
printf '%x\n' -1
printf '%d\n' abc 2>&1; echo "status $?"
printf '%d\n' 12abc 2>&1; echo "status $?"
printf '%d %s\n' 1 2>&1; echo "status $?"
printf '%z\n' x 2>&1; echo "bad directive status $?"
printf -- '-- %s\n' dash
printf '%s\n' "$(printf '%s,' 1 2 3)"
printf '%5s|%-5s|\n' "é" ab
/bin/printf '%s %d %x\n' external 42 255
