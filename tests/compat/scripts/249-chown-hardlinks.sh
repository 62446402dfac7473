# chown/chgrp with numeric ids, names from /etc/passwd, -R, and link counts as hard links come and go
touch f
chown 123:456 f; stat -c '%u %g' f
chgrp 789 f; stat -c '%u %g' f
chown root:root f; stat -c '%U %G %u %g' f
chown 5 f; stat -c '%u %g' f
chown nosuchuser f; echo "bad user $?"
mkdir -p d/e; touch d/e/x
chown -R 10:20 d; stat -c '%u:%g %n' d d/e d/e/x
ln -s f sl; chown -h 7:7 sl; stat -c '%u %g' sl f
ln f h1; ln f h2; stat -c '%h' f
rm h1; stat -c '%h' f h2
mv h2 h3; stat -c '%h' h3
mkdir dd; stat -c '%h' dd; mkdir dd/a dd/b; stat -c '%h' dd; rmdir dd/a; stat -c '%h' dd
