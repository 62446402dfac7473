# The PS/2 keyboard and the VGA text screen of a case, through QEMU's
# monitor (case.sh's MONITOR_INPUT): helpers that write monitor commands,
# and readers of their answers in the monitor log. The screen is read back
# from video memory by QEMU itself, so the guest's own view plays no part.

# keys TEXT: sendkey commands that type TEXT on a US keyboard.
keys() {
	local text=$1 i c name
	for ((i = 0; i < ${#text}; i++)); do
		c=${text:i:1}
		case $c in
		[a-z0-9]) name=$c ;;
		[A-Z]) name=shift-${c,} ;;
		' ') name=spc ;;
		-) name=minus ;;		_) name=shift-minus ;;
		=) name=equal ;;		+) name=shift-equal ;;
		'[') name=bracket_left ;;	'{') name=shift-bracket_left ;;
		']') name=bracket_right ;;	'}') name=shift-bracket_right ;;
		';') name=semicolon ;;		:) name=shift-semicolon ;;
		"'") name=apostrophe ;;		'"') name=shift-apostrophe ;;
		'`') name=grave_accent ;;	'~') name=shift-grave_accent ;;
		'\') name=backslash ;;		'|') name=shift-backslash ;;
		,) name=comma ;;		'<') name=shift-comma ;;
		.) name=dot ;;			'>') name=shift-dot ;;
		/) name=slash ;;		'?') name=shift-slash ;;
		'!') name=shift-1 ;;		@) name=shift-2 ;;
		'#') name=shift-3 ;;		'$') name=shift-4 ;;
		%) name=shift-5 ;;		^) name=shift-6 ;;
		'&') name=shift-7 ;;		'*') name=shift-8 ;;
		'(') name=shift-9 ;;		')') name=shift-0 ;;
		*) echo "keys: no key for '$c'" >&2; return 1 ;;
		esac
		echo "sendkey $name"
	done
}

# A whole command: TEXT, Enter, and time for it to run (nothing typed
# ahead, which the terminal would echo into the output checked).
command_line() {
	keys "$1"
	echo "sendkey ret"
	echo "sleep ${2:-1}"
}

# The monitor commands that read the screen (2000 cells of character and
# attribute) and the cursor position (CRT controller registers 0x0E, 0x0F).
read_screen() {
	echo "xp /2000hx 0xb8000"
	echo "o /b 0x3d4 0x0e"
	echo "i /b 0x3d5"
	echo "o /b 0x3d4 0x0f"
	echo "i /b 0x3d5"
}

# screen N [attributes]: the Nth screen read in MONITOR_LOG (from 1), one
# row a line without trailing blanks; with "attributes" each row's
# attribute bytes in hex instead (two digits a cell).
screen() {
	awk -v want="$1" -v what="${2:-text}" '
		function hex(s,   i, v) {
			v = 0
			for (i = 1; i <= length(s); i++)
				v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		/^0*b8000: / { reads++; n = 0 }
		reads == want && /^[0-9a-f]+: 0x/ {
			for (i = 2; i <= NF; i++) {
				v = hex(substr($i, 3)); glyph[n] = v % 256; attr[n] = int(v / 256); n++
			}
		}
		END {
			for (r = 0; r < 25; r++) {
				line = ""
				for (c = 0; c < 80; c++) {
					x = glyph[r * 80 + c]
					if (what == "attributes")
						line = line sprintf("%02x", attr[r * 80 + c])
					else
						line = line sprintf("%c", x >= 32 && x < 127 ? x : 63)
				}
				sub(/ +$/, "", line)
				print line
			}
		}' "$MONITOR_LOG"
}

# cursor N: the cursor's cell (row * 80 + column) at the Nth screen read.
cursor() {
	grep -o 'portb\[0x03d5\] = 0x[0-9a-f]*' "$MONITOR_LOG" | sed 's/.*= //' |
		sed -n "$((2 * $1 - 1)),$((2 * $1))p" | { read -r high && read -r low &&
		echo $(((high << 8) | low)); }
}
