#!/usr/bin/env python3
"""Issue 14 stage 2: end-to-end alert latency with two signatures against today's unsigned push, in the same run.

One paced daemon on ALSA `null` (real time, like a sound card), attention tone off, nothing else playing, which pins
the provincial CA and the ACL of a test PKI made by scripts/make-test-pki.sh (the commands of docs/security.md).
Alternating, PUSHES times each:
- unsigned: from starting `communecast alert push --media short` to the alert's first frame heard (its as-run
  `started` time, as in bench/daemon_vs_mpd.py);
- signed: from starting `communecast alert send FILE` to the same, where FILE is an actual emergency drafted by one
  person and approved by another (`alert draft`, `alert approve`) beforehand, outside the timing: what is timed is
  what the province waits for once the second person has approved.
Both go over the Unix socket. Prints one JSON object with p50/p99 of each and the ratio of the p50s.

Usage: signed_alert_latency.py BIN_DIR WORK_DIR"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import wait_for_socket  # noqa: E402

BIN, WORK = (os.path.abspath(arg) for arg in sys.argv[1:3])
CLI = os.path.join(BIN, "communecast")
DAEMON = os.path.join(BIN, "communecastd")
PUSHES = int(os.environ.get("PUSHES", "30"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
PKI = os.path.join(WORK, "pki")
subprocess.run(["bash", os.path.join(ROOT, "scripts/make-test-pki.sh"), PKI], check=True, capture_output=True)
with open(os.path.join(WORK, "acl.yaml"), "w") as f:
    f.write("clients:\n  - {cn: so-tt-an-giang, role: provincial}\n  - {cn: pho-giam-doc, role: provincial}\n")
with open(os.path.join(WORK, "communecastd.yaml"), "w") as f:
    f.write(f"site: {{name: bench-site, commune_code: '00001'}}\n"
            f"alerts: {{trust_ca: {PKI}/province-ca.pem, acl: {WORK}/acl.yaml}}\n")
with open(os.path.join(WORK, "profile.yaml"), "w") as f:
    f.write('pcm:\n  device: "null"\n  pace: always\namplifier:\n  holdoff_s: 600\nattention_tone:\n  seconds: 0\n')
SOCKET = os.path.join(WORK, "control.sock")
log = open(os.path.join(WORK, "daemon.log"), "w")
daemon = subprocess.Popen([DAEMON, "--config", os.path.join(WORK, "communecastd.yaml"), "--state-dir",
                           os.path.join(WORK, "state"), "--socket", SOCKET, "--profile",
                           os.path.join(WORK, "profile.yaml")], stdout=log, stderr=log)
wait_for_socket(SOCKET)


def cli(*args):
    env = dict(os.environ, COMMUNECAST_CONNECT="unix:" + SOCKET)
    return subprocess.run([CLI, *args], env=env, check=True, capture_output=True, text=True).stdout


def signing(name):
    return ["--cert", f"{PKI}/{name}.pem", "--key", f"{PKI}/{name}.key", "--ca", f"{PKI}/province-ca.pem"]


def started(source):
    while True:
        entry = next((e for e in json.loads(cli("log", "--limit", "10000", "--json"))
                      if e["source"] == source and e.get("ended")), None)
        if entry:
            return datetime.fromisoformat(entry["started"]).timestamp()
        time.sleep(0.02)


def percentiles(values):
    values = sorted(values)
    return {"p50": round(statistics.median(values), 1),
            "p99": round(values[min(len(values) - 1, int(len(values) * 0.99))], 1),
            "max": round(values[-1], 1), "n": len(values)}


short = os.path.join(WORK, "short.opus")
cli("media", "tone", "--kind", "chime", "--seconds", "0.3", short, "--force")
sha = json.loads(cli("media", "upload", short, "--name", "short", "--json"))["media"]["sha256"]
files = []
for index in range(PUSHES):
    path = os.path.join(WORK, f"signed-{index}.jws")
    alert_id = f"signed-{index}-{time.time_ns()}"
    cli("alert", "draft", "--id", alert_id, "--media", sha, "--no-tone", "--site", "bench-site", "--out", path,
        *signing("so-tt-an-giang"))
    fingerprint = json.loads(cli("alert", "show", path, "--json"))["fingerprint"]
    cli("alert", "approve", path, "--confirm", fingerprint, *signing("pho-giam-doc"))
    files.append((alert_id, path))

unsigned, signed = [], []
for index, (signed_id, path) in enumerate(files):
    unsigned_id = f"unsigned-{index}-{time.time_ns()}"
    begin = time.time()
    cli("alert", "push", "--media", "short", "--id", unsigned_id, "--no-tone")
    unsigned.append((started("alert:" + unsigned_id) - begin) * 1000)
    begin = time.time()
    reply = json.loads(cli("alert", "send", path, "--json"))
    assert reply["outcome"] == "accepted", reply
    signed.append((started("alert:" + signed_id) - begin) * 1000)

daemon.terminate()
daemon.wait()
result = {"unsigned_push_ms": percentiles(unsigned), "signed_two_people_ms": percentiles(signed)}
result["ratio_p50"] = round(result["signed_two_people_ms"]["p50"] / result["unsigned_push_ms"]["p50"], 2)
print(json.dumps(result, indent=2))
