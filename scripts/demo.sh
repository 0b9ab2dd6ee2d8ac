#!/usr/bin/env bash
# The demo of the audio foundation: synthesise a Vietnamese announcement, encode it, inspect it, and play it through
# the virtual output (ALSA's file plugin), leaving demo-output.wav to listen to.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${COMMUNECAST_BIN:-.build/debug}"
cli="$bin/communecast"
work="demo-work"
rm -rf "$work"
mkdir -p "$work"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Synthesising a short Vietnamese announcement with espeak-ng"
text="Xin chào bà con. Đây là Đài truyền thanh xã. Chiều nay, lúc mười bảy giờ, \
xã tổ chức họp dân tại nhà văn hóa thôn. Đề nghị bà con đến đúng giờ."
espeak-ng -v vi -s 150 -w "$work/thong-bao.wav" "$text"
echo "wrote $work/thong-bao.wav"

step "communecast media encode"
"$cli" media encode "$work/thong-bao.wav" "$work/thong-bao.opus"

step "communecast media info"
"$cli" media info "$work/thong-bao.opus"

step "communecast media tone (attention signal, 2 s for the demo)"
"$cli" media tone --kind attention --seconds 2 "$work/attention.opus"

step "communecast media play through the virtual output (ALSA file plugin, paced to real time)"
rm -f demo-output.wav
"$cli" media play "$work/thong-bao.opus" --device "file:FILE=$PWD/demo-output.wav,FORMAT=wav"

step "Done"
echo "The broadcast as the loudspeakers would have played it: $PWD/demo-output.wav"
echo "Listen with: aplay demo-output.wav   (or any audio player)"
