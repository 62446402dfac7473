# od, hexdump and xxd on known bytes: formats, offsets, squeezing, reverse
printf 'ABC\001\377\n\t' > bytes
od -c bytes
od -An -tx1 bytes
od -An -to1 bytes
od -tx2 bytes
od -An -tu1 -N3 bytes
od -j2 -c bytes
hexdump -C bytes
hexdump -v -e '1/1 "%02x "' bytes; echo
xxd bytes
xxd -p bytes
echo 414243 | xxd -r -p; echo
head -c 64 /dev/zero | hexdump -C
head -c 40 /dev/zero | od -An -tx4
seq 1 20 | xxd -c 8 -g 2 | tail -2
