# the . (dot) command: sourcing into the current shell, arguments, return from a sourced file, PATH lookup, missing files
cat > lib.sh <<'EOF'
libvar=set-by-lib
libfunc() { echo "libfunc $*"; }
echo "sourcing with $# args: $*"
[ "$1" = early ] && return 5
echo "end of lib"
EOF
. ./lib.sh; echo "status $? libvar=$libvar"; libfunc x
set -- p1 p2; . ./lib.sh; echo "after: $*"
. ./lib.sh early; echo "returned $?"
. ./lib.sh a b; echo "positional restored: $*"
mkdir bin; echo 'echo "found via PATH"' > bin/inpath.sh
PATH=/tmp/work/bin:$PATH . inpath.sh
(. ./missing.sh) 2>&1; echo "missing $?"
echo 'exit 4' > ex.sh; (. ./ex.sh; echo no); echo "exit in sourced file $?"
echo 'false' > f.sh; . ./f.sh; echo "last status $?"
