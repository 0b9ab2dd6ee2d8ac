#!/usr/bin/env python3
"""Issue 3 benchmarks: communecastd against MPD (Debian's mpd package) in the same run.

1. Control round trips: sequential GetHealth calls over the Unix socket vs MPD `status` over its Unix socket, each
   with the same minimal raw-socket client written here (send a request, read to the reply terminator), in batches
   of BATCH calls that alternate between the two servers (ROUND_TRIPS calls each); also each server's CPU per call.
   `round_trips_lean` makes the same calls with the C client `round_trip_client.c` (compiled with `cc` into
   WORK_DIR), whose own cost per call is a fraction of the Python client's, so the rates are the servers'.
2. Alert latency: from starting `communecast alert push` to the alert's first frame as listeners hear it (the
   as-run `started` time: when its first frame was handed to ALSA plus the audio still queued ahead of it), p50 and
   p99 over N pushes. Idle (`--no-tone`, nothing playing), and cutting into a playing announcement (attention signal
   on), on three devices: `file` (paced; rewinds for real), `null` (paced; rewinds within the pacer's model) and
   ALSA's `rate` converter over `null`, which cannot rewind, so the queued audio plays out before the fade.
3. Footprint: daemon RSS idle and while playing, and CPU seconds to play 10 minutes of Opus unpaced to ALSA `null`,
   against MPD playing the same file through its ALSA output on `null`.

Usage: daemon_vs_mpd.py BIN_DIR OPUS_10MIN WORK_DIR. Prints one JSON object. PARTS (comma-separated, default all)
picks parts: `round_trips`, `round_trips_lean`, `alert_latency`, `footprint`, or `idle_rss` (part 3's idle RSS
alone, without the ten-minute plays).

Placement: on a virtual machine a wake-up across vCPUs costs far more than one on the same vCPU, and which one each
server gets in part 1 is the scheduler's choice, not the server's. CLIENT_CPUS and SERVER_CPUS (taskset lists, for
example `0`) pin the clients (this script and the C client) and both servers, so that both servers are measured
with the same placement: the same CPU for both (CLIENT_CPUS=0 SERVER_CPUS=0) or always across (0 and 1)."""
import json
import os
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import wait_for_socket  # noqa: E402
from datetime import datetime

BIN, OPUS, WORK = (os.path.abspath(arg) for arg in sys.argv[1:4])
CLI = os.path.join(BIN, "communecast")
DAEMON = os.path.join(BIN, "communecastd")
ROUND_TRIPS = int(os.environ.get("ROUND_TRIPS", "20000"))
BATCH = int(os.environ.get("BATCH", "500"))
PUSHES = int(os.environ.get("PUSHES", "50"))
PARTS = set(os.environ.get("PARTS", "round_trips,round_trips_lean,alert_latency,footprint").split(","))
CLIENT_CPUS = os.environ.get("CLIENT_CPUS")
SERVER_CPUS = os.environ.get("SERVER_CPUS")
SERVER_PREFIX = ["taskset", "-c", SERVER_CPUS] if SERVER_CPUS else []


def cpu_list(text):
    """The CPUs of a taskset list such as `0` or `0-1,3`."""
    cpus = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        cpus.update(range(int(low), int(high or low) + 1))
    return cpus


if CLIENT_CPUS:
    os.sched_setaffinity(0, cpu_list(CLIENT_CPUS))  # the C client, started from here, inherits it




def read_until(sock, terminator, buffer):
    while terminator not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("connection closed")
        buffer += chunk
    index = buffer.index(terminator) + len(terminator)
    return buffer[:index], buffer[index:]


class RoundTrips:
    """One connection of the minimal client: send a request, read to the reply's terminator."""

    def __init__(self, path, request, terminator, greeting=None):
        self.socket = socket.socket(socket.AF_UNIX)
        self.socket.connect(path)
        self.request, self.terminator, self.buffer = request, terminator, b""
        if greeting:
            _, self.buffer = read_until(self.socket, greeting, self.buffer)

    def run(self, calls):
        """Makes `calls` sequential calls; returns the seconds they took."""
        start = time.perf_counter()
        for _ in range(calls):
            self.socket.sendall(self.request)
            _, self.buffer = read_until(self.socket, self.terminator, self.buffer)
        return time.perf_counter() - start


