# positional parameters: set --, shift, $#, ${10}, "$@" in loops, set with options, shift errors
set -- a b c d e f g h i j k l
echo "$# $1 $9 ${10} ${12} $10"
shift; echo "$# $1"
shift 3; echo "$# $*"
set -- "$@" last; echo "$# ${8}"
for x; do printf '%s.' "$x"; done; echo
set --; echo "empty: $# [$*] [$@]"
set -- 'with space' "" z
for x in "$@"; do printf '[%s]' "$x"; done; echo
(shift 5) 2>&1; echo "shift too far status $?"
set -- 1 2 3; shift 3; echo "after shift 3: $#"
f() { echo "in f: $# $1"; shift; echo "f shifted: $1"; }
set -- outer1 outer2
f inner1 inner2 inner3
echo "back: $# $1"
set -- -x; echo "dash arg: $1"
set -- --; echo "double dash: $# $1"
set -- a b; set -- "$2" "$1"; echo "$1 $2"
echo "\$0 is $0"
