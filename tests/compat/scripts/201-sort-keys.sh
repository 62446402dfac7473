# sort: -k and -t field keys, numeric keys, -s stability, -u on keys, multiple keys
cat > data <<'X'
smith:30:london
jones:25:paris
brown:30:berlin
adams:25:rome
clark:4:oslo
X
sort -t: -k2,2n data
echo --- -k2,2nr -k1,1
sort -t: -k2,2nr -k1,1 data
echo --- stable on key 2
sort -s -t: -k2,2n data
echo --- -u on key 2
sort -u -t: -k2,2n data
echo --- -k3
sort -t: -k3 data
echo --- char positions
printf 'xb2\nya1\nzc3\n' | sort -k1.2,1.2
printf 'xb2\nya1\nzc3\n' | sort -k1.3n
echo --- whitespace fields
printf 'b  2\na 10\nc 1\n' | sort -k2n
