# here-documents: expansion with unquoted delimiters, none with quoted ones, <<- tab stripping, several per command, large bodies
name=world
cat <<EOT
hello $name $(echo subst) $((1+1)) \$name \\ `echo bt`
  indented line
EOT
cat <<'EOT'
literal $name $(echo no) \$ \\
EOT
cat <<"EOT"
also literal $name
EOT
cat <<E\OT
escaped delimiter $name
EOT
cat <<-EOT
	tab stripped $name
		two tabs stripped
	EOT
while read a b; do echo "read [$a] [$b]"; done <<EOT
one 1
two 2
EOT
cat <&3 3<<EOT
on fd three
EOT
{ cat; cat <&4; } <<A 4<<B
first doc
A
second doc
B
f() { cat <<EOT
in function: $1
EOT
}
f arg
cat <<EOT | wc -l
$(seq 1 30000)
EOT
cat <<EOT | tail -c 20
$(seq 1 30000)
EOT
cat <<EOT
EOT
echo "empty heredoc ok"
cat <<EOT
no trailing newline at the end of the last line $name
EOT
