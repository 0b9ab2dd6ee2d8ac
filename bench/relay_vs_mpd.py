#!/usr/bin/env python3
"""Issue 18 stage 2: the CPU of a site relaying a live mount, against MPD playing the same mount in the same run.

A private Icecast 2 on a free loopback port; `communecast live --from PROGRAMME.wav` feeding `/relay.opus` (our live
source: levelling, low-delay Opus, libshout); a `communecastd` relaying it (`communecast play --stream … --duration`)
to ALSA's `null` device, paced; MPD (Debian's mpd) playing the same mount through its ALSA output on `null`. Both
play at once for DURATION seconds (default 600); each one's CPU seconds over that window come from /proc, and so do
each thread's CPU and wake-ups (voluntary context switches: how often it slept and was woken). Target (issue 18):
ours at most 1.0x MPD's.

Usage: relay_vs_mpd.py BIN_DIR WORK_DIR. Prints one JSON object."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import wait_for_socket  # noqa: E402

BIN, WORK = (os.path.abspath(arg) for arg in sys.argv[1:3])
CLI = os.path.join(BIN, "communecast")
DAEMON = os.path.join(BIN, "communecastd")
DURATION = float(os.environ.get("DURATION", "600"))
WARMUP = 10.0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def threads(pid):
    """Each thread's name, CPU seconds and voluntary context switches, from /proc; threads of one name are summed."""
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except FileNotFoundError:
            continue
        name = status["Name"].strip()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        switches = int(status["voluntary_ctxt_switches"])
        total = found.setdefault(name, [0.0, 0])
        total[0] += cpu
        total[1] += switches
    return found


def thread_use(before, after, wall):
    """Per thread name over the window: CPU seconds and wake-ups a second, busiest first (threads under 1 % left out
    of the list, not of the process's total)."""
    use = {}
    for name, (cpu, switches) in after.items():
        cpu0, switches0 = before.get(name, (0.0, 0))
        use[name] = {"cpu_s": round(cpu - cpu0, 2), "wakeups_per_s": round((switches - switches0) / wall, 1)}
    total = sum(entry["cpu_s"] for entry in use.values()) or 1
    return dict(sorted(((name, entry) for name, entry in use.items() if entry["cpu_s"] / total >= 0.01),
                       key=lambda item: -item[1]["cpu_s"]))


def wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def start_icecast(port):
    root = os.path.join(WORK, "icecast")
    os.makedirs(root, exist_ok=True)
    os.chmod(WORK, 0o755)
    os.chmod(root, 0o755)
    owner = "<changeowner><user>icecast2</user><group>icecast</group></changeowner>" if os.getuid() == 0 else ""
    conf = os.path.join(root, "icecast.xml")
    with open(conf, "w") as f:
        f.write(f"""<icecast>
  <limits><clients>100</clients><sources>10</sources><queue-size>524288</queue-size>
    <burst-size>0</burst-size><source-timeout>10</source-timeout></limits>
  <authentication><source-password>bench-source</source-password>
    <admin-user>admin</admin-user><admin-password>bench-admin</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>{root}</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>3</loglevel></logging>
  <security><chroot>0</chroot>{owner}</security>
</icecast>
""")
    process = subprocess.Popen(["icecast2", "-c", conf], stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(root, "stderr.log"), "w"))
    wait(lambda: status(port) is not None, 30, "icecast2")
    return process


