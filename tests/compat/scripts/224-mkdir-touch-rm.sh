# mkdir (-p, -m, errors), touch (create, existing), rmdir and rm -r/-f and their error messages
mkdir a; echo "mkdir $?"
mkdir a; echo "again $?"
mkdir -p a/b/c/d; echo "p $?"
mkdir -p a/b/c/d; echo "p again $?"
mkdir x/y; echo "no parent $?"
mkdir -m 700 priv; stat -c '%a %F' priv
touch f1; touch f1; stat -c '%s %F' f1
touch a/b/new; ls a/b
touch nodir/file; echo "touch $?"
rmdir a; echo "rmdir nonempty $?"
rmdir a/b/c/d; echo "rmdir $?"
rmdir f1; echo "rmdir file $?"
rm a; echo "rm dir $?"
rm -r a; echo "rm -r $?"
ls
rm missing; echo "rm missing $?"
rm -f missing; echo "rm -f missing $?"
rm f1; [ -e f1 ]; echo "exists $?"
mkdir -p deep/1/2/3/4/5/6/7/8/9 && touch deep/1/2/3/4/5/6/7/8/9/leaf
rm -r deep; ls
mkdir -p a/b && rmdir -p a/b; echo "rmdir -p $?"; ls
