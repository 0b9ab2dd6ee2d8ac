#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/ from the repository's own examples.

Run from the repository root: python3 Fuzz/make-seeds.py. The output is committed; rerun it when docs/protocol.md,
schedules/ or the documented configuration change. Every seed is valid or nearly so, which is what lets libFuzzer
reach the deep parts of each parser quickly.
"""
import math
import pathlib
import re
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus"


def save(target, name, data):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (directory / name).write_bytes(data)


def doc_messages():
    """Every call and reply in docs/protocol.md's ```json blocks, one per message (they wrap over lines)."""
    text = (ROOT / "docs" / "protocol.md").read_text()
    messages = []
    for block in re.findall(r"```json\n(.*?)```", text, re.S):
        current = ""
        for line in block.splitlines():
            if line.startswith("{") and current:
                messages.append(current)
                current = ""
            current += line if not current else " " + line.strip()
        if current:
            messages.append(current)
    return messages


def varlink():
    # Input layout (see FuzzVarlink.swift): one byte choosing the append chunk size, then the NUL-framed stream.
    messages = doc_messages()
    for index, message in enumerate(messages):
        save("varlink", f"doc-{index:02d}", bytes([63]) + message.encode() + b"\0")
    save("varlink", "doc-stream-split", bytes([6]) + b"".join(m.encode() + b"\0" for m in messages[:6]))
    extras = [
        '{"method":"org.varlink.service.GetInfo"}',
        '{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"io.communecast.Site"}}',
        '{"method":"io.communecast.Site.Monitor","parameters":null,"more":true,"oneway":false,"upgrade":false}',
        '{"parameters":{},"continues":true}',
        '{"error":"org.varlink.service.InvalidParameter","parameters":{"parameter":"db"}}',
        '{"method":"io.communecast.Site.SetVolume","parameters":{"db":-1.5e1}}',
        '{"method":"io.communecast.Site.PushAlert","parameters":{"id":"\\u0041\\ud83d\\ude00","repeat":9223372036854775807}}',
        ' [1, -0, 0.5e-3, "x\\n", true, false, null, {"a": []}] ',
        '{"method":"io.communecast.Site.UploadMedia","parameters":{"name":"x","data":"' + "A" * 600 + '"}}',
    ]
    for index, message in enumerate(extras):
        save("varlink", f"extra-{index:02d}", bytes([17]) + message.encode() + b"\0")


def wav(tag, channels, rate, bits, frames, extensible_float=None, extra_chunks=b"", data_size=None):
    """A RIFF/WAVE file; `extensible_float` selects WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format."""
    block = channels * bits // 8
    samples = []
    for frame in range(frames):
        value = math.sin(frame / 3)
        for _ in range(channels):
            if tag == 3 or extensible_float:
                samples.append(struct.pack("<f", value))
            elif bits == 8:
                samples.append(bytes([int(128 + 127 * value)]))
            else:
                full = int(value * (2 ** (bits - 1) - 1))
                samples.append(full.to_bytes(bits // 8, "little", signed=True))
    data = b"".join(samples)
    if extensible_float is not None:
        sub = 3 if extensible_float else 1
        guid = struct.pack("<I", sub) + bytes.fromhex("000000001000800000aa00389b71")
        fmt = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, bits, 22, bits, 3) + guid
    else:
        fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + extra_chunks
    body += b"data" + struct.pack("<I", len(data) if data_size is None else data_size) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def wavs():
    save("wav", "pcm8-mono-8k", wav(1, 1, 8000, 8, 40))
    save("wav", "pcm16-stereo-44k1", wav(1, 2, 44100, 16, 40))
    save("wav", "pcm24-mono-48k", wav(1, 1, 48000, 24, 40))
    save("wav", "pcm32-stereo-16k", wav(1, 2, 16000, 32, 40))
    save("wav", "float32-mono-48k", wav(3, 1, 48000, 32, 40))
    save("wav", "extensible-pcm24-stereo", wav(None, 2, 48000, 24, 30, extensible_float=False))
    save("wav", "extensible-float-mono", wav(None, 1, 22050, 32, 30, extensible_float=True))
    list_chunk = b"LIST" + struct.pack("<I", 5) + b"INFOx" + b"\0"  # odd size, padded
    save("wav", "pcm16-with-odd-list", wav(1, 1, 16000, 16, 20, extra_chunks=list_chunk))
    save("wav", "pcm16-streaming-size", wav(1, 1, 16000, 16, 20, data_size=0xFFFFFFFF))
    save("wav", "pcm16-claims-more", wav(1, 1, 16000, 16, 20, data_size=1 << 30))
    save("wav", "alaw-rejected", wav(6, 1, 8000, 8, 20))


def schedules():
    for path in sorted((ROOT / "schedules").glob("*.yaml")):
        save("schedule", path.name, path.read_bytes())
    save("schedule", "every-key.yaml", """timezone: Europe/Berlin
quiet_hours: {from: "21:30", to: "05:00"}
programmes:
  - {id: a, title: A, media: a, level: normal, on_preempt: drop, max_late: 90, days: [mon, SAT], at: ["05:30", "17:00"],
     from: 2026-03-29, until: 2026-10-25, except: [2026-09-02]}
  - id: b
    media: 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
    rrule: FREQ=YEARLY;INTERVAL=2;BYMONTH=2,3;BYMONTHDAY=-1;BYHOUR=6,18;BYMINUTE=0;BYSETPOS=1,-1;WKST=SU;COUNT=20
    start: 2026-02-28T06:00:00
""")
    save("schedule", "rrule-forms.yaml", """programmes:
  - {id: d, media: m, rrule: "FREQ=DAILY;UNTIL=20270101T000000", start: 2026-12-01T05:30:00}
  - {id: w, media: m, rrule: "FREQ=WEEKLY;BYDAY=MO,-1FR;BYWEEKNO=1", start: 2026-12-01T05:30:00}
  - {id: h, media: m, rrule: "FREQ=HOURLY;BYYEARDAY=-1,100;BYSECOND=59", start: 2026-12-01T05:30:00}
  - {id: x, media: m, rrule: "FREQ=MINUTELY;INTERVAL=0", start: 2026-02-30T25:00:00}
""")


def configurations():
    readme = (ROOT / "README.md").read_text()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "communecastd.yaml" in b]
    security = (ROOT / "docs" / "security.md").read_text()
    blocks += [b for b in re.findall(r"```yaml\n(.*?)```", security, re.S) if b.startswith("tls:")]
    for index, block in enumerate(blocks):
        save("configuration", f"doc-{index:02d}.yaml", block)
    save("configuration", "full.yaml", blocks[0] + blocks[-1])
    save("configuration", "block-style.yaml", """site:
  name: xa-an-phu
  timezone: Mars/Olympus
audio:
  volume_db: loud
  target_lufs: -3
limits:
  max_conections: 10
schedules:
  priority_in_quiet_hours: sometimes
tls:
  listen: "[::1]:7420"
  handshake_timeout_s: 0.5
""")
    save("configuration", "anchors.yaml", "base: &b {max_connections: 8}\nlimits: *b\nsite: {name: ~}\n")


if __name__ == "__main__":
    varlink()
    wavs()
    schedules()
    configurations()
