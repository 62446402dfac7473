# gzip/gunzip/zcat: round trips, stdin compression (deterministic sizes and sums), -d, -t, -k, errors
seq 1 2000 > data
md5sum data
gzip -c < data | wc -c
gzip -c < data | md5sum
gzip -9 -c < data | wc -c
gzip -1 -c < data | wc -c
gzip -c < data | gunzip -c | md5sum
gzip data; ls
gzip -t data.gz; echo "test $?"
zcat data.gz | tail -1
gunzip data.gz; ls; md5sum data
gzip -k data 2>&1; ls
rm data.gz
printf 'not gzip' > junk.gz
gunzip junk.gz; echo "junk $?"
gzip -c < /dev/null | gunzip -c | wc -c
gzip -d < /dev/null; echo "empty $?"
head -c 100000 /dev/zero | gzip -c | wc -c
