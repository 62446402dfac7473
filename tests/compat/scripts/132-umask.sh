# umask: printing (octal and -S), setting with octal and symbolic modes, effect on new files, dirs and fifos
umask; umask -S
touch f022; mkdir d022; stat -c '%a %n' f022 d022
umask 077; umask; touch f077; mkdir d077; mkfifo p077; stat -c '%a %n' f077 d077 p077
umask 0; touch f000; mkdir d000; stat -c '%a %n' f000 d000
umask 027; umask -S; echo x > f027; stat -c '%a %n' f027
umask u=rwx,g=rx,o=; umask
umask g-x; umask
umask a+w; umask
(umask 777; umask); umask
umask 999 2>&1; echo "bad umask $?"; umask
umask 022; sh -c umask
cp f077 copy077; stat -c '%a' copy077
