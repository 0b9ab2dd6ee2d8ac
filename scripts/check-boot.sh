#!/usr/bin/env bash
# Runs the package under real systemd: boots this machine's own Debian 12 in a container (systemd-nspawn, systemd as
# PID 1, no network) on a throw-away overlay of the root file system, installs the .deb there as on a clean machine,
# and checks that the socket and the service start with the shipped sandbox, that the daemon reports READY=1 and
# STATUS=, serves and plays, reloads (good and broken configuration), is restarted by the watchdog when it hangs and
# when only its audio thread hangs, and stops cleanly. Nothing is written to the host: every change lands in a tmpfs.
#
#   sudo scripts/check-boot.sh dist/communecast_VERSION_ARCH.deb
#
# Needs root, overlayfs and systemd-nspawn (scripts/install-deps.sh --boot-test). The container's /dev has no sound
# card, so the daemon plays to the virtual profile; GPIO and ALSA hardware are not exercised.
set -euo pipefail

deb=${1:?usage: check-boot.sh PACKAGE.deb}
[ "$(id -u)" -eq 0 ] || { echo "check-boot: run as root" >&2; exit 1; }
command -v systemd-nspawn >/dev/null || { echo "check-boot: needs systemd-nspawn (install-deps.sh --boot-test)" >&2; exit 1; }

work=$(mktemp -d /tmp/communecast-boot.XXXXXX)
root="$work/root"
machine="ccboot-$$"
nspawn_pid=
leader=
state=
fail() { echo "check-boot: FAIL: $*" >&2; [ -n "$leader" ] && in_container journalctl -b --no-pager -n 60 >&2; exit 1; }
step() { echo "check-boot: $*"; }
in_container() { nsenter --target "$leader" --all -- "$@"; }

cleanup() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        [ -n "$leader" ] && in_container systemctl poweroff >/dev/null 2>&1 || kill "$nspawn_pid" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
        kill -KILL "$nspawn_pid" 2>/dev/null || true
    fi
    umount "$root" 2>/dev/null || true
    umount "$work/layer" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The container's root: this machine's root file system, read-only, under a tmpfs that takes every write.
mkdir -p "$work/layer" "$root"
mount -t tmpfs -o size=2g tmpfs "$work/layer"
mkdir -p "$work/layer/upper" "$work/layer/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/layer/upper,workdir=$work/layer/work" "$root"
# A clean machine: nothing of CommuneCast, services allowed to start (container images forbid it with
# policy-rc.d), and none of this machine's own services or timers.
rm -f "$root/usr/sbin/policy-rc.d"
for unit in $(systemctl --root="$root" list-unit-files --state=enabled --no-legend 2>/dev/null | awk '{print $1}'); do
    case "$unit" in
        *.timer|postgresql*|e2scrub*|getty@*|remote-fs.target) systemctl --root="$root" mask "$unit" >/dev/null 2>&1 ;;
    esac
done
rm -rf "$root/etc/communecast" "$root/var/lib/communecast"
cp "$deb" "$root/root/communecast.deb"

step "booting the container"
systemd-nspawn --directory="$root" --boot --private-network --register=no --keep-unit --machine="$machine" \
    >"$work/console.log" 2>&1 &
nspawn_pid=$!
for _ in $(seq 60); do
    leader=$(pgrep -P "$nspawn_pid" | head -1 || true)
    if [ -n "$leader" ]; then
        state=$(in_container systemctl is-system-running 2>/dev/null || true)
        [ "$state" = running ] || [ "$state" = degraded ] && break
    fi
    sleep 1
done
[ "$state" = running ] || [ "$state" = degraded ] || fail "the container did not boot: $(tail -20 "$work/console.log")"
step "systemd $(in_container systemctl --version | head -1 | cut -d' ' -f2) is PID 1 in the container ($state)"

show() { in_container systemctl show -p "$1" --value "$2"; }
is_active() { [ "$(show ActiveState "$1")" = active ]; }
status_has() { grep -q "$1" <<<"$(show StatusText communecastd.service)"; }
restarted_since() { [ "$(show NRestarts communecastd.service)" -gt "$1" ]; }
as_run_has() { grep -q "$1" <<<"$(in_container communecast log --limit 5)"; }
health_has() { grep -q "$1" <<<"$(in_container communecast health --json)"; }
wait_for() {  # seconds, description, command…
    local seconds=$1 what=$2
    shift 2
    for _ in $(seq "$((seconds * 5))"); do "$@" && return 0; sleep 0.2; done
    fail "$what"
}

step "installing the package (dpkg -i) as on a clean machine"
in_container dpkg -i /root/communecast.deb >/dev/null
wait_for 30 "communecastd.service did not become active" is_active communecastd.service
[ "$(show ActiveState communecastd.socket)" = active ] || fail "communecastd.socket is not active"
[ "$(show UnitFileState communecastd.service)" = enabled ] || fail "communecastd.service is not enabled"
[ "$(show User communecastd.service)" = communecast ] || fail "the service does not run as communecast"
status=$(show StatusText communecastd.service)
[ "$status" = "serving; 0 schedules; device closed; idle" ] || fail "STATUS=$status"
in_container journalctl -u communecastd -b --no-pager | grep -q 'socket_from=systemd' \
    || fail "the daemon did not take the socket from communecastd.socket"
