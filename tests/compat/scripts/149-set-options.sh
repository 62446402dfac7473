# set options: set -o listing, -f, -n, -v, -a (allexport), -o with long names, set -- after options, invalid options
set -o | sort
set -a; AUTO=exported-by-a; set +a; sh -c 'echo "AUTO=${AUTO-unset}"'
set -v; echo verbose; set +v
sh -c 'set -n; echo "not executed"'; echo "sh with -n $?"
set -o noglob; echo /bin/s?; set +o noglob
(set -Z) 2>&1; echo "bad option $?"
(set -o nonsense) 2>&1; echo "bad long option $?"
set -e -u; case $- in *e*u*|*u*e*) echo "eu set";; esac; set +e +u
