# a script killed by a signal it sends itself after trap - restores the default: the EXIT trap does not run, the status is 128+15
trap 'echo "EXIT trap ran"' EXIT
trap 'echo "TERM caught once"; trap - TERM' TERM
kill -TERM $$; echo "after first TERM"
kill -TERM $$
echo "not reached"
