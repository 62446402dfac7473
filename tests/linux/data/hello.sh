#!/bin/sh
# A script as init: the server runs it through its interpreter.
echo "script $0 args $*"
exit 0