def compare_round_trips(servers):
    """Alternates batches of calls between the servers, so that a shared machine's changing load falls on each
    alike; returns, per server, calls per second over all its batches and the server's CPU microseconds per call.
    `servers` maps a name to (pid, RoundTrips)."""
    elapsed = {name: 0.0 for name in servers}
    for _, client in servers.values():
        client.run(200)  # warm-up
    cpu_before = {name: proc_stat(pid)[0] for name, (pid, _) in servers.items()}
    for _ in range(ROUND_TRIPS // BATCH):
        for name, (_, client) in servers.items():
            elapsed[name] += client.run(BATCH)
    calls = ROUND_TRIPS // BATCH * BATCH
    return {name: (calls / elapsed[name], (proc_stat(pid)[0] - cpu_before[name]) / calls * 1e6)
            for name, (pid, _) in servers.items()}


def proc_stat(pid):
    """(cpu seconds, rss bytes) of a process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
    return cpu, rss


def cli(*args):
    env = dict(os.environ, COMMUNECAST_CONNECT="unix:" + DAEMON_SOCKET)
    return subprocess.run([CLI, *args], env=env, check=True, capture_output=True, text=True).stdout


def as_run():
    return json.loads(cli("log", "--limit", "10000", "--json"))


def start_daemon(name, device, pace, tone_seconds=0, asoundrc=None):
    state = os.path.join(WORK, name)
    os.makedirs(state, exist_ok=True)
    profile = os.path.join(state, "profile.yaml")
    with open(profile, "w") as f:
        f.write(f'pcm:\n  device: "{device}"\n  pace: {pace}\namplifier:\n  holdoff_s: 600\n'
                f"attention_tone:\n  seconds: {tone_seconds}\n")
    env = dict(os.environ)
    if asoundrc:  # ALSA reads ~/.asoundrc: a private HOME defines PCMs for this daemon only
        env["HOME"] = state
        with open(os.path.join(state, ".asoundrc"), "w") as f:
            f.write(asoundrc)
    sock = os.path.join(state, "control.sock")
    log = open(os.path.join(state, "daemon.log"), "w")
    process = subprocess.Popen([*SERVER_PREFIX, DAEMON, "--state-dir", os.path.join(state, "state"),
                                "--socket", sock, "--profile", profile], stdout=log, stderr=log, env=env)
    wait_for_socket(sock)
    return process, sock


def percentiles(latencies):
    latencies = sorted(latencies)
    return {"p50": round(statistics.median(latencies), 1),
            "p99": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
            "max": round(latencies[-1], 1), "n": len(latencies)}


def ended_entry(source):
    while True:
        entry = next((e for e in as_run() if e["source"] == source and e.get("ended")), None)
        if entry:
            return entry
        time.sleep(0.02)


def short_alert_media():
    """The alerts' media, a 0.3 s chime, made once in WORK; its path."""
    path = os.path.join(WORK, "short.opus")
    if not os.path.exists(path):
        subprocess.run([CLI, "media", "tone", "--kind", "chime", "--seconds", "0.3", path], check=True,
                       capture_output=True)
    return path


def preemption_latency(name, device, asoundrc=None):
    """Alert latency while an announcement plays: CLI start to the attention signal's first frame heard, after the
    announcement's fade-out (and, on a device that cannot rewind, after the audio it still held)."""
    global DAEMON_SOCKET
    daemon, DAEMON_SOCKET = start_daemon(name, device, "always", tone_seconds=0.3, asoundrc=asoundrc)
    cli("media", "upload", short_alert_media(), "--name", "short")
    cli("media", "upload", OPUS, "--name", "announcement")
    cli("play", "announcement", "--on-preempt", "resume")
    latencies = []
    for index in range(PUSHES):
        # Push only once the announcement has been back on air for a while, so every push cuts into it.
        while True:
            entries = [e for e in as_run() if e["source"].startswith("play:") and e.get("started")]
            latest = max(entries, key=lambda e: e["started"], default=None)
            if latest and not latest.get("ended") and time.time() - datetime.fromisoformat(
                    latest["started"]).timestamp() > 0.4:
                break
            time.sleep(0.05)
        alert_id = f"preempt-{index}-{time.time_ns()}"
        begin = time.time()
        cli("alert", "push", "--media", "short", "--id", alert_id)
        entry = ended_entry("alert:" + alert_id)
        latencies.append((datetime.fromisoformat(entry["started"]).timestamp() - begin) * 1000)
    daemon.terminate()
    daemon.wait()
    return percentiles(latencies)


def start_mpd(output_block):
    root = os.path.join(WORK, "mpd")
    music = os.path.join(root, "music")
    os.makedirs(music, exist_ok=True)
    if not os.path.lexists(os.path.join(music, "speech.opus")):
        os.symlink(os.path.abspath(OPUS), os.path.join(music, "speech.opus"))
    sock = os.path.join(root, "mpd.sock")
    conf = os.path.join(root, "mpd.conf")
    with open(conf, "w") as f:
        f.write(f'music_directory "{music}"\ndb_file "{root}/db"\nstate_file "{root}/state"\n'
                f'pid_file "{root}/pid"\nbind_to_address "{sock}"\nlog_file "{root}/log"\n'
                f'{output_block}\n')
    for stale in ("db", "state", "pid"):
        try:
            os.remove(os.path.join(root, stale))
        except FileNotFoundError:
            pass
    # Debian's mpd.conf sets a user, which MPD refuses to change to when started as that user already; ours sets
    # none. The --stderr output goes to the log for diagnosis.
    process = subprocess.Popen([*SERVER_PREFIX, "mpd", "--no-daemon", "--stderr", conf], stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(root, "stderr.log"), "w"))
    wait_for_socket(sock)
    return process, sock


