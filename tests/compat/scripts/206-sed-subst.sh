# sed: s with flags g, N, p, I, &, back-references, other delimiters, -e chains, -E
echo 'aaa bbb aaa' | sed 's/aaa/X/'
echo 'aaa bbb aaa' | sed 's/aaa/X/g'
echo 'a a a a' | sed 's/a/X/3'
echo 'hello world' | sed 's/\(hello\) \(world\)/\2 \1/'
echo 'hello world' | sed -E 's/(h[a-z]+) (w[a-z]+)/<\2|\1>/'
echo 'abc' | sed 's/b/[&]/'
echo '/usr/local/bin' | sed 's|/usr/local|/opt|'
echo 'Hello' | sed 's/hello/bye/I'
echo 'one two' | sed -e 's/one/1/' -e 's/two/2/'
echo 'x' | sed 's/x/a\
b/'
printf 'a\nb\n' | sed -n 's/a/A/p'
echo 'tab here' | sed 's/ /\t/' | od -c | head -1
echo 'aXbXc' | sed 's/X/\n/g'
echo 'abc' | sed 'y/abc/xyz/'
echo 'CamelCaseWord' | sed 's/[A-Z]/_&/g'
echo 'no match' | sed 's/zzz/y/'; echo "status $?"
