#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A CLI's --help and its man page agree: the same set of options (-x and
# --long forms) appears in both, and --version prints the project version.
# usage: check-cli-docs.sh CLI MANPAGE [SUBCOMMAND...]
#   with SUBCOMMANDs, --help is asked of `CLI SUBCOMMAND --help` for each and
#   the union is compared with the man page.
set -u
cli=$1
man=$2
shift 2
opts()
{
	# option tokens: -x or --long-name, at a word start
	grep -oE '(^|[[:space:],[(|])--?[A-Za-z][A-Za-z0-9-]*' | sed -E 's/^[[:space:],[(|]+//' |
		sed -E 's/-+$//' | sort -u
}
help=$("$cli" --help 2>&1) || { echo "FAIL: $cli --help exits non-zero"; exit 1; }
for sub in "$@"; do
	help="$help
$("$cli" "$sub" --help 2>&1)" || { echo "FAIL: $cli $sub --help exits non-zero"; exit 1; }
done
page=$(groff -t -man -Tascii -P -cbou "$man" 2>/dev/null) || { echo "FAIL: groff cannot render $man"; exit 1; }
[ -n "$page" ] || { echo "FAIL: $man renders empty"; exit 1; }
h=$(printf '%s\n' "$help" | opts)
m=$(printf '%s\n' "$page" | opts)
only_help=$(printf '%s\n' "$h" | grep -vxF -f /dev/fd/3 3<<EOF2
$m
EOF2
)
only_man=$(printf '%s\n' "$m" | grep -vxF -f /dev/fd/3 3<<EOF2
$h
EOF2
)
rc=0
if [ -n "$only_help" ]; then
	echo "FAIL: in --help but not in $(basename "$man"):" $only_help
	rc=1
fi
if [ -n "$only_man" ]; then
	echo "FAIL: in $(basename "$man") but not in --help:" $only_man
	rc=1
fi
ver=$("$cli" --version 2>&1)
case "$ver" in
*"${WBPF_EXPECT_VERSION:-}"*) ;;
*) echo "FAIL: --version prints '$ver', expected it to contain '$WBPF_EXPECT_VERSION'"; rc=1 ;;
esac
[ $rc = 0 ] && echo "ok: $(basename "$cli") --help and $(basename "$man") list the same options:" $h
exit $rc
