# stat -c with %s %a %A %F %h %n %N %U %G %u %g on files, directories, links, devices and fifos
printf '12345' > f
chmod 754 f
mkdir d
ln -s f l
mkfifo p
stat -c '%n %s %a %A %F %h' f
stat -c '%n %a %A %F %h' d
mkdir d/sub; stat -c '%h' d
stat -c '%n %A %F %s %N' l
stat -c '%n %A %F' p
stat -c '%n %A %F %t %T' /dev/null /dev/zero
stat -c '%U %G %u %g' f
stat -c '%a %A' /tmp
stat -c '%F' /proc/self
stat missing; echo "status $?"
stat -c '%s' /dev/null
: > empty; stat -c '%s %F' empty
stat -f -c '%T' /proc 2>&1
