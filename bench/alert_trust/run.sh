#!/usr/bin/env bash
# The site's verification cost per signed alert (two P-256 signatures, each chained to the provincial CA), ours
# (alert-trust-bench, release) against python joserfc + pyca/cryptography on the same envelope, in the same run:
# ROUNDS rounds of COUNT envelopes each, the two alternating, then the median of each. CPU time (user + system) is
# the figure compared, since wall time on a shared machine mostly measures the neighbours. Prints every round, the
# medians and the ratio (peer / ours). Issue 14 sets no target for this figure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/alert-trust"
rm -rf "$out" && mkdir -p "$out"
count="${COUNT:-1000}"
rounds="${ROUNDS:-5}"

bash "$root/scripts/make-test-pki.sh" "$out/pki" >/dev/null 2>&1
(cd "$root" && swift build -c release --product alert-trust-bench >/dev/null)
bench="$(cd "$root" && swift build -c release --show-bin-path)/alert-trust-bench"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

ours=() peer=()
for round in $(seq "$rounds"); do
    line="$("$bench" "$out/pki" "$out/envelope.json" "$count")"
    echo "round $round ours: $line"
    ours+=("$(field cpu_us "$line")/$(field per_envelope_us "$line")")
    line="$(python3 "$here/peer_verify.py" "$out/pki" "$out/envelope.json" "$count")"
    echo "round $round peer: $line"
    peer+=("$(field cpu_us "$line")/$(field per_envelope_us "$line")")
done
versions="$(python3 -c 'import joserfc, cryptography; print(joserfc.__version__, "/", cryptography.__version__)')"
echo "peer: python joserfc + cryptography $versions; cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
    | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "${ours[*]}" "${peer[*]}" <<'PY'
import statistics, sys
def medians(text):
    pairs = [tuple(map(float, item.split("/"))) for item in text.split()]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
ours, peer = medians(sys.argv[1]), medians(sys.argv[2])
print(f"median per envelope, CPU: ours {ours[0]:.0f} us, peer {peer[0]:.0f} us, peer/ours {peer[0] / ours[0]:.2f}x")
print(f"median per envelope, wall: ours {ours[1]:.0f} us, peer {peer[1]:.0f} us, peer/ours {peer[1] / ours[1]:.2f}x")
PY
