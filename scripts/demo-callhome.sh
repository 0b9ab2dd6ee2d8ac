#!/usr/bin/env bash
# make demo-callhome (issue 15): a province pushes a signed emergency through a local Mosquitto to two sites, one of
# them started only after the push, which still airs it. Everything is local: a provincial CA and certificates made
# by scripts/make-test-pki.sh (the openssl commands of docs/security.md and docs/call-home.md), a broker configured by
# scripts/make-test-broker.sh from docs/call-home.md, two communecastd on the virtual profile, and the real CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/demo-lib.sh
source scripts/demo-lib.sh
# DEMO_CALLHOME_WORK: where to work (the test of this demo gives a temporary directory).
work="${DEMO_CALLHOME_WORK:-$PWD/demo-callhome-work}"
rm -rf "$work"
mkdir -p "$work"
pids=()
# Stops what the demo started. A process that ignores SIGTERM for 10 s gets SIGKILL: a test runner may start this
# script with SIGTERM blocked, which Mosquitto then inherits and never unblocks.
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 100); do
        alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

# Waits up to 90 s for FILE to contain TEXT.
wait_for() {
    for _ in $(seq 900); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "demo-callhome: $1 never said '$2'" >&2
    exit 1
}

step "A provincial CA, the broker's certificate and the sites' uplink certificates (openssl)"
bash scripts/make-test-pki.sh "$work/pki" > /dev/null
pki="$work/pki"
ls "$pki"/{province-ca,broker,xa-an-phu-uplink,xa-phu-tan-uplink,so-tt-an-giang,pho-giam-doc}.pem

step "Mosquitto with mutual TLS and the ACL of docs/call-home.md, on a free loopback port"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash scripts/make-test-broker.sh "$work/broker" "$port" "$pki"
mosquitto -c "$work/broker/mosquitto.conf" &
pids+=($!)
wait_for "$work/broker/mosquitto.log" " running"
echo "broker: mqtts://localhost:$port"

cat > "$work/acl.yaml" <<YAML
clients:
  - {cn: so-tt-an-giang, role: provincial}
  - {cn: pho-giam-doc, role: provincial}
YAML
cat > "$work/virtual.yaml" <<YAML
name: virtual
pcm:
  device: "file:FILE=$work/broadcast.wav,FORMAT=wav"
  pace: always
attention_tone:
  seconds: 1
YAML

# Waits up to 90 s for site NAME's as-run log to show an airing.
wait_aired() {
    for _ in $(seq 900); do
        "$cli" log --connect "unix:$work/$1/control.sock" --json 2>/dev/null | grep -q '"outcome" *: *"aired"' \
            && return 0
        sleep 0.1
    done
    echo "demo-callhome: $1 aired nothing" >&2
    exit 1
}

# Starts site NAME (its uplink certificate's CN) calling home, in group p-89 with tag ven-song.
start_site() {
    local name=$1 dir="$work/$1"
    mkdir -p "$dir/state"
    sed "s|$work/broadcast.wav|$dir/broadcast.wav|" "$work/virtual.yaml" > "$dir/virtual.yaml"
    cat > "$dir/communecastd.yaml" <<YAML
site:
  name: $name
alerts:
  trust_ca: $pki/province-ca.pem
  acl: $work/acl.yaml
  tags: [ven-song]
uplink:
  brokers: ["mqtts://localhost:$port"]
  cert: $pki/$name-uplink.pem
  key: $pki/$name-uplink.key
  groups: [p-89]
YAML
    "$daemon_bin" --config "$dir/communecastd.yaml" --check-config | grep '^uplink'
    "$daemon_bin" --config "$dir/communecastd.yaml" --state-dir "$dir/state" --socket "$dir/control.sock" \
        --profile "$dir/virtual.yaml" > "$dir/daemon.log" 2>&1 &
    pids+=($!)
    wait_for "$dir/daemon.log" "uplink connected"
    echo "$name is online (its status is retained on the broker, with a Last Will)"
}

step "Site xa-an-phu starts and calls home (nobody dials it)"
start_site xa-an-phu

step "Two people sign an emergency for the ven-song tag: alert draft, alert approve"
signer() { echo --cert "$pki/$1.pem" --key "$pki/$1.key" --ca "$pki/province-ca.pem"; }
# shellcheck disable=SC2046
"$cli" alert draft --id bao-so-9 --tag ven-song --expires 2h --out "$work/bao-so-9.jws" \
    --text "Khẩn cấp. Bão số chín đang tiến vào đất liền. Đề nghị bà con di dời ngay đến nơi an toàn." \
    $(signer so-tt-an-giang)
fingerprint=$("$cli" alert show "$work/bao-so-9.jws" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["fingerprint"])')
# shellcheck disable=SC2046
"$cli" alert approve "$work/bao-so-9.jws" --confirm "$fingerprint" $(signer pho-giam-doc)

step "alert send --via: one publish to group p-89, retained until the alert expires"
# shellcheck disable=SC2046
"$cli" alert send "$work/bao-so-9.jws" --via "mqtts://localhost:$port" --group p-89 --timeout 60 \
    $(signer so-tt-an-giang)
wait_aired xa-an-phu
"$cli" log --connect "unix:$work/xa-an-phu/control.sock"

step "Site xa-phu-tan starts only now: the broker hands it the retained alert, and it airs it"
start_site xa-phu-tan
wait_aired xa-phu-tan
"$cli" log --connect "unix:$work/xa-phu-tan/control.sock"

step "fleet health --via: every site's retained health and status, no traffic to the sites"
# shellcheck disable=SC2046
"$cli" fleet health --via "mqtts://localhost:$port" $(signer so-tt-an-giang) || true

step "Done: the broadcasts are in $work/xa-an-phu/broadcast.wav and $work/xa-phu-tan/broadcast.wav"
