#!/usr/bin/env bash
# Writes the configuration of a Mosquitto for the call-home tests and benchmarks, from the `# broker:` blocks of
# docs/call-home.md as written, so the documented configuration is the tested one. Only what a test must change is
# changed: the listener (PORT on 127.0.0.1), the certificate, CA, ACL and persistence paths, the log file and the
# user to run as. Everything else (TLS, identity, ACL rules, persistence, limits) is the document's.
#
#   scripts/make-test-broker.sh DIRECTORY PORT PKI-DIRECTORY
#
# PKI-DIRECTORY is made by scripts/make-test-pki.sh. Writes DIRECTORY/mosquitto.conf and DIRECTORY/communecast.acl;
# the broker then logs to DIRECTORY/mosquitto.log and keeps its database in DIRECTORY/. Start it with
# `mosquitto -c DIRECTORY/mosquitto.conf`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
doc="$root/docs/call-home.md"
out=${1:?usage: make-test-broker.sh DIRECTORY PORT PKI-DIRECTORY}
port=${2:?usage: make-test-broker.sh DIRECTORY PORT PKI-DIRECTORY}
pki=${3:?usage: make-test-broker.sh DIRECTORY PORT PKI-DIRECTORY}
mkdir -p "$out"
out=$(cd "$out" && pwd)
pki=$(cd "$pki" && pwd)

# Prints the ```conf block of docs/call-home.md whose first line is "# broker: NAME".
block() {
    awk -v want="# broker: $1" '
        /^```conf$/ { inside = 1; first = 1; keep = 0; next }
        /^```$/ { inside = 0; next }
        inside && first { first = 0; keep = ($0 == want) }
        inside && keep { print }
    ' "$doc"
}

configuration=$(block mosquitto.conf)
acl=$(block acl)
if [ -z "$configuration" ] || [ -z "$acl" ]; then
    echo "make-test-broker: docs/call-home.md lacks its '# broker: mosquitto.conf' or '# broker: acl' block" >&2
    exit 1
fi
printf '%s\n' "$acl" > "$out/communecast.acl"

# Replaces the value of each key a test must change, and checks that each was there exactly once.
printf '%s\n' "$configuration" | awk -v port="$port" -v pki="$pki" -v out="$out" '
    $1 == "listener" { print "listener " port " 127.0.0.1"; seen["listener"]++; next }
    $1 == "certfile" { print "certfile " pki "/broker.pem"; seen["certfile"]++; next }
    $1 == "keyfile" { print "keyfile " pki "/broker.key"; seen["keyfile"]++; next }
    $1 == "cafile" { print "cafile " pki "/province-ca.pem"; seen["cafile"]++; next }
    $1 == "acl_file" { print "acl_file " out "/communecast.acl"; seen["acl_file"]++; next }
    $1 == "persistence_location" { print "persistence_location " out "/"; seen["persistence_location"]++; next }
    $1 == "log_dest" { print "log_dest file " out "/mosquitto.log"; seen["log_dest"]++; next }
    { print }
    END {
        split("listener certfile keyfile cafile acl_file persistence_location log_dest", keys, " ")
        for (i in keys) if (seen[keys[i]] != 1) {
            print "make-test-broker: the documented configuration must set " keys[i] " once" > "/dev/stderr"
            exit 1
        }
    }
' > "$out/mosquitto.conf"
# Run as whoever runs the tests (as root, Mosquitto would otherwise switch to the mosquitto user, who cannot read the
# test certificates).
echo "user $(id -un)" >> "$out/mosquitto.conf"
