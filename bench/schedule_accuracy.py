#!/usr/bin/env python3
"""Issue 4 benchmark: start accuracy of scheduled programmes.

Runs the real communecastd on the virtual profile (ALSA file plugin paced to real time), stores a short
announcement, and adds one schedule whose programme airs AIRINGS times, SPACING seconds apart, starting a few
seconds ahead. For every airing it takes:
- the daemon's own measure: the as-run `started` time (taken just before the first frame is handed to ALSA) minus
  the scheduled second (`planned`);
- an outside upper bound: when a `communecast monitor --json` client received the play_start event, minus the
  scheduled second (this adds the event router, the socket and the client's own wake-up).

Usage: schedule_accuracy.py BIN_DIR WORK_DIR. Prints one JSON object; target p99 <= 50 ms (issue 4)."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import percentile, wait_for_socket  # noqa: E402

BIN, WORK = (os.path.abspath(arg) for arg in sys.argv[1:3])
CLI = os.path.join(BIN, "communecast")
DAEMON = os.path.join(BIN, "communecastd")
AIRINGS = int(os.environ.get("AIRINGS", "100"))
SPACING = int(os.environ.get("SPACING", "2"))
ZONE = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh, the daemon's default site zone


def cli(*args):
    result = subprocess.run([CLI, *args, "--connect", f"unix:{SOCKET}"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"communecast {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def summary(values):
    return {
        "n": len(values), "p50_ms": round(statistics.median(values), 2), "p95_ms": round(percentile(values, 0.95), 2),
        "p99_ms": round(percentile(values, 0.99), 2), "max_ms": round(max(values), 2),
        "min_ms": round(min(values), 2),
    }


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
SOCKET = os.path.join(WORK, "control.sock")
tone = os.path.join(WORK, "tone.wav")
subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone, "synth", "0.5", "sine", "660"], check=True)
log = open(os.path.join(WORK, "daemon.log"), "w")
daemon = subprocess.Popen(
    [DAEMON, "--state-dir", os.path.join(WORK, "state"), "--socket", SOCKET, "--profile", "virtual",
     "--schedules-dir", os.path.join(WORK, "schedules")],
    stdout=log, stderr=log, env={**os.environ, "COMMUNECAST_LOG_LEVEL": "notice"},
)
try:
    wait_for_socket(SOCKET)
    cli("media", "upload", tone, "--name", "bench-tone")

    received = {}
    monitor = subprocess.Popen([CLI, "monitor", "--json", "--connect", f"unix:{SOCKET}"], stdout=subprocess.PIPE,
                               text=True)

    def follow():
        for line in monitor.stdout:
            now = time.time()
            event = json.loads(line)
            if event.get("kind") == "play_start" and event.get("source") == "schedule:bench":
                received.setdefault(len(received), now)

    threading.Thread(target=follow, daemon=True).start()
    time.sleep(0.5)

    first = int(time.time()) + 6
    times = [datetime.fromtimestamp(first + i * SPACING, ZONE) for i in range(AIRINGS)]
    if times[0].date() != times[-1].date():
        raise SystemExit("the run would cross local midnight; start it a few minutes later")
    schedule = os.path.join(WORK, "bench.yaml")
    with open(schedule, "w") as f:
        f.write("programmes:\n  - id: bench\n    media: bench-tone\n    days: [mon, tue, wed, thu, fri, sat, sun]\n")
        f.write("    at: [" + ", ".join(f'"{t.strftime("%H:%M:%S")}"' for t in times) + "]\n")
    cli("schedule", "add", schedule)
    planned = [first + i * SPACING for i in range(AIRINGS)]
    deadline = planned[-1] + 10
    while time.time() < deadline:
        time.sleep(1)
        if len(received) >= AIRINGS:
            break
    entries = [e for e in json.loads(cli("log", "--limit", "10000", "--json")) if e.get("programme") == "bench"]
    monitor.terminate()

    def epoch(text):
        return datetime.fromisoformat(text).timestamp()

    aired = [e for e in entries if e.get("started")]
    daemon_ms = [(epoch(e["started"]) - epoch(e["planned"])) * 1000 for e in aired]
    monitor_ms = [(received[i] - planned[i]) * 1000 for i in sorted(received) if i < len(planned)]
    result = {
        "airings_planned": AIRINGS, "spacing_s": SPACING, "aired": len(aired),
        "not_aired": [{"planned": e["planned"], "outcome": e["outcome"], "reason": e.get("reason")}
                      for e in entries if not e.get("started")],
        "start_to_alsa": summary(daemon_ms) if daemon_ms else None,
        "start_to_monitor_client": summary(monitor_ms) if monitor_ms else None,
        "target_p99_ms": 50,
    }
    print(json.dumps(result, indent=2))
finally:
    daemon.terminate()
    daemon.wait(timeout=30)
