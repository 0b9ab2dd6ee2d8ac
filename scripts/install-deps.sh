#!/usr/bin/env bash
# Installs the Debian and PyPI packages CommuneCast needs to build, test and demo, skipping what is present.
# Safe to run repeatedly: it only calls apt-get when `dpkg -s` says something is missing. With --packaging it also
# installs what `make deb` and `make check-deb` use (dpkg-dev for dpkg-shlibdeps, lintian); with --boot-test, also
# systemd-nspawn for `make check-boot`.
set -euo pipefail

debs=(
    pkg-config
    libasound2-dev libopus-dev libopusenc-dev libopusfile-dev libogg-dev libspeexdsp-dev libebur128-dev libgpiod-dev
    alsa-utils opus-tools sox ffmpeg espeak-ng mpd mpc openssl libsqlite3-dev python3
    libespeak-ng-dev libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libsox-fmt-base
    libshout3-dev icecast2
    faketime
    mosquitto mosquitto-clients libmosquitto-dev
    nginx-light
    libxml2-dev libxmlsec1-dev xmlsec1
    systemd
)
if [ "${1:-}" = "--packaging" ]; then
    debs+=(dpkg-dev binutils lintian man-db)
fi
# make check-boot: boots this machine's OS in a container (systemd-nspawn) to run the package under real systemd.
if [ "${1:-}" = "--boot-test" ]; then
    debs+=(dpkg-dev binutils lintian man-db systemd-container)
fi

missing=()
for p in "${debs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -q
    "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "install-deps: all Debian packages present"
fi

if ! python3 -c 'import varlink' >/dev/null 2>&1; then
    echo "install-deps: installing the Python varlink client"
    python3 -m pip install -q varlink
fi

# python-dateutil is the peer the recurrence tests and bench/rrule compare every RRULE with.
if ! python3 -c 'import dateutil.rrule' >/dev/null 2>&1; then
    echo "install-deps: installing python-dateutil"
    python3 -m pip install -q python-dateutil
fi

# paho-mqtt: the MQTT 5 clients of the call-home load benchmark (bench/callhome_load.py, issue 15).
if ! python3 -c 'import paho.mqtt.client' >/dev/null 2>&1; then
    echo "install-deps: installing the Python paho-mqtt package"
    python3 -m pip install -q paho-mqtt
fi

# joserfc: the independent JWS implementation the signed-alert tests and bench/alert_trust check our envelopes with
# (it brings pyca/cryptography, the bench's chain-verification peer).
if ! python3 -c 'import joserfc, cryptography.x509.verification' >/dev/null 2>&1; then
    echo "install-deps: installing the Python joserfc package"
    python3 -m pip install -q joserfc
fi
