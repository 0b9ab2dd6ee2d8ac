#!/usr/bin/env bash
# Checks a built communecast .deb as far as a machine without systemd as PID 1 allows: its metadata and contents,
# lintian, binaries that need no Swift toolchain, then installs it here (dpkg -i, as root), checks what the
# maintainer scripts made, verifies the installed units in place, starts the installed daemon as the communecast
# user through systemd-socket-activate (systemd's own socket-activation tool), drives it as root and as an operator
# who is only in the package's groups, reloads and stops it, and purges the package again.
#
#   sudo scripts/check-package.sh dist/communecast_VERSION_ARCH.deb
#
# Not checked here: systemd starting communecastd.service itself, and the unit's sandbox around a running daemon;
# scripts/check-boot.sh (make check-boot) does that in a container with systemd as PID 1.
set -euo pipefail

deb=${1:?usage: check-package.sh PACKAGE.deb}
[ "$(id -u)" -eq 0 ] || { echo "check-package: run as root (it installs the package)" >&2; exit 1; }
fail() { echo "check-package: FAIL: $*" >&2; exit 1; }
step() { echo "check-package: $*"; }
test_user=cc-pkgtest
daemon_pid=
# The package keeps the user, the groups and /var/lib/communecast when purged, as a site should; this check puts the
# machine back as it found it.
had_user=$(getent passwd communecast >/dev/null && echo yes || echo no)
had_state=$([ -e /var/lib/communecast ] && echo yes || echo no)
had_runtime=$([ -e /run/communecast ] && echo yes || echo no)
# What communecastd.service's StateDirectory=, RuntimeDirectory= and ConfigurationDirectory= pass.
unit_environment=(STATE_DIRECTORY=/var/lib/communecast RUNTIME_DIRECTORY=/run/communecast
                  CONFIGURATION_DIRECTORY=/etc/communecast)

cleanup() {
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
    userdel "$test_user" 2>/dev/null || true
    if dpkg -s communecast >/dev/null 2>&1; then dpkg --purge communecast >/dev/null 2>&1 || true; fi
    if [ "$had_user" = no ]; then
        userdel communecast 2>/dev/null || true
        for group in communecast-operator communecast-provincial communecast-admin gpio communecast; do
            groupdel "$group" 2>/dev/null || true
        done
    fi
    [ "$had_state" = yes ] || rm -rf /var/lib/communecast
    [ "$had_runtime" = yes ] || rm -rf /run/communecast
}
trap cleanup EXIT

step "metadata"
dpkg-deb --info "$deb" | sed 's/^/    /'
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/communecastd ./usr/bin/communecast \
        ./usr/lib/systemd/system/communecastd.service ./usr/lib/systemd/system/communecastd.socket \
        ./usr/lib/sysusers.d/communecast.conf ./usr/lib/tmpfiles.d/communecast.conf \
        ./usr/lib/udev/rules.d/60-communecast-gpio.rules ./etc/communecast/communecastd.yaml \
        ./usr/share/communecast/profiles/virtual.yaml ./usr/share/communecast/profiles/rpi4-usb.yaml \
        ./usr/share/communecast/profiles/x86-minipc.yaml ./usr/share/communecast/systemd/communecastd-tls.conf \
        ./usr/share/man/man8/communecastd.8.gz ./usr/share/man/man1/communecast.1.gz \
        ./usr/share/man/man1/communecast.alert.push.1.gz \
        ./usr/share/bash-completion/completions/communecast ./usr/share/zsh/vendor-completions/_communecast \
        ./usr/share/fish/vendor_completions.d/communecast.fish ./usr/share/doc/communecast/copyright; do
    grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
[ "$(dpkg-deb --info "$deb" conffiles)" = /etc/communecast/communecastd.yaml ] || fail "conffiles"
# The daemon speaks text programmes and alerts: the library and its voice data must come with it. FFmpeg's
# libraries (phone formats), libshout (`live`), espeak-ng, libmosquitto (calling home), libxml2 and xmlsec1 (CAP
# intake) are opened when first needed, so they are named by hand, not found by dpkg-shlibdeps.
depends=$(dpkg-deb --field "$deb" Depends)
for package in libespeak-ng1 espeak-ng-data libshout3 libmosquitto1 libxml2 libxmlsec1 libxmlsec1-openssl; do
    grep -q "\b$package\b" <<<"$depends" || fail "Depends lacks $package: $depends"
done
for library in libavformat libavcodec libavutil libswresample; do
    grep -Eq "\b$library[0-9]+\b" <<<"$depends" || fail "Depends lacks $library (FFmpeg, opened at run time): $depends"
done
step "contents: $(wc -l <<<"$contents") entries, every expected file present, conffiles OK"

if command -v lintian >/dev/null 2>&1; then
    step "lintian (errors fail the check; warnings are listed)"
    report=$(lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1) || fail "lintian reported errors: $report"
    grep -v 'root privileges' <<<"$report" | sed 's/^/    /' || true
else
    step "lintian not installed: skipped (scripts/install-deps.sh --packaging installs it)"
fi

extract=$(mktemp -d)
dpkg-deb --extract "$deb" "$extract"
for program in communecastd communecast; do
    if ldd "$extract/usr/bin/$program" | grep -Eq 'libswift|libFoundation|libdispatch|/opt/swift|not found'; then
        ldd "$extract/usr/bin/$program" >&2
        fail "$program needs libraries a clean Debian 12 does not have"
    fi
