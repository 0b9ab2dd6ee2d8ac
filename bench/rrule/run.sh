#!/usr/bin/env bash
# Compare the Scheduling module's RRULE expansion with python-dateutil on the same 10,000 programmes.
#
# Builds rrule-bench in release mode, generates the programme file (fixed seed), runs both expanders on it,
# fails unless they produce the same occurrence count and checksum, and prints the speed-up. The target is a
# speed-up of at least 20x; the script reports the ratio and exits 1 if it is below.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
programmes="$out/rrule-programmes.json"
target="${TARGET_RATIO:-20}"

(cd "$root" && swift build -c release --product rrule-bench >/dev/null)
bench="$(cd "$root" && swift build -c release --show-bin-path)/rrule-bench"

python3 "$here/generate.py" "$programmes" --count "${PROGRAMMES:-10000}"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

swift_line="$("$bench" "$programmes")"
python_line="$(python3 "$here/dateutil_expand.py" "$programmes")"
echo "rrule-bench (Swift):     $swift_line"
echo "dateutil (Python $(python3 -c 'import dateutil; print(dateutil.__version__)')): $python_line"
echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"

if [[ "$(field count "$swift_line")" != "$(field count "$python_line")" ]]; then
    echo "FAIL: occurrence counts differ" >&2
    exit 1
fi
if [[ "$(field checksum "$swift_line")" != "$(field checksum "$python_line")" ]]; then
    echo "FAIL: counts agree but the instants differ (checksums differ)" >&2
    exit 1
fi
ratio="$(python3 -c "print(f'{$(field seconds "$python_line") / $(field seconds "$swift_line"):.1f}')")"
echo "counts and checksums agree; speed-up: ${ratio}x (target ${target}x)"
python3 -c "import sys; sys.exit(0 if $ratio >= $target else 1)" || { echo "below target" >&2; exit 1; }
