#!/usr/bin/env bash
# Checks the files in systemd/ without installing them: `systemd-analyze verify` on the units, the exposure score of
# `systemd-analyze security --offline=true` (as shipped and with the TLS drop-in) against a limit, and
# systemd-sysusers and systemd-tmpfiles applied to a scratch root. Prints the exposure scores.
#
#   scripts/check-units.sh [COMMUNECASTD]
#
# `verify` insists that ExecStart's program exists. Before installation /usr/bin/communecastd does not, so the
# service is verified with ExecStart pointing at COMMUNECASTD (a built binary; default: .build/debug/communecastd)
# and is otherwise exactly the shipped file. scripts/check-package.sh verifies the installed units in place.
set -euo pipefail
cd "$(dirname "$0")/.."

daemon=${1:-$PWD/.build/debug/communecastd}
max_exposure=${MAX_EXPOSURE:-2.0}
[ -x "$daemon" ] || { echo "check-units: $daemon is not a built communecastd (run swift build first)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp systemd/communecastd.service systemd/communecastd.socket "$work/"
sed -i "s|^ExecStart=/usr/bin/communecastd |ExecStart=$daemon |" "$work/communecastd.service"
grep -q "^ExecStart=$daemon " "$work/communecastd.service" || { echo "check-units: ExecStart not found" >&2; exit 1; }
systemd-analyze verify --man=no "$work/communecastd.service" "$work/communecastd.socket"
echo "verify: communecastd.service and communecastd.socket OK"

# --threshold counts in tenths: exposure 2.0 is 20.
threshold=$(awk -v x="$max_exposure" 'BEGIN { printf "%d", x * 10 + 0.5 }')
exposure() {
    local report
    if ! report=$(systemd-analyze security --offline=true --threshold="$threshold" --no-pager "$1" 2>&1); then
        echo "check-units: exposure of $1 is over $max_exposure:" >&2
        grep -E '✗|Overall' <<<"$report" >&2
        return 1
    fi
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p' <<<"$report"
}
shipped=$(exposure "$work/communecastd.service")
mkdir -p "$work/communecastd.service.d"
cp systemd/communecastd-tls.conf "$work/communecastd.service.d/tls.conf"
with_tls=$(exposure "$work/communecastd.service")
echo "exposure: $shipped as shipped, $with_tls with communecastd-tls.conf (limit $max_exposure)"

# The HLS gateway's template (issue 18), verified as an instance with ExecStart at the wrapper in this tree.
mkdir -p "$work/relay"
sed "s|^ExecStart=/usr/lib/communecast/communecast-relay$|ExecStart=$PWD/systemd/communecast-relay|" \
    systemd/communecast-relay@.service >"$work/relay/communecast-relay@.service"
grep -q "^ExecStart=$PWD/systemd/communecast-relay$" "$work/relay/communecast-relay@.service" \
    || { echo "check-units: the relay's ExecStart not found" >&2; exit 1; }
systemd-analyze verify --man=no "$work/relay/communecast-relay@.service"
relay=$(exposure "$work/relay/communecast-relay@.service")
echo "verify: communecast-relay@.service OK; exposure $relay (limit $max_exposure)"

root="$work/root"
mkdir -p "$root/etc" "$root/usr/lib/sysusers.d" "$root/usr/lib/tmpfiles.d"
cp systemd/communecast.sysusers "$root/usr/lib/sysusers.d/communecast.conf"
cp systemd/communecast.tmpfiles "$root/usr/lib/tmpfiles.d/communecast.conf"
systemd-sysusers --root="$root" >/dev/null 2>&1
for group in communecast communecast-operator communecast-provincial communecast-admin gpio; do
    grep -q "^$group:" "$root/etc/group" || { echo "check-units: sysusers made no group $group" >&2; exit 1; }
done
grep -q '^communecast:x:[0-9]*:[0-9]*:[^:]*:/var/lib/communecast:/usr/sbin/nologin$' "$root/etc/passwd" \
    || { echo "check-units: sysusers made no communecast user" >&2; exit 1; }
grep -q '^gpio:.*communecast' "$root/etc/group" || { echo "check-units: communecast is not in gpio" >&2; exit 1; }
systemd-tmpfiles --root="$root" --create communecast.conf
uid=$(sed -n 's/^communecast:x:\([0-9]*\):.*/\1/p' "$root/etc/passwd")
check_dir() {
    local got
    got=$(stat -c '%a %u' "$root$1")
    [ "$got" = "$2" ] || { echo "check-units: $1 is '$got', expected '$2'" >&2; exit 1; }
}
check_dir /run/communecast "750 $uid"
check_dir /var/lib/communecast "700 $uid"
check_dir /etc/communecast/trust "700 $uid"
check_dir /etc/communecast/schedules "755 0"
echo "sysusers, tmpfiles: user, role groups and directories OK"
