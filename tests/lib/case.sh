#!/usr/bin/env bash
# case.sh NAME: runs tests/cases/NAME.case and writes build/test/NAME.result,
# one line per test point ("ok NAME/point" or "not ok NAME/point # why") and
# one for the case as a whole.
#
# Variables a case may set (defaults below):
#   KERNEL      kernel ELF booted with -kernel (ignored when ISO is set)
#   ISO         boot this CD image through GRUB instead
#   CMDLINE     kernel command line (-append)
#   MODULES     array of "file args" Multiboot modules (-initrd)
#   CPU MEMORY  QEMU -cpu and -m
#   TIMEOUT     seconds the whole boot may take
#   SILENCE     seconds without serial output before the run is killed
#   EXPECT_EXIT pass or fail: the isa-debug-exit code the kernel must leave with;
#               poweroff: QEMU must exit 0 by itself (ACPI power-off), which
#               also follows a triple fault, so such a case needs MUST_MATCH
#   KTAP        complete (plan and every result present), partial, or none
#               (the log has no KTAP: the case checks MUST_MATCH instead)
#   NEGATIVE    extended regex that must not occur in the log
#   MUST_MATCH  array of extended regexes that must occur in the log
#   SERIAL_INPUT a file typed into the serial port (e.g. debugger commands),
#               once SERIAL_PROMPT (a fixed string) has appeared in the log:
#               what arrives before anyone listens is lost, as on a real line
#   SERIAL_PACE seconds between the lines of SERIAL_INPUT (default: all at
#               once), for input that must arrive after something ran
#   MONITOR_INPUT a file of QEMU monitor commands (sendkey types on the PS/2
#               keyboard, xp reads guest memory), sent MONITOR_PACE seconds
#               apart (default 0.1) once MONITOR_PROMPT (default SERIAL_PROMPT)
#               has appeared in the log; a line "sleep N" waits N seconds
#               instead. The monitor's answers go to build/test/NAME.monitor.
#               Without it QEMU runs with -monitor none.
# A case may define check_case(), run after the checks above on the log and
# before the verdict, to add checks of its own (fail) and test points
# (point). A case may instead define run_case(), which must call result()
# itself.
set -u
cd "$(dirname "$0")/../.."

NAME=$1
OUT=build/test
LOG=$OUT/$NAME.log
RESULT=$OUT/$NAME.result
QEMU=${QEMU:-qemu-system-i386}

read_define() {
	sed -n "s/^#define $1[[:space:]]*\(0x[0-9a-fA-F]*\).*/\1/p" lib/include/tessera/test.h
}
EXIT_PORT=$(read_define TEST_EXIT_PORT)
EXIT_PASS=$(( ($(read_define TEST_EXIT_PASS) << 1) | 1 ))
EXIT_FAIL=$(( ($(read_define TEST_EXIT_FAIL) << 1) | 1 ))

KERNEL=build/kernel.elf
ISO=
CMDLINE=
MODULES=()
CPU=pentium
MEMORY=64
TIMEOUT=60
SILENCE=20
EXPECT_EXIT=pass
KTAP=complete
NEGATIVE='PANIC|KERNEL FAULT|^not ok|Bail out!'
MUST_MATCH=()
SERIAL_INPUT=
SERIAL_PROMPT='> '
SERIAL_PACE=
MONITOR_INPUT=
MONITOR_PROMPT=
MONITOR_PACE=0.1
MONITOR_LOG=$OUT/$NAME.monitor