def status(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/status-json.xsl", timeout=1) as answer:
            return json.loads(answer.read().decode("utf-8", "replace"))
    except (OSError, ValueError):
        return None


def has_source(port, mount):
    sources = ((status(port) or {}).get("icestats") or {}).get("source") or []
    if isinstance(sources, dict):
        sources = [sources]
    return any(str(source.get("listenurl", "")).endswith(mount) for source in sources)


def main():
    os.makedirs(WORK, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/relay.opus"
    processes = []
    try:
        processes.append(start_icecast(port))
        programme = os.path.join(WORK, "programme.wav")
        # Speech-band content for the encoder and decoders: pink noise shaped to 300-3400 Hz, at a speaking level.
        subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", programme, "synth", str(DURATION + 120), "pinknoise",
                        "sinc", "300-3400", "vol", "0.3"], check=True)
        password = os.path.join(WORK, "source-password")
        with open(password, "w") as f:
            f.write("bench-source\n")
        source = subprocess.Popen([CLI, "live", "--mount", url, "--from", programme, "--password-file", password],
                                  stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "live.log"), "w"))
        processes.append(source)
        wait(lambda: has_source(port, "/relay.opus"), 60, "the live source on /relay.opus")

        state = os.path.join(WORK, "site")
        os.makedirs(state, exist_ok=True)
        profile = os.path.join(state, "profile.yaml")
        with open(profile, "w") as f:
            f.write('pcm:\n  device: "null"\n  pace: always\namplifier:\n  holdoff_s: 600\n'
                    "attention_tone:\n  seconds: 0\n")
        sock = os.path.join(state, "control.sock")
        daemon = subprocess.Popen([DAEMON, "--state-dir", os.path.join(state, "state"), "--socket", sock,
                                   "--profile", profile], stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(state, "daemon.log"), "w"))
        processes.append(daemon)
        wait_for_socket(sock)
        env = dict(os.environ, COMMUNECAST_CONNECT="unix:" + sock)
        subprocess.run([CLI, "play", "--stream", url, "--duration", str(int(DURATION + 60))], env=env, check=True,
                       capture_output=True)

        root = os.path.join(WORK, "mpd")
        os.makedirs(os.path.join(root, "music"), exist_ok=True)
        mpd_sock = os.path.join(root, "mpd.sock")
        conf = os.path.join(root, "mpd.conf")
        with open(conf, "w") as f:
            f.write(f'music_directory "{root}/music"\ndb_file "{root}/db"\nbind_to_address "{mpd_sock}"\n'
                    f'log_file "{root}/log"\naudio_output {{\n  type "alsa"\n  name "alsa-null"\n'
                    f'  device "null"\n}}\n')
        mpd = subprocess.Popen(["mpd", "--no-daemon", "--stderr", conf], stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(root, "stderr.log"), "w"))
        processes.append(mpd)
        wait_for_socket(mpd_sock)
        subprocess.run(["mpc", "--host", mpd_sock, "add", url], check=True, capture_output=True)
        subprocess.run(["mpc", "--host", mpd_sock, "play"], check=True, capture_output=True)

        time.sleep(WARMUP)
        health = json.loads(subprocess.run([CLI, "health", "--json"], env=env, check=True, capture_output=True,
                                           text=True).stdout)
        playing = (health.get("now_playing") or {}).get("stream") or {}
        if playing.get("state") != "playing":
            raise SystemExit(f"the site is not relaying: {health.get('now_playing')}")
        ours_before, theirs_before, started = cpu_seconds(daemon.pid), cpu_seconds(mpd.pid), time.monotonic()
        our_threads, their_threads = threads(daemon.pid), threads(mpd.pid)
        time.sleep(DURATION)
        ours, theirs = cpu_seconds(daemon.pid) - ours_before, cpu_seconds(mpd.pid) - theirs_before
        wall = time.monotonic() - started
        our_threads = thread_use(our_threads, threads(daemon.pid), wall)
        their_threads = thread_use(their_threads, threads(mpd.pid), wall)
        health = json.loads(subprocess.run([CLI, "health", "--json"], env=env, check=True, capture_output=True,
                                           text=True).stdout)
        mpd_status = subprocess.run(["mpc", "--host", mpd_sock, "status"], capture_output=True, text=True).stdout
        print(json.dumps({
            "duration_s": round(wall, 1),
            "communecastd": {"cpu_s": round(ours, 2), "cpu_percent": round(100 * ours / wall, 2),
                             "stream": (health.get("now_playing") or {}).get("stream"), "threads": our_threads},
            "mpd": {"cpu_s": round(theirs, 2), "cpu_percent": round(100 * theirs / wall, 2),
                    "playing": "[playing]" in mpd_status, "threads": their_threads},
            "ratio": round(ours / max(theirs, 1e-9), 2),
            "machine": {"cpus": os.cpu_count(), "load": os.getloadavg()},
        }, indent=2))
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


main()
