# base64: encoding padding cases, line wrapping, decoding, -d of bad input
for s in '' a ab abc abcd; do printf '%s' "$s" | base64; done
seq 1 40 | base64
seq 1 40 | base64 | base64 -d | md5sum
seq 1 40 | md5sum
echo 'aGVsbG8gd29ybGQK' | base64 -d
printf '\000\377\376' | base64
echo '!!!' | base64 -d; echo "status $?"
