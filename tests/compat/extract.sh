#!/usr/bin/env bash
# extract.sh LOG DIR: splits the serial log of a run of tests/compat/run into
# DIR/NAME.out, one per script: its output, then "exit STATUS". Lines of the
# log outside the markers, and lines inside that do not start with "|"
# (kernel or server messages), are not part of any output. Prints the names
# found, one per line; fails when the run did not reach "@@compat done".
set -euo pipefail
log=$1 dir=$2
mkdir -p "$dir"
tr -d '\r' < "$log" | awk -v dir="$dir" '
	/^@@compat begin / { name = $3; file = dir "/" name ".out"; printf "" > file; next }
	/^@@compat end / {
		if (name != "" && $3 == name) { print "exit " $4 > file; close(file); print name }
		name = ""; next
	}
	/^@@compat done$/ { done = 1 }
	name != "" && /^\|/ { print substr($0, 2) > file }
	END { exit done ? 0 : 1 }'
