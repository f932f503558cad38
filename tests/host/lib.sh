# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Shared by the host test scripts: checks that name what they check and
# print actual vs expected; the script's exit status is the failure count.
fails=0

ok()
{
	echo "ok: $*"
}

fail()
{
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq()
{
	if [ "$1" = "$2" ]; then ok "$3 = $1"; else fail "$3: got '$1', expected '$2'"; fi
}

# expect_grep FILE PATTERN WHAT (fixed string)
expect_grep()
{
	if grep -qF -- "$2" "$1"; then ok "$3"; else
		fail "$3: '$2' not in output:"
		sed 's/^/    | /' "$1" | head -40
	fi
}

# expect_no_grep FILE PATTERN WHAT (fixed string)
expect_no_grep()
{
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' found in output:"
		sed 's/^/    | /' "$1" | head -40
	else ok "$3"; fi
}

# The guest's own checks: no FAIL line and at least one ok line.
expect_guest_ok()
{
	if grep -q '^FAIL' "$1" || ! grep -q '^ok:' "$1"; then
		fail "$2: the guest's checks failed:"
		sed 's/^/    | /' "$1" | head -60
	else
		ok "$2 ($(grep -c '^ok:' "$1") guest checks):"
		sed 's/^/    | /' "$1"
	fi
}

# lines_exactly FILE N WHAT: FILE has N lines
expect_lines()
{
	expect_eq "$(wc -l <"$1" | tr -d ' ')" "$2" "$3"
}

finish()
{
	[ "$fails" = 0 ] && echo "all checks passed" || echo "$fails check(s) failed"
	# an exit status is a byte: 256 failures must not read as none
	[ "$fails" -le 255 ] || exit 255
	exit "$fails"
}

# wait_line FILE REGEX [PID [TRIES]]: until a line of FILE matches REGEX,
# the process PID (when given) has ended, or TRIES x 50 ms (200) have passed
wait_line()
{
	_i=0
	while ! grep -q -- "$2" "$1" 2>/dev/null && [ $_i -lt "${4:-200}" ]; do
		if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then
			break
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
}

# random_magic: an argument of getpgid() no real process id can have (a
# multiple of 0x10000 from 0x40000000 up), different each run
random_magic()
{
	echo $(((($(od -An -N4 -tu4 /dev/urandom) % 0x3000) + 0x4000) * 0x10000))
}

# start_ready CMD...: CMD in the background, its output in $t/out and
# $t/err, its process ID in pid; checks that it prints "ready" (waiting as
# wait_line does)
start_ready()
{
	"$@" >"$t/out" 2>"$t/err" &
	pid=$!
	wait_line "$t/out" '^ready' $pid
	expect_grep "$t/out" "ready" "the guest is ready"
}
