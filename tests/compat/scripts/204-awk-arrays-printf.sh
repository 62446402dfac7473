# awk: associative arrays, in, delete, printf formats, numeric/string conversions
printf 'red\nblue\nred\ngreen\nred\nblue\n' | awk '{c[$1]++} END{for (k in c) print k, c[k]}' | sort
awk 'BEGIN{a["x"]=1; delete a["x"]; print ("x" in a), length(a)}'
awk 'BEGIN{printf "%5d|%-5s|%05.1f|%x|%o|%c|%e\n", 42, "ab", 3.14159, 255, 8, 65, 1234.5}'
awk 'BEGIN{printf "%s %s %s\n", "1e3"+0, "0x10"+0, "12abc"+0}'
awk 'BEGIN{print 1/3; OFMT="%.2f"; print 1/3; x=1/3 ""; print x}'
awk 'BEGIN{print 7%3, -7%3, int(-3.7), int(3.7)}'
awk 'BEGIN{print length("hello"), length()}' < /dev/null
awk 'BEGIN{n=split("a:b:c", arr, ":"); for(i=1;i<=n;i++) printf "%d=%s ", i, arr[i]; print ""}'
awk 'BEGIN{ i = 0; while (i < 3) { i++; if (i == 2) continue; print "i", i } }'
awk 'BEGIN{x["a","b"]=1; for (k in x) {split(k, p, SUBSEP); print p[1], p[2]}}'
awk 'function f(n) { return n <= 1 ? 1 : n * f(n-1) } BEGIN{print f(10)}'
awk 'BEGIN{print substr("hello", 2, 3), substr("hello", 0), substr("hello", 4)}'
