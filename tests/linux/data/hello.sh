#!/bin/sh
# A script as init: the server runs it through its interpreter. Each
# argument on a line of its own, bracketed, shows how the command line was
# split (linux-cmdline).
echo "script $0 args $*"
for a; do
	echo "arg [$a]"
done
exit 0
