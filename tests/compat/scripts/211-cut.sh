# cut: -d/-f lists and ranges, -s, -c and -b positions, missing fields
printf 'a:b:c:d\n1:2:3:4\nnodelim\n' > t
cut -d: -f2 t
cut -d: -f1,3 t
cut -d: -f2- t
cut -d: -f-2 t
cut -s -d: -f3 t
cut -c1-3 t
cut -c2,4 t
cut -b3- t
printf 'x\ty\tz\n' | cut -f2
echo 'a:b' | cut -d: -f5
echo 'abc' | cut -c5-; echo "status $?"
cut -d: -f0 t; echo "status $?"
