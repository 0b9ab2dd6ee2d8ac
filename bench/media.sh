#!/usr/bin/env bash
# Issue 2 benchmarks, each against its named peer in the same run:
#   encode: communecast media encode vs opusenc --bitrate 24 --downmix-mono, 10-minute 44.1 kHz stereo WAV, wall time
#   play:   communecast media play --no-pace -D null vs opusdec | aplay -D null, 10-minute Ogg Opus, CPU seconds
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
swift build -c release --product communecast >/dev/null && swift build -c release --product communecastd >/dev/null
cli="$(swift build -c release --show-bin-path)/communecast"
wav="$(bash bench/make-fixture.sh)"
out="bench/out"
opus="$out/speech-10min.opus"
"$cli" media encode "$wav" "$opus" --force >/dev/null

echo "== encode ($runs runs each, alternating)"
python3 bench/measure.py "$runs" \
    communecast "'$cli' media encode '$wav' '$out/ours.opus' --force" \
    opusenc "opusenc --quiet --bitrate 24 --downmix-mono '$wav' '$out/theirs.opus'" | tee "$out/encode.json"

echo "== play ($runs runs each, alternating)"
python3 bench/measure.py "$runs" \
    communecast "'$cli' media play '$opus' --device null --no-pace" \
    opusdec-aplay "opusdec --quiet --force-wav '$opus' - | aplay -q -D null" | tee "$out/play.json"

python3 - "$out/encode.json" "$out/play.json" <<'PY'
import json, sys
enc = json.load(open(sys.argv[1])); play = json.load(open(sys.argv[2]))
e = enc["communecast"]["wall_median_s"] / enc["opusenc"]["wall_median_s"]
p = play["communecast"]["cpu_median_s"] / play["opusdec-aplay"]["cpu_median_s"]
print(f"encode wall ratio communecast/opusenc = {e:.2f} (target <= 1.00, issue 16)")
print(f"play CPU ratio communecast/(opusdec|aplay) = {p:.2f} (target <= 1.00)")
PY
