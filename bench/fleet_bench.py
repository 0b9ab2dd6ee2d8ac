#!/usr/bin/env python3
"""Issue 5 benchmarks: the CLI's fan-out against SITES real communecastd daemons over mutual TLS on loopback.

1. Health sweep: `communecast health --inventory … --all` (and `fleet health`), wall time, cold and warm.
2. Emergency push of a 60-second announcement to every site: `communecast alert push FILE --all`, which uploads the
   file to each site (the site stores it as broadcast media) and pushes the alert, wall time until every site has
   acknowledged. Twice: from the recorded WAV (the CLI encodes it once, then uploads), and from the announcement
   prepared beforehand with `communecast media encode` (uploaded as it is).
3. The CLI's peak RSS in each case (GNU time's maximum resident set size), and where the CPU went: the CLI's user +
   system time, and the daemons' together from /proc during the push. Each push starts after the previous alert has
   finished playing everywhere.

The daemons run on a `null` ALSA device paced to real time, with the test PKI of docs/security.md. Usage:
fleet_bench.py BIN_DIR WORK_DIR. Prints one JSON object. Targets (issue 5): sweep <= 1.0 s, push <= 2.0 s."""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

BIN, WORK = (os.path.abspath(arg) for arg in sys.argv[1:3])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(BIN, "communecast")
DAEMON = os.path.join(BIN, "communecastd")
SITES = int(os.environ.get("SITES", "100"))
BASE_PORT = int(os.environ.get("BASE_PORT", "27400"))
SWEEPS = int(os.environ.get("SWEEPS", "5"))


LAST_CLI_CPU = [0.0]


def run_cli(args, env=None):
    """Runs the CLI under GNU time; returns (seconds, exit status, stdout, peak RSS in KiB). The CLI's CPU seconds
    (user + system) are left in LAST_CLI_CPU[0]."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", CLI, *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    rss, user, system = result.stderr.strip().splitlines()[-1].split()
    LAST_CLI_CPU[0] = float(user) + float(system)
    return seconds, result.returncode, result.stdout, int(rss)


def daemons_cpu():
    """CPU seconds (user + system) used so far by all the daemons together."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for daemon in daemons:
        with open(f"/proc/{daemon.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def wait_for_port(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listening on port {port}")


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
pki = os.path.join(WORK, "pki")
subprocess.run(["bash", os.path.join(ROOT, "scripts/make-test-pki.sh"), pki], check=True, capture_output=True)
acl = os.path.join(WORK, "acl.yaml")
with open(acl, "w") as f:
    f.write("clients:\n  - {cn: so-tt-an-giang, role: provincial}\n")
profile = os.path.join(WORK, "bench-profile.yaml")
with open(profile, "w") as f:
    f.write("name: bench-null\npcm:\n  device: \"null\"\n  channels: 1\n  pace: always\n"
            "amplifier:\n  holdoff_s: 5\nattention_tone:\n  seconds: 1\n")

daemons = []
inventory = os.path.join(WORK, "province.yaml")
with open(inventory, "w") as inv:
    inv.write(f"defaults:\n  cert: {pki}/so-tt-an-giang.pem\n  key: {pki}/so-tt-an-giang.key\n"
              f"  ca: {pki}/province-ca.pem\nsites:\n")
    for index in range(SITES):
        site = os.path.join(WORK, f"site-{index:03d}")
        os.makedirs(site)
        port = BASE_PORT + index
        with open(os.path.join(site, "communecastd.yaml"), "w") as f:
            f.write(f"site: {{name: site-{index:03d}, commune_code: \"{30000 + index}\"}}\n"
                    f"tls:\n  listen: \"127.0.0.1:{port}\"\n  cert: {pki}/test-site.pem\n"
                    f"  key: {pki}/test-site.key\n  client_ca: {pki}/province-ca.pem\n  acl: {acl}\n")
        log = open(os.path.join(site, "daemon.log"), "w")
        daemons.append(subprocess.Popen(
            [DAEMON, "--config", os.path.join(site, "communecastd.yaml"), "--state-dir", os.path.join(site, "state"),
             "--socket", os.path.join(site, "control.sock"), "--profile", profile,
             "--schedules-dir", os.path.join(site, "schedules")],
            stdout=log, stderr=log, env={**os.environ, "COMMUNECAST_LOG_LEVEL": "warning"}))
        inv.write(f"  - {{name: site-{index:03d}, commune: \"{30000 + index}\", "
                  f"address: \"tls:127.0.0.1:{port}\", tags: [bench]}}\n")