def mpc(sock, *args):
    return subprocess.run(["mpc", "--host", sock, *args], check=True, capture_output=True, text=True).stdout


results = {"placement": {"client_cpus": CLIENT_CPUS or "any", "server_cpus": SERVER_CPUS or "any"}}


def round_trips(daemon, mpd, mpd_sock):
    rates = compare_round_trips({
        "ours": (daemon.pid, RoundTrips(DAEMON_SOCKET,
                                        b'{"method":"io.communecast.Site.GetHealth","parameters":{}}\0', b"\0")),
        "mpd": (mpd.pid, RoundTrips(mpd_sock, b"status\n", b"\nOK\n", greeting=b"\n")),
    })
    (ours, our_cpu), (theirs, their_cpu) = rates["ours"], rates["mpd"]
    results["round_trips_per_s"] = {"communecastd_GetHealth": round(ours), "mpd_status": round(theirs),
                                    "ratio": round(ours / theirs, 3),
                                    "server_cpu_us_per_call": {"communecastd": round(our_cpu, 2),
                                                               "mpd": round(their_cpu, 2)}}


def round_trips_lean(daemon, mpd, mpd_sock):
    """Part 1 with the C client: the same calls, batches and alternation, without the Python client's overhead."""
    client = os.path.join(WORK, "round_trip_client")
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "round_trip_client.c")
    subprocess.run(["cc", "-O2", "-o", client, source], check=True)
    cpu_before = {name: proc_stat(pid)[0] for name, pid in (("ours", daemon.pid), ("mpd", mpd.pid))}
    output = subprocess.run([client, DAEMON_SOCKET, mpd_sock, str(ROUND_TRIPS), str(BATCH)], check=True,
                            capture_output=True, text=True).stdout
    rates = json.loads(output)
    calls = ROUND_TRIPS // BATCH * BATCH + 200  # the warm-up's calls are in the CPU figures too
    cpu = {name: (proc_stat(pid)[0] - cpu_before[name]) / calls * 1e6
           for name, pid in (("ours", daemon.pid), ("mpd", mpd.pid))}
    results["round_trips_lean_client_per_s"] = {
        "communecastd_GetHealth": round(rates["ours"]), "mpd_status": round(rates["mpd"]),
        "ratio": round(rates["ours"] / rates["mpd"], 3),
        "server_cpu_us_per_call": {"communecastd": round(cpu["ours"], 2), "mpd": round(cpu["mpd"], 2)}}


def alert_latency():
    cli("media", "upload", short_alert_media(), "--name", "short")
    latencies = []
    for index in range(PUSHES):
        alert_id = f"latency-{index}-{time.time_ns()}"
        begin = time.time()
        cli("alert", "push", "--media", "short", "--id", alert_id, "--no-tone")
        entry = ended_entry("alert:" + alert_id)
        latencies.append((datetime.fromisoformat(entry["started"]).timestamp() - begin) * 1000)
    results["alert_latency_ms"] = percentiles(latencies)


