# ls: -1, -a, -A, -F, -d, -R, -r, -S, mode/link/owner/size fields of -l (not directory sizes), ls of missing names
mkdir dir
printf '1234567890' > big
printf '1' > small
ln -s big link
touch .hidden dir/inner
chmod 600 small
ls
ls -1
ls -a
ls -A
ls -F
ls -d dir
ls -R
ls -r
ls -S big small link
ls -l | awk 'NR>1 {print $1, $2, $3, $4, ($1 ~ /^d/) ? "-" : $5, $NF}'
ls -l link | awk '{print $(NF-2), $(NF-1), $NF}'
ls -ld dir | awk '{print $1, $2}'
ls missing; echo "status $?"
ls big missing; echo "status $?"
ls -1 dir big
ls -i big | awk '{print NF}'
