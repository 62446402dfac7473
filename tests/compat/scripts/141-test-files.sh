# test and [ on files: -e -f -d -s -r -w -x -L -h -p -c -b -S -nt -ot -ef, missing files, root and permissions
t() { if [ "$@" ]; then echo "T: $*"; else echo "F: $*"; fi; }
touch empty; echo data > full; mkdir dir; ln -s full lnk; ln -s missing dangling; mkfifo fifo; ln full hard
chmod 755 full; chmod 644 empty
for op in -e -f -d -s -r -w -x -L -h -p -c -b -S; do
  r=""; for f in empty full dir lnk dangling fifo /dev/null nonexistent; do
    if [ $op "$f" ]; then r="$r 1"; else r="$r 0"; fi
  done; echo "$op:$r"
done
touch -t 200001010000 old; touch -t 200101010000 new
t new -nt old; t old -nt new; t old -ot new; t new -ot old; t new -nt missing; t missing -ot new; t missing -nt new
t full -ef hard; t full -ef lnk; t full -ef empty; t . -ef /tmp/work
chmod 000 empty; t -r empty; t -w empty; t -x empty; t -x dir
chmod 100 empty; t -x empty
t -e /; t -d /proc; t -f /proc/self/status; t -s /proc/self/status; t -L /bin/sh; t -x /bin/busybox
t -d /tmp/work/; t -e ''; t -f ''
id -u
