#!/usr/bin/env bash
# The CommuneCast demo on the virtual hardware profile: synthesise a Vietnamese announcement, encode and inspect it,
# preview the example schedules, start the site daemon, upload and play the announcement, push an emergency alert
# that cuts in over it (after the attention signal), show health and the as-run log, schedule the announcement a few
# seconds ahead and show it airing on its second, stop the daemon, and leave the broadcast as demo-output.wav.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/demo-lib.sh
source scripts/demo-lib.sh
work="$PWD/demo-work"
rm -rf "$work" demo-output.wav
mkdir -p "$work/state"

step "Synthesising a Vietnamese announcement and an alert with espeak-ng"
espeak-ng -v vi -s 150 -w "$work/thong-bao.wav" "Xin chào bà con. Đây là Đài truyền thanh xã. Chiều nay, lúc mười \
bảy giờ, xã tổ chức họp dân tại nhà văn hóa thôn. Đề nghị bà con đến đúng giờ. Xin cảm ơn bà con."
espeak-ng -v vi -s 140 -w "$work/canh-bao.wav" "Khẩn cấp. Bão số chín đang tiến vào đất liền. \
Đề nghị bà con vùng trũng thấp di dời ngay đến nơi an toàn."
echo "wrote $work/thong-bao.wav and $work/canh-bao.wav"

step "communecast media encode (local)"
"$cli" media encode "$work/thong-bao.wav" "$work/thong-bao.opus"

step "communecast media info"
"$cli" media info "$work/thong-bao.opus"

step "communecast schedule check and next: the commune's routine, previewed"
"$cli" schedule check schedules/*.yaml
"$cli" schedule next schedules/xa-standard-day.yaml --from 2026-12-01T00:00:00+07:00 --count 4

step "Starting communecastd on the virtual profile (ALSA file plugin, paced to real time)"
cat > "$work/virtual.yaml" <<YAML
name: virtual
pcm:
  device: "file:FILE=$work/broadcast.wav,FORMAT=wav"
  pace: always
amplifier:
  holdoff_s: 2
attention_tone:
  seconds: 3
YAML
socket="$work/control.sock"
"$daemon_bin" --state-dir "$work/state" --socket "$socket" --profile "$work/virtual.yaml" > "$work/daemon.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
export COMMUNECAST_CONNECT="unix:$socket"
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
"$cli" health

step "communecast media upload, then play the announcement"
"$cli" media upload "$work/thong-bao.opus" --name thong-bao
"$cli" media list
"$cli" play thong-bao --on-preempt resume
sleep 3

step "communecast alert push: an emergency cuts in (attention signal first), the announcement then resumes"
"$cli" alert push "$work/canh-bao.wav" --id bao-so-9-demo --expires 1h
sleep 1
"$cli" health

step "Waiting for the broadcast to finish"
# Done when the alert has aired, the announcement has a second (resumed) entry, and every entry has ended.
for _ in $(seq 240); do
    "$cli" log --json | python3 -c 'import json, sys
entries = json.load(sys.stdin)
alert = any(e["source"].startswith("alert:") and e["outcome"] == "aired" for e in entries)
plays = [e for e in entries if e["source"].startswith("play:")]
sys.exit(0 if alert and len(plays) >= 2 and all(e.get("ended") for e in entries) else 1)' && break
    sleep 0.5
done
"$cli" alert list

step "communecast log (as-run: what actually aired)"
"$cli" log

step "communecast schedule add: the announcement scheduled a few seconds ahead airs on its second"
due_epoch=$(( $(date +%s) + 8 ))
at=$(TZ=Asia/Ho_Chi_Minh date -d "@$due_epoch" +%H:%M:%S)
day=$(TZ=Asia/Ho_Chi_Minh date -d "@$due_epoch" +%F)
cat > "$work/hop-dan.yaml" <<YAML
timezone: Asia/Ho_Chi_Minh
programmes:
  - id: hop-dan
    title: Thông báo họp dân
    media: thong-bao
    days: [mon, tue, wed, thu, fri, sat, sun]
    at: ["$at"]
YAML
cat "$work/hop-dan.yaml"
"$cli" schedule add "$work/hop-dan.yaml"
"$cli" schedule list
echo "waiting for $at (Asia/Ho_Chi_Minh)…"
for _ in $(seq 120); do
    "$cli" log --day "$day" --json | python3 -c 'import json, sys; sys.exit(0 if any(e.get("programme") == "hop-dan"
        and e["outcome"] == "aired" for e in json.load(sys.stdin)) else 1)' && break
    sleep 0.5
done
"$cli" log --day "$day"

step "Stopping the daemon (SIGTERM: fade out, close the device, flush the database)"
kill -TERM $daemon
wait $daemon || true
trap - EXIT
cp "$work/broadcast.wav" demo-output.wav

step "Done"
echo "The broadcast as the loudspeakers played it: $PWD/demo-output.wav ($(soxi -D demo-output.wav | cut -c1-5) s)"
echo "Listen with: aplay demo-output.wav   (daemon log: $work/daemon.log)"
