# awk: fields, NR/NF, -F, OFS, $0 rebuild, BEGIN/END, patterns and ranges
printf 'alice 10 x\nbob 20 y\ncarol 30 z\n' > t
awk '{print $2, $1}' t
awk '{print NR": "NF" "$NF}' t
awk 'BEGIN{s=0} {s+=$2} END{print "sum", s, "avg", s/NR}' t
awk -F: '{print $1}' /etc/passwd
echo a:b:c | awk -F: -v OFS=- '{$1=$1; print}'
echo 'one two three' | awk '{$2="TWO"; print; print NF}'
echo 'a b' | awk '{$5="e"; print; print NF}'
awk '$2 > 15' t
awk '/bob/,/carol/ {print "range", $1}' t
awk 'NR==2 {next} {print $1}' t
echo 'a,b;c' | awk -F'[,;]' '{print $3 $2 $1}'
awk 'END{print NR, $1}' t
printf '  lead  and   trail  \n' | awk '{print NF "[" $1 "]"}'
