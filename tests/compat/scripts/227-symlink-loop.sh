# symlink loops and long chains: ELOOP from cat, ls, stat, readlink -f, cd
ln -s loop1 loop2
ln -s loop2 loop1
cat loop1; echo "cat $?"
ls loop1; echo "ls $?"
stat -c '%F' loop1
stat -L loop1; echo "stat -L $?"
readlink loop1
readlink -f loop1; echo "readlink -f $?"
cd loop1; echo "cd $?"
ln -s self self; cat self; echo "self $?"
echo end > t0
i=0; while [ $i -lt 30 ]; do ln -s t$i t$((i+1)); i=$((i+1)); done
cat t10
cat t30; echo "chain30 $?"
echo x > loop1/f; echo "create through loop $?"
