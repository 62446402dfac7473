# mount -t tmpfs over a directory: it starts empty and hides what was there, /proc/mounts lists it, umount brings the old contents back; errors for a file and a second unmount
mkdir -p m/sub
echo old > m/sub/keep
mount -t tmpfs tmpfs m; echo "mount $?"
ls -A m | wc -l
mkdir m/d; echo new > m/d/f; cat m/d/f
grep -c " $(pwd)/m tmpfs " /proc/mounts
umount m; echo "umount $?"
cat m/sub/keep
ls m
grep -c " $(pwd)/m tmpfs " /proc/mounts
umount m 2>/dev/null; echo "again $?"
touch file
mount -t tmpfs tmpfs file 2>/dev/null; echo "on a file $?"
