# find: -name, -type, -size, -maxdepth/-mindepth, -exec, -print0, -newer-free predicates, ! and -o
mkdir -p t/a/b t/c
printf 'x' > t/one.txt
seq 1 1000 > t/a/two.txt
touch t/a/b/three.log t/c/four.txt
ln -s one.txt t/link
find t | sort
echo --- name; find t -name '*.txt' | sort
echo --- type d; find t -type d | sort
echo --- type l; find t -type l
echo --- type f; find t -type f | sort
echo --- size; find t -type f -size +1k
find t -type f -size -1 | sort
echo --- empty; find t -empty | sort
echo --- maxdepth; find t -maxdepth 1 | sort
echo --- mindepth; find t -mindepth 3
echo --- exec; find t -name '*.txt' -exec wc -c {} \; | sort
find t -name '*.txt' -exec echo {} + | tr ' ' '\n' | sort
echo --- not; find t ! -name '*.txt' -type f
echo --- or; find t \( -name '*.log' -o -name 'one*' \) | sort
echo --- print0; find t -name 'f*' -print0 | tr '\0' '|'; echo
echo --- path; find t -path '*a/b*'
echo --- missing; find nonexist; echo "status $?"
echo --- perm; chmod 741 t/one.txt; find t -perm 741
find t -name '*.txt' | xargs cat | wc -l
