#!/usr/bin/env bash
# Issue 16: speaking a 60-second bulletin (bench/bulletin-60s.txt), wall time, against its peer in the same run:
#   ours: communecast media speak (normalisation, espeak-ng in-process, resampling, loudness, Opus, atomic write)
#   peer: espeak-ng -w to a WAV, then opusenc (no normalisation, no loudness: the least a script would do)
# Also prints our own split between synthesis and encoding from the --json report.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
swift build -c release --product communecast >/dev/null
cli="$(swift build -c release --show-bin-path)/communecast"
out="bench/out"
mkdir -p "$out"
text="bench/bulletin-60s.txt"

echo "== speak a 60-second bulletin ($runs runs each, alternating)"
python3 bench/measure.py "$runs" \
    communecast "'$cli' media speak --text-file '$text' '$out/bulletin.opus' --force" \
    espeak-opusenc "espeak-ng -v vi -s 150 -f '$text' -w '$out/bulletin.wav' && opusenc --quiet --bitrate 24 '$out/bulletin.wav' '$out/bulletin-peer.opus'" \
    | tee "$out/speak.json"
"$cli" media speak --text-file "$text" "$out/bulletin.opus" --force --json > "$out/speak-report.json"
python3 - "$out/speak.json" "$out/speak-report.json" <<'PY'
import json, sys
timing = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))
ours = timing["communecast"]["wall_median_s"]; peer = timing["espeak-opusenc"]["wall_median_s"]
print(f"bulletin {report['encoding']['duration_s']:.1f} s of speech: communecast {ours:.2f} s wall "
      f"(synthesis {report['synthesis_s']:.2f} s, encoding {report['encode_s']:.2f} s), "
      f"espeak-ng + opusenc {peer:.2f} s, ratio {ours / peer:.2f}")
PY
