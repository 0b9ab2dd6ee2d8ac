#!/usr/bin/env bash
# Builds the benchmark input once: 10 minutes of Vietnamese speech from espeak-ng, as 44.1 kHz stereo 16-bit WAV
# (what a PC recording looks like), and caches it in bench/out/.
set -euo pipefail
out="$(dirname "$0")/out"
mkdir -p "$out"
wav="$out/speech-10min-44k-stereo.wav"
[ -f "$wav" ] && { echo "$wav"; exit 0; }
text="Thông báo của Ủy ban nhân dân xã. Đề nghị bà con chủ động phòng chống bão lũ, gia cố nhà cửa, \
chằng chống mái tôn, không ra biển khi có bão. Các hộ gia đình vùng trũng thấp chuẩn bị di dời đến nơi an toàn."
espeak-ng -v vi -s 145 -w "$out/part.wav" "$text"
sox "$out/part.wav" -r 44100 -c 2 "$out/part-44k.wav" gain -3 pad 0 0.7
sox "$out/part-44k.wav" "$wav" repeat 120 trim 0 600
rm -f "$out/part.wav" "$out/part-44k.wav"
echo "$wav"
