# export and the environment of children: export, VAR=value cmd, unset, env -i, env -u, readonly, export -p
export A=exported; B=local-only
sh -c 'echo "child A=${A-unset} B=${B-unset}"'
env | grep -E '^(A|B)=' 
C=prefix sh -c 'echo "prefixed C=$C"'; echo "C in parent=${C-unset}"
export B; sh -c 'echo "B now=$B"'
unset A; sh -c 'echo "A after unset=${A-unset}"'
env -i X=1 Y=2 /bin/env | sort
env -i sh -c 'echo "PATH in empty env=${PATH-unset}"'
export D=d; env -u D sh -c 'echo "env -u D=${D-unset}"'
env E='with space' sh -c 'echo "E=[$E]"'
export F=1; F=2 sh -c 'echo "F=$F"'; echo "F parent=$F"
G=1; export G; G=changed; sh -c 'echo "G=$G"'
export -p | grep -E ' (B|D|F|G)='
readonly R=ro; (R=x) 2>&1; echo "assign readonly status $?"
(unset R) 2>&1; echo "unset readonly status $?"
readonly -p | grep ' R='
export H; sh -c 'echo "H declared only=${H-unset}"'
H=; sh -c 'echo "H empty=[${H-unset}]"'
env -i PATH=/bin sh -c 'export; env | grep -v "^PWD=" | sort'
