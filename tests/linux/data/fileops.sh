#!/bin/sh
# fileops.sh: file-name operations through busybox on the Linux server,
# as KTAP: each check runs commands and compares what they print or return.
. /test/ktap.sh
ktap_plan 12
cd /tmp || exit 1
mkdir -p a/b/c
check mkdir_p "$(ls -d a/b/c)" "a/b/c"
echo hello > a/b/file
cp a/b/file a/copy
check cp "$(cat a/copy)" "hello"
mv a/copy a/b/c/moved
check mv "$(cat a/b/c/moved) $(ls a | tr '\n' ' ')" "hello b "
ln a/b/file a/hard
check hard_link_count "$(stat -c %h a/b/file)" "2"
ln -s b/file a/soft
check symlink "$(readlink a/soft) $(cat a/soft)" "b/file hello"
chmod 640 a/b/file
check chmod "$(stat -c %a a/b/file)" "640"
touch a/empty
check touch_size "$(stat -c %s a/empty)" "0"
rmdir a/b 2>/dev/null
check rmdir_not_empty "$?" "1"
rm a/b/c/moved && rmdir a/b/c
check rmdir "$(ls a/b | tr '\n' ' ')" "file "
mv a/b a/renamed
check rename_dir "$(cat a/renamed/file)" "hello"
mknod a/fifo p
check mknod_fifo "$(stat -c %F a/fifo)" "fifo"
rm -r a
check rm_r "$(ls /tmp | tr '\n' ' ')" ""
ktap_end