result = {"sites": SITES}
try:
    started = time.perf_counter()
    for index in range(SITES):
        wait_for_port(BASE_PORT + index)
    result["daemons_start_s"] = round(time.perf_counter() - started, 2)
    time.sleep(2)
    env = {"XDG_CACHE_HOME": os.path.join(WORK, "cache")}

    sweeps = []
    for attempt in range(SWEEPS + 1):
        seconds, status, out, rss = run_cli(["health", "--inventory", inventory, "--all", "--json"], env)
        ok = sum(1 for r in json.loads(out) if r["result"] == "ok")
        sweeps.append({"seconds": round(seconds, 3), "exit": status, "ok": ok, "peak_rss_kib": rss})
    result["health_sweep"] = {
        "cold": sweeps[0], "warm": sweeps[1:],
        "warm_median_s": round(statistics.median(s["seconds"] for s in sweeps[1:]), 3),
        "warm_max_s": max(s["seconds"] for s in sweeps[1:]),
        "target_s": 1.0,
    }
    seconds, status, out, rss = run_cli(["fleet", "health", "--inventory", inventory, "--json"], env)
    result["fleet_health"] = {"seconds": round(seconds, 3), "exit": status, "peak_rss_kib": rss,
                              "rows": len(json.loads(out))}

    speech = os.path.join(WORK, "speech.wav")
    announcement = os.path.join(WORK, "bao-khan-60s.wav")
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "140", "-w", speech,
                    "Thông báo khẩn cấp. Lũ trên sông Hậu đang lên nhanh. Đề nghị bà con vùng trũng thấp di dời "
                    "ngay đến nơi an toàn, mang theo giấy tờ và thuốc men. " * 8], check=True)
    subprocess.run(["sox", speech, "-r", "16000", "-c", "1", announcement, "repeat", "5", "trim", "0", "60"],
                   check=True, capture_output=True)
    duration = float(subprocess.run(["soxi", "-D", announcement], capture_output=True, text=True).stdout)
    prepared = os.path.join(WORK, "bao-khan-60s.opus")
    subprocess.run([CLI, "media", "encode", announcement, prepared], check=True, capture_output=True)

    def push(source, attempt, stored):
        # Let the previous alert finish on every site (60 s of audio), so each push starts from idle daemons.
        time.sleep(62 if attempt or source == announcement else 0)
        before = daemons_cpu()
        seconds, status, out, rss = run_cli(
            ["alert", "push", source, "--id", f"bench-{os.path.basename(source)}-{attempt}", "--no-tone",
             "--expires", "10m", "--inventory", inventory, "--all", "--json"], env)
        replies = json.loads(out)
        return {
            "seconds": round(seconds, 3), "exit": status, "peak_rss_kib": rss,
            "ok": sum(1 for r in replies if r["result"] == "ok"),
            "slowest_site_s": max(r["seconds"] for r in replies),
            "media_already_stored": stored,
            "cli_cpu_s": round(LAST_CLI_CPU[0], 2),
            # Includes the start of playback on the sites that already acknowledged.
            "daemons_cpu_s_during_push": round(daemons_cpu() - before, 2),
        }

    from_prepared = [push(prepared, attempt, attempt > 0) for attempt in range(3)]
    from_wav = [push(announcement, attempt, attempt > 0) for attempt in range(3)]
    result["emergency_push_60s"] = {
        "announcement_s": duration, "wav_bytes": os.path.getsize(announcement),
        "opus_bytes": os.path.getsize(prepared),
        "from_prepared_opus": from_prepared, "from_wav_encoded_by_cli": from_wav, "target_s": 2.0,
    }
    print(json.dumps(result, indent=2))
finally:
    for daemon in daemons:
        daemon.terminate()
    for daemon in daemons:
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
