#!/usr/bin/env bash
# run.sh [CASE...]: runs the test cases in tests/cases/ (all by default), two
# at a time, prints every test point's result and ends with the line
# "N passed, N failed". Exits non-zero if anything failed.
#
# A case is a small shell file (see tests/lib/case.sh for its variables);
# each boots QEMU headless, logs the serial port to build/test/CASE.log and
# leaves its result lines in build/test/CASE.result.
set -u
cd "$(dirname "$0")/.."

JOBS=${JOBS:-2}
RESULTS=build/test
mkdir -p "$RESULTS"

if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for f in tests/cases/*.case; do
		cases+=("$(basename "$f" .case)")
	done
fi

for c in "${cases[@]}"; do
	[ -f "tests/cases/$c.case" ] || { echo "run.sh: no test case '$c'" >&2; exit 2; }
	rm -f "$RESULTS/$c.result"
done

printf '%s\n' "${cases[@]}" | xargs -P "$JOBS" -I{} tests/lib/case.sh {}

passed=0
failed=0
for c in "${cases[@]}"; do
	if [ ! -s "$RESULTS/$c.result" ]; then
		echo "not ok $c # the case runner left no result"
		failed=$((failed + 1))
		continue
	fi
	cat "$RESULTS/$c.result"
	passed=$((passed + $(grep -c '^ok ' "$RESULTS/$c.result")))
	failed=$((failed + $(grep -c '^not ok ' "$RESULTS/$c.result")))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
