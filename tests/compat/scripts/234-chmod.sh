# chmod numeric and symbolic modes, -R, setuid/sticky bits; as root permission bits do not block read/write (but exec needs an x bit)
touch f
chmod 000 f; stat -c '%a %A' f
chmod u+rw,g+r f; stat -c '%a %A' f
chmod a+x f; stat -c '%a %A' f
chmod go-x f; stat -c '%a %A' f
chmod =r f; stat -c '%a %A' f
chmod 4755 f; stat -c '%a %A' f
chmod 2755 f; stat -c '%a %A' f
chmod 1777 f; stat -c '%a %A' f
chmod u=rwx,g=,o= f; stat -c '%a %A' f
chmod 000 f; echo written > f; cat f; echo "root rw $?"
printf '#!/bin/sh\necho ran\n' > s
chmod 644 s; ./s; echo "no x $?"
chmod 755 s; ./s; echo "x $?"
chmod 010 s; ./s; echo "group x only $?"
mkdir -p d/e; touch d/e/g
chmod -R 700 d; stat -c '%a %n' d d/e d/e/g
chmod 000 d; ls d; echo "ls 000 dir $?"
chmod 755 d
chmod 999 f; echo "bad mode $?"
chmod 644 missing; echo "missing $?"
id -u