step "socket and service active and enabled; READY=1 reached; STATUS=\"$status\"; socket passed by systemd"

in_container communecast health >/dev/null || fail "communecast health"
in_container communecast media tone --kind chime /root/chime.opus >/dev/null
in_container communecast media upload /root/chime.opus --name chime >/dev/null || fail "upload under the sandbox"
in_container communecast play chime >/dev/null
wait_for 10 "STATUS= did not show the airing" status_has "playing play:.* 'chime' (normal)"
wait_for 10 "the chime did not air" as_run_has ' aired '

step "under the sandbox: health, upload (decode, loudness, Opus encode), playback to ALSA, as-run log"

in_container sed -i 's/^  name: communecast-site /  name: xa-an-phu /' /etc/communecast/communecastd.yaml
in_container systemctl reload communecastd
wait_for 10 "the reload did not rename the site" health_has '"site":"xa-an-phu"'
in_container cp /etc/communecast/communecastd.yaml /root/good.yaml
printf 'audio:\n  volume_db: loud\n' | in_container tee -a /etc/communecast/communecastd.yaml >/dev/null
in_container systemctl reload communecastd
wait_for 10 "a broken configuration was not reported in STATUS=" status_has 'configuration reload rejected'
in_container communecast health >/dev/null || fail "no health after a broken reload"
in_container cp /root/good.yaml /etc/communecast/communecastd.yaml
[ "$(show NRestarts communecastd.service)" = 0 ] || fail "the daemon restarted during reloads"
step "systemctl reload: a good configuration applies, a broken one is reported and the daemon serves on"

restarts=$(show NRestarts communecastd.service)
in_container kill -STOP "$(show MainPID communecastd.service)"
wait_for 60 "a frozen daemon was not restarted by the watchdog" restarted_since "$restarts"
[ "$(in_container journalctl -u communecastd -b --no-pager | grep -c "Failed with result 'watchdog'")" = 1 ] \
    || fail "the restart was not the watchdog's"
wait_for 30 "the daemon did not come back after the watchdog" is_active communecastd.service
step "frozen daemon (SIGSTOP): killed by the watchdog and restarted"

# Only the audio thread hangs: a FIFO as the sound card that nobody reads blocks its write like a stuck driver, while
# the rest of the daemon, the control socket included, carries on.
in_container mkfifo -m 0600 /var/lib/communecast/card.fifo
in_container chown communecast:communecast /var/lib/communecast/card.fifo
printf 'name: stuck\npcm:\n  device: "file:FILE=/var/lib/communecast/card.fifo,FORMAT=raw"\n  pace: always\n' \
    | in_container tee /etc/communecast/profiles/stuck.yaml >/dev/null
in_container sed -i 's/^hardware_profile: virtual/hardware_profile: stuck/' /etc/communecast/communecastd.yaml
in_container systemd-run --unit=fifo-holder --quiet sh -c 'exec 3<>/var/lib/communecast/card.fifo; exec sleep 600'
in_container systemctl restart communecastd
wait_for 30 "the daemon did not start on the FIFO profile" is_active communecastd.service
restarts=$(show NRestarts communecastd.service)
in_container communecast play chime >/dev/null
wait_for 20 "the audio thread did not get stuck" status_has "playing play:"
sleep 8
in_container communecast health >/dev/null || fail "the control socket stopped serving with the audio thread stuck"
wait_for 90 "a stuck audio thread did not get the daemon restarted" restarted_since "$restarts"
in_container journalctl -u communecastd -b --no-pager | grep -q 'withholding the watchdog ping' \
    || fail "the daemon did not log why it stopped pinging"
[ "$(in_container journalctl -u communecastd -b --no-pager | grep -c "Failed with result 'watchdog'")" = 2 ] \
    || fail "the second restart was not the watchdog's"
step "stuck audio thread (control socket still serving): pings withheld, killed by the watchdog, restarted"
in_container systemctl stop fifo-holder
in_container cp /root/good.yaml /etc/communecast/communecastd.yaml
in_container systemctl restart communecastd
wait_for 30 "the daemon did not start again" is_active communecastd.service

in_container systemctl stop communecastd.service
[ "$(show Result communecastd.service)" = success ] || fail "stop: $(show Result communecastd.service)"
[ "$(show ExecMainStatus communecastd.service)" = 0 ] || fail "exit status $(show ExecMainStatus communecastd.service)"
in_container test -S /run/communecast/control.sock || fail "the socket went away with the service"
step "systemctl stop: clean exit, the socket stays with communecastd.socket"

in_container dpkg --purge communecast >/dev/null
[ "$(show LoadState communecastd.service)" != loaded ] || [ "$(show ActiveState communecastd.service)" = inactive ] \
    || fail "the service survived the purge"
in_container test ! -e /run/communecast/control.sock || fail "the socket survived the purge"
step "dpkg --purge: units stopped and gone"
step "all checks passed"
