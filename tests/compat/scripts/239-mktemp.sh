# mktemp: files and directories created under templates and -p, their modes, name shape and errors
f=$(mktemp tmp.XXXXXX); echo "status $?"
case $f in tmp.??????) echo "name shape ok";; *) echo "bad name";; esac
stat -c '%a %F %s' "$f"
d=$(mktemp -d dir.XXXXXX)
stat -c '%a %F' "$d"
g=$(mktemp -p "$PWD/$d" inner.XXXXXX)
case $g in "$PWD/$d"/inner.??????) echo "in dir ok";; *) echo "bad: $g";; esac
h=$(TMPDIR=$PWD mktemp)
case $h in "$PWD"/tmp.*) echo "TMPDIR ok";; *) echo "bad: $h";; esac
a=$(mktemp x.XXXXXX); b=$(mktemp x.XXXXXX); [ "$a" != "$b" ] && echo "distinct"
mktemp -u u.XXXXXX > name; [ -e "$(cat name)" ] || echo "-u creates nothing"
mktemp nox 2>/dev/null; echo "too few X $?"
mktemp -p /nonexistent t.XXXXXX 2>/dev/null; echo "bad dir $?"
ls | wc -l
