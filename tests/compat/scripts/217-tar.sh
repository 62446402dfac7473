# tar: create, list, extract, gzip compression, directories and symlinks, -C, -O
mkdir -p src/sub
echo one > src/a
seq 1 500 > src/sub/b
ln -s a src/link
tar cf arch.tar src
tar tf arch.tar | sort
tar tvf arch.tar | awk '{print $1, $2, $3, $NF}' | sort -k4
mkdir out
tar xf arch.tar -C out
cmp src/a out/src/a && cmp src/sub/b out/src/sub/b && echo same
readlink out/src/link
tar czf arch.tgz src
tar tzf arch.tgz | sort
tar xzOf arch.tgz src/a
tar xf arch.tar src/sub/b -O | tail -1
ls -l arch.tar | awk '{print $5}'
tar tf missing.tar; echo "missing $?"
cd src && tar cf - a sub | tar tf - | sort
