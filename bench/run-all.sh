#!/usr/bin/env bash
# Runs every benchmark against its peer in the same run (see BENCHMARKS.md). Needs a quiet machine: nothing else
# compiling. Results go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product communecast >/dev/null && swift build -c release --product communecastd >/dev/null
bin="$(swift build -c release --show-bin-path)"
mkdir -p bench/out
echo "== machine"; grep -m1 "model name" /proc/cpuinfo; nproc; uname -r
echo "== issue 2: media encode vs opusenc, media play vs opusdec | aplay"
bash bench/media.sh
echo "== issue 16: speaking a 60-second bulletin vs espeak-ng + opusenc"
bash bench/speech.sh
echo "== issue 3: communecastd vs MPD"
rm -rf bench/out/daemon && mkdir -p bench/out/daemon
python3 bench/daemon_vs_mpd.py "$bin" bench/out/speech-10min.opus bench/out/daemon | tee bench/out/daemon.json
echo "== issue 11: the same round trips with both servers placed alike: on the client's CPU, then on another one"
for placement in "0 0" "0 1"; do
    set -- $placement
    CLIENT_CPUS=$1 SERVER_CPUS=$2 PARTS=round_trips,round_trips_lean \
        python3 bench/daemon_vs_mpd.py "$bin" bench/out/speech-10min.opus bench/out/daemon \
        | tee "bench/out/daemon-cpus-$1-$2.json"
done
echo "== issue 4: recurrence expansion vs python-dateutil"
bash bench/rrule/run.sh
echo "== issue 4: start accuracy of scheduled programmes (100 airings, 2 s apart)"
python3 bench/schedule_accuracy.py "$bin" bench/out/schedule | tee bench/out/schedule.json
echo "== issue 5: fan-out over mutual TLS to 100 real daemons on loopback"
python3 bench/fleet_bench.py "$bin" bench/out/fleet | tee bench/out/fleet.json
echo "== issue 13: ControlProtocol's JSON stack vs Foundation's JSONEncoder/JSONDecoder"
swift build -c release --product json-bench >/dev/null && "$bin/json-bench" | tee bench/out/json.md
echo "== issue 14: verification cost of a two-signature alert vs joserfc + pyca/cryptography"
bash bench/alert_trust/run.sh
echo "== issue 12: schedule add as programmes accumulate (BEFORE_BIN=DIR also runs an older build, alternating)"
python3 bench/schedule_add.py bench/out/schedule-add ${BEFORE_BIN:+before="$BEFORE_BIN"} after="$bin" \
    | tee bench/out/schedule-add.json
echo "== issue 15: call home, 3,360 simulated MQTT 5 sites on one Mosquitto (no peer; see BENCHMARKS.md)"
python3 -u bench/callhome_load.py --sites 3360 --workers 4 --alerts 3 | tee bench/out/callhome.txt
echo "== issue 15: emergency push to 100 real daemons, through the broker and media host vs the direct TLS fan-out"
python3 bench/callhome_daemons.py "$bin" bench/out/callhome-daemons | tee bench/out/callhome-daemons.json
echo "== issue 18: CPU of a site relaying a live mount for 10 minutes vs MPD playing the same mount"
python3 bench/relay_vs_mpd.py "$bin" bench/out/relay | tee bench/out/relay.json