done
rm -rf "$extract"
step "binaries link only system libraries (Swift runtime is static)"

step "installing with dpkg -i"
dpkg -i "$deb" | sed 's/^/    /'
getent passwd communecast | grep -q ':/var/lib/communecast:/usr/sbin/nologin$' || fail "no communecast user"
for group in communecast communecast-operator communecast-provincial communecast-admin audio gpio; do
    getent group "$group" >/dev/null || fail "no group $group"
done
id -nG communecast | tr ' ' '\n' | grep -qx gpio || fail "communecast is not in gpio"
[ "$(stat -c '%a %U %G' /var/lib/communecast)" = "700 communecast communecast" ] || fail "/var/lib/communecast"
[ "$(stat -c '%a %U %G' /run/communecast)" = "750 communecast communecast" ] || fail "/run/communecast"
[ "$(stat -c '%a %U' /etc/communecast/trust)" = "700 communecast" ] || fail "/etc/communecast/trust"
[ -L /etc/systemd/system/multi-user.target.wants/communecastd.service ] || fail "communecastd.service not enabled"
[ -L /etc/systemd/system/sockets.target.wants/communecastd.socket ] || fail "communecastd.socket not enabled"
step "user, groups, directories and enablement made by the maintainer scripts"

/usr/bin/communecastd --version >/dev/null
summary=$(runuser -u communecast -- env "${unit_environment[@]}" /usr/bin/communecastd --check-config \
    --config /etc/communecast/communecastd.yaml)
sed 's/^/    /' <<<"$summary"
grep -q '^state /var/lib/communecast, socket /run/communecast/control.sock$' <<<"$summary" || fail "paths: $summary"
grep -q '^schedules /etc/communecast/schedules ' <<<"$summary" || fail "schedules: $summary"
for profile in rpi4-usb x86-minipc virtual; do
    runuser -u communecast -- env "${unit_environment[@]}" /usr/bin/communecastd --check-config \
        --config /etc/communecast/communecastd.yaml --profile "$profile" >/dev/null \
        || fail "profile $profile does not load from /usr/share/communecast"
done
step "communecastd --check-config passes as the communecast user with the default configuration and every profile"

systemd-analyze verify /usr/lib/systemd/system/communecastd.service /usr/lib/systemd/system/communecastd.socket
exposure=$(systemd-analyze security --offline=true --threshold=20 --no-pager \
    /usr/lib/systemd/system/communecastd.service | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p')
step "installed units verify in place (man pages found), exposure $exposure"

step "starting the installed daemon as communecast through systemd-socket-activate"
rm -f /run/communecast/control.sock
systemd-socket-activate --listen=/run/communecast/control.sock \
    "${unit_environment[@]/#/--setenv=}" \
    setpriv --reuid=communecast --regid=communecast --init-groups \
    /usr/bin/communecastd --config /etc/communecast/communecastd.yaml >/tmp/check-package-daemon.log 2>&1 &
daemon_pid=$!
for _ in $(seq 50); do [ -S /run/communecast/control.sock ] && break; sleep 0.1; done
# As communecastd.socket's SocketGroup= and SocketMode= would.
chgrp communecast /run/communecast/control.sock
chmod 0660 /run/communecast/control.sock
health=$(/usr/bin/communecast health --json --connect unix:/run/communecast/control.sock) \
    || fail "health as root: $(cat /tmp/check-package-daemon.log)"
grep -q '"site":"communecast-site"' <<<"$health" || fail "unexpected health: $health"
grep -q 'socket_from=systemd' /tmp/check-package-daemon.log || fail "the daemon did not take the inherited socket"
step "health as root over the inherited socket: OK"

useradd --no-create-home --shell /usr/sbin/nologin --groups communecast,communecast-operator "$test_user"
runuser -u "$test_user" -- env -u COMMUNECAST_CONNECT /usr/bin/communecast health >/dev/null \
    || fail "an operator cannot reach the daemon with the default address"
if runuser -u "$test_user" -- /usr/bin/communecast volume -3 >/dev/null 2>&1; then
    fail "an operator was allowed an admin call"
fi
step "an operator (groups communecast, communecast-operator) connects by default and is refused admin calls"

kill -HUP "$daemon_pid"
sleep 1
/usr/bin/communecast health --connect unix:/run/communecast/control.sock >/dev/null || fail "no health after SIGHUP"
kill -TERM "$daemon_pid"
wait "$daemon_pid" || fail "communecastd did not stop cleanly: $(cat /tmp/check-package-daemon.log)"
daemon_pid=
[ -S /run/communecast/control.sock ] || fail "the daemon removed the socket systemd owns"
step "SIGHUP reload and SIGTERM stop: OK (socket left to its owner)"

userdel "$test_user"
dpkg --purge communecast | sed 's/^/    /'
[ ! -e /usr/bin/communecastd ] && [ ! -e /usr/lib/systemd/system/communecastd.service ] || fail "files left after purge"
[ ! -e /etc/communecast/communecastd.yaml ] || fail "the configuration is left after purge"
step "purged: binaries, units and configuration gone (the package keeps /var/lib/communecast and the user)"
step "all checks passed"
