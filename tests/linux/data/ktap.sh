# ktap.sh: KTAP for the shell scripts of tests/linux/data, sourced by them.
# ktap_plan N prints the header; check NAME EXPECTED ACTUAL one result;
# ktap_end exits with the number of failures.
n=0
fails=0
ktap_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n $1"
	else
		echo "not ok $n $1 # expected '$2', got '$3'"
		fails=$((fails + 1))
	fi
}
ktap_end() {
	exit $fails
}
