# echo and printf: escapes, formats, field widths, missing arguments
echo plain words   with  spaces
echo -n no-newline; echo
echo -e 'tab\there\\n'
printf '%s|%5s|%-5s|%05d|%x|%o|%c\n' a b c 42 255 8 xyz
printf '%d %d\n' 1 2 3 4 5
printf '%.3f %e\n' 3.14159 12345.678
printf 'missing: [%s] [%d]\n'
printf '%b\n' 'a\tb'
