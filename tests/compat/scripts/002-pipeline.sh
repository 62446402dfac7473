# pipelines: status of the last command, pipefail absent, long chains
seq 1 100 | grep 7 | sort -r | head -3
echo a b c | tr ' ' '\n' | wc -l
false | true; echo "status $?"
true | false; echo "status $?"
seq 1 2000 | tail -1
yes | head -5