# 1 + 2: a paced daemon on the null device (real-time like a sound card), and MPD with a null output.
if PARTS & {"round_trips", "round_trips_lean", "alert_latency"}:
    daemon, DAEMON_SOCKET = start_daemon("latency", "null", "always")
    mpd, mpd_sock = start_mpd('audio_output {\n  type "null"\n  name "null"\n}')
    if "round_trips" in PARTS:
        round_trips(daemon, mpd, mpd_sock)
    if "round_trips_lean" in PARTS:
        round_trips_lean(daemon, mpd, mpd_sock)
    if "alert_latency" in PARTS:
        alert_latency()
    daemon.terminate()
    daemon.wait()
    mpd.terminate()
    mpd.wait()

if "alert_latency" in PARTS:
    capture = os.path.join(WORK, "preempt-file.wav")
    results["alert_latency_cutting_in_ms"] = {
        "file_rewinds": preemption_latency("preempt-file", f"file:FILE={capture},FORMAT=wav"),
        "null_rewinds": preemption_latency("preempt-null", "null"),
        "rate_cannot_rewind": preemption_latency(
            "preempt-rate", "norewind", asoundrc='pcm.norewind { type rate slave { pcm "null" rate 44100 } }\n'),
    }

def idle_mpd():
    """MPD with its ALSA output on `null`, its database updated, after a second's rest: (process, socket, RSS)."""
    mpd, mpd_sock = start_mpd('audio_output {\n  type "alsa"\n  name "alsa-null"\n  device "null"\n}')
    mpc(mpd_sock, "update", "--wait")
    time.sleep(1)
    return mpd, mpd_sock, proc_stat(mpd.pid)[1]


# 3: footprint — unpaced to ALSA null.
if PARTS & {"footprint", "idle_rss"}:
    daemon, DAEMON_SOCKET = start_daemon("footprint", "null", "never")
    time.sleep(1)
    _, idle_rss = proc_stat(daemon.pid)
if "idle_rss" in PARTS and "footprint" not in PARTS:
    daemon.terminate()
    daemon.wait()
    mpd, _, mpd_idle_rss = idle_mpd()
    mpd.terminate()
    mpd.wait()
    results["footprint"] = {"communecastd": {"idle_rss_mib": round(idle_rss / 2**20, 1)},
                            "mpd": {"idle_rss_mib": round(mpd_idle_rss / 2**20, 1)},
                            "ratios": {"idle_rss": round(idle_rss / mpd_idle_rss, 2)}}
if "footprint" in PARTS:
    cli("media", "upload", OPUS, "--name", "ten-minutes")
    time.sleep(0.5)
    cpu_before, _ = proc_stat(daemon.pid)
    cli("play", "ten-minutes")
    peak_rss = 0
    while True:
        _, rss = proc_stat(daemon.pid)
        peak_rss = max(peak_rss, rss)
        if any(e["outcome"] == "aired" for e in as_run()):
            break
        time.sleep(0.25)  # polling costs the daemon CPU too; keep it rare

    cpu_after, _ = proc_stat(daemon.pid)
    daemon.terminate()
    daemon.wait()

    mpd, mpd_sock, mpd_idle_rss = idle_mpd()
    mpd_cpu_before, _ = proc_stat(mpd.pid)
    mpc(mpd_sock, "add", "speech.opus")
    mpc(mpd_sock, "play")
    mpd_peak = 0
    started = time.time()
    while "[playing]" in mpc(mpd_sock, "status") and time.time() - started < 900:
        _, rss = proc_stat(mpd.pid)
        mpd_peak = max(mpd_peak, rss)
        time.sleep(0.25)
    mpd_cpu_after, _ = proc_stat(mpd.pid)
    mpd_wall = time.time() - started
    mpd.terminate()
    mpd.wait()

    results["footprint"] = {
        "communecastd": {"idle_rss_mib": round(idle_rss / 2**20, 1), "playing_rss_mib": round(peak_rss / 2**20, 1),
                         "cpu_s_10min_unpaced": round(cpu_after - cpu_before, 2)},
        "mpd": {"idle_rss_mib": round(mpd_idle_rss / 2**20, 1), "playing_rss_mib": round(mpd_peak / 2**20, 1),
                "cpu_s_10min": round(mpd_cpu_after - mpd_cpu_before, 2), "wall_s": round(mpd_wall, 1)},
    }
    results["footprint"]["ratios"] = {
        "idle_rss": round(idle_rss / mpd_idle_rss, 2),
        "playing_rss": round(peak_rss / max(mpd_peak, 1), 2),
        "cpu": round((cpu_after - cpu_before) / max(mpd_cpu_after - mpd_cpu_before, 1e-9), 2),
    }
print(json.dumps(results, indent=2))