reasons=()
fail() { reasons+=("$*"); }
# point NAME [WHY]: a test point of the case: ok without WHY, else not ok.
point() {
	if [ $# -lt 2 ]; then
		echo "ok $NAME/$1" >> "$RESULT"
	else
		echo "not ok $NAME/$1 # $2" >> "$RESULT"
	fi
}

# result: writes the case's own verdict line after any point lines.
result() {
	if [ ${#reasons[@]} -eq 0 ]; then
		echo "ok $NAME" >> "$RESULT"
	else
		local IFS=';'
		echo "not ok $NAME # ${reasons[*]}" >> "$RESULT"
	fi
}

# type_after_prompt: the typist of SERIAL_INPUT; gives up with the TIMEOUT.
type_after_prompt() {
	local start=$SECONDS
	until grep -qF -- "$SERIAL_PROMPT" "$LOG" 2>/dev/null; do
		[ $((SECONDS - start)) -ge "$TIMEOUT" ] && return
		sleep 0.1
	done
	if [ -z "$SERIAL_PACE" ]; then
		cat "$SERIAL_INPUT"
		return
	fi
	while IFS= read -r line; do
		printf '%s\n' "$line"
		sleep "$SERIAL_PACE"
	done < "$SERIAL_INPUT"
}

# The typist of MONITOR_INPUT, into the monitor's pipe.
type_monitor() {
	local start=$SECONDS line
	until grep -qF -- "${MONITOR_PROMPT:-$SERIAL_PROMPT}" "$LOG" 2>/dev/null; do
		[ $((SECONDS - start)) -ge "$TIMEOUT" ] && return
		sleep 0.1
	done
	while IFS= read -r line; do
		case $line in
		"sleep "*) sleep "${line#sleep }" ;;
		*) printf '%s\n' "$line"; sleep "$MONITOR_PACE" ;;
		esac
	done < "$MONITOR_INPUT"
}

# start_monitor: sets monitor_args; with MONITOR_INPUT, a QEMU pipe
# character device (NAME.mon.in and .out, which QEMU opens read-write, so
# neither side waits for the other) with a typist and a reader on it.
start_monitor() {
	monitor_args=(-monitor none)
	monitor_pids=()
	[ -n "$MONITOR_INPUT" ] || return
	local pipe=$OUT/$NAME.mon
	rm -f "$pipe.in" "$pipe.out" && mkfifo "$pipe.in" "$pipe.out"
	monitor_args=(-chardev "pipe,id=monitor,path=$pipe" -mon chardev=monitor)
	cat "$pipe.out" > "$MONITOR_LOG" &
	monitor_pids+=($!)
	type_monitor > "$pipe.in" &
	monitor_pids+=($!)
}

# stop_monitor: the typist may still wait; the reader ends with QEMU once
# it has read what is left (or at once if QEMU never opened the pipe).
stop_monitor() {
	local i
	[ ${#monitor_pids[@]} -gt 0 ] || return
	kill "${monitor_pids[1]}" 2>/dev/null
	for i in $(seq 20); do
		kill -0 "${monitor_pids[0]}" 2>/dev/null || break
		sleep 0.1
	done
	kill "${monitor_pids[0]}" 2>/dev/null
	wait "${monitor_pids[@]}" 2>/dev/null
	rm -f "$OUT/$NAME.mon.in" "$OUT/$NAME.mon.out"
	tr -d '\r' < "$MONITOR_LOG" > "$MONITOR_LOG.tmp" && mv "$MONITOR_LOG.tmp" "$MONITOR_LOG"
}

# boot_qemu ARGS...: runs QEMU with the serial port in $LOG under the
# TIMEOUT and SILENCE watchdogs; sets QEMU_STATUS and KILLED.
boot_qemu() {
	local pid size last_size=-1 start=$SECONDS last_change=$SECONDS
	KILLED=
	: > "$LOG"
	start_monitor
	if [ -n "$SERIAL_INPUT" ]; then		# stdin is typed in, stdout is the log
		"$QEMU" -M pc -cpu "$CPU" -m "$MEMORY" -display none "${monitor_args[@]}" -no-reboot \
			-device "isa-debug-exit,iobase=$EXIT_PORT,iosize=0x04" \
			-serial stdio "$@" < <(type_after_prompt) > "$LOG" 2> "$OUT/$NAME.qemu" &
	else
		"$QEMU" -M pc -cpu "$CPU" -m "$MEMORY" -display none "${monitor_args[@]}" -no-reboot \
			-device "isa-debug-exit,iobase=$EXIT_PORT,iosize=0x04" \
			-serial "file:$LOG" "$@" < /dev/null > "$OUT/$NAME.qemu" 2>&1 &
	fi
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 0.2
		size=$(stat -c %s "$LOG")
		[ "$size" != "$last_size" ] && last_size=$size && last_change=$SECONDS
		if [ $((SECONDS - start)) -ge "$TIMEOUT" ]; then
			KILLED="timeout after ${TIMEOUT}s"
		elif [ $((SECONDS - last_change)) -ge "$SILENCE" ]; then
			KILLED="no serial output for ${SILENCE}s"
		fi
		[ -n "$KILLED" ] && kill "$pid" 2>/dev/null && break
	done
	wait "$pid"
	QEMU_STATUS=$?
	stop_monitor
	tr -d '\r' < "$LOG" > "$LOG.tmp" && mv "$LOG.tmp" "$LOG"
}

check_exit() {
	local want=$EXIT_PASS
	[ "$EXPECT_EXIT" = fail ] && want=$EXIT_FAIL
	if [ -n "$KILLED" ]; then
		fail "$KILLED"
	elif [ "$EXPECT_EXIT" = poweroff ]; then
		[ "$QEMU_STATUS" -eq 0 ] || fail "QEMU exit status $QEMU_STATUS, expected 0 (power off)"
	elif [ "$QEMU_STATUS" -eq 0 ]; then
		fail "QEMU exited 0: triple fault or reset under -no-reboot"
	elif [ "$QEMU_STATUS" -ne "$want" ]; then
		fail "QEMU exit status $QEMU_STATUS, expected $want"
	fi
}

# The KTAP plan and results: each result line becomes a test point of ours.
check_ktap() {
	local plan count=0 number line
	grep -q '^KTAP version 1$' "$LOG" || { fail "no KTAP header"; return; }
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$LOG" | head -1)
	[ -n "$plan" ] || { fail "no KTAP plan"; return; }
	while read -r line; do
		count=$((count + 1))
		number=$(echo "$line" | sed -E 's/^(not )?ok ([0-9]+) .*/\2/')
		[ "$number" -eq "$count" ] || fail "result $count is numbered $number"
		echo "$line" | sed -E "s/^(not )?ok [0-9]+ (.*)/\1ok $NAME\/\2/" >> "$RESULT"
	done < <(grep -E '^(not )?ok [0-9]+ ' "$LOG")
	if [ "$KTAP" = complete ]; then
		[ "$plan" -gt 0 ] || fail "empty plan"
		[ "$count" -eq "$plan" ] || fail "plan 1..$plan but $count results"
	fi
}

check_log() {
	local line first
	first=$(grep -a -m1 -v "^$" "$LOG")
	[[ $first == Tessera* ]] || fail "first line is not the banner: '${first:0:60}'"
	line=$(grep -a -m1 -E "$NEGATIVE" "$LOG") && fail "log has '${line:0:80}'"
	for pattern in "${MUST_MATCH[@]}"; do
		grep -aqE -- "$pattern" "$LOG" || fail "log lacks /$pattern/"
	done
}

default_run() {
	local args=()
	if [ -n "$ISO" ]; then
		args=(-cdrom "$ISO" -boot d)
	else
		local IFS=,
		args=(-kernel "$KERNEL")
		[ -n "$CMDLINE" ] && args+=(-append "$CMDLINE")
		[ ${#MODULES[@]} -gt 0 ] && args+=(-initrd "${MODULES[*]}")
	fi
	boot_qemu "${args[@]}"
	check_exit
	[ "$KTAP" = none ] || check_ktap
	check_log
	declare -F check_case > /dev/null && check_case
	result
}

rm -f "$RESULT"
# shellcheck source=/dev/null
source "tests/cases/$NAME.case"
if declare -F run_case > /dev/null; then
	run_case
else
	default_run
fi
