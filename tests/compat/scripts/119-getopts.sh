# getopts: options with and without arguments, grouped flags, --, OPTIND, unknown options, silent mode
parse() {
  OPTIND=1
  while getopts "ab:c" opt "$@"; do
    case $opt in
      a) echo "  flag a";;
      b) echo "  b with [$OPTARG]";;
      c) echo "  flag c";;
      \?) echo "  unknown (OPTARG=${OPTARG-unset})";;
    esac
  done
  shift $((OPTIND-1)); echo "  OPTIND=$OPTIND rest: $*"
}
echo 1; parse -a -b val -c file1 file2
echo 2; parse -acb joined x
echo 3; parse -bval -- -a
echo 4; parse -z -a 2>&1
echo 5; parse -a -b 2>&1
echo 6; parse plain -a
echo 7; parse
silent() {
  OPTIND=1
  while getopts ":x:y" o "$@"; do echo "  o=$o OPTARG=${OPTARG-unset}"; done
  echo "  end status $? OPTIND=$OPTIND"
}
echo 8; silent -q -y -x
echo 9; silent -x "arg with space" -y
set -- -a -b posarg rest
OPTIND=1; while getopts ab: o; do echo "pos $o ${OPTARG-}"; done; echo "OPTIND=$OPTIND"
