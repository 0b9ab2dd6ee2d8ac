#!/usr/bin/env python3
"""Issue 15 benchmark: an emergency push to SITES real communecastd daemons, through the call-home broker against
today's direct TLS fan-out, in the same run.

Every daemon has a TLS listener (the direct path, as bench/fleet_bench.py) and an uplink to one Mosquitto configured
from docs/call-home.md (scripts/make-test-broker.sh), with its own uplink certificate and `media_host` set to an
nginx media host on loopback configured from docs/call-home.md's own block, as the tests' MediaHost: the sites GET
over plain HTTP, the office PUTs only over mutual TLS with its staff certificate (a PUT on the plain port, or
without a staff certificate, is refused: the bench checks it before it starts). The push is the same
signed emergency (drafted and approved beforehand with `alert draft` and `alert approve`), naming a 60 s announcement
prepared with `media encode` that no site holds yet:

- direct: `media upload FILE --inventory --all` (the file to every site over TLS), then `alert send FILE.jws
  --inventory --all`;
- broker: `media upload FILE --media-host URL --via` (the file once, to the media host), then `alert send FILE.jws
  --via --media-host URL --group p-89`, which returns when every site has fetched the media, verified the alert and
  said so on its event topic.

Wall time is the two commands' together, until every site has answered. Office bytes are every byte the CLI sends
(TLS included), counted by TCP relays in front of the sites, the broker and the media host; the direct path is timed
once without relays (wall time) and once through them (bytes), the broker path likewise, each with its own
announcement so no site holds it yet. Each push starts after the previous one has finished playing everywhere.

Usage: callhome_daemons.py BIN_DIR WORK_DIR (SITES=100). Prints one JSON object. Needs mosquitto, nginx-light,
espeak-ng, sox, and the Python packages paho-mqtt and cryptography (scripts/install-deps.sh).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from callhome_load import Broker, CountingRelay, free_port, make_site_certificates, site_name  # noqa: E402

BIN, WORK = (pathlib.Path(arg).resolve() for arg in sys.argv[1:3])
ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI, DAEMON = str(BIN / "communecast"), str(BIN / "communecastd")
SITES = int(os.environ.get("SITES", "100"))
GROUP = "p-89"
PAUSE = int(os.environ.get("PAUSE", "65"))


def nginx(directory):
    """Starts nginx with docs/call-home.md's media-host block (GET and HEAD for all on the plain port, PUT only over
    mutual TLS from a staff certificate), as CommuneCastTesting's MediaHost does, with this run's ports and files;
    returns (process, plain port, TLS port)."""
    port, tls_port = free_port(), free_port()
    for sub in ("root/media", "tmp"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    text = (ROOT / "docs/call-home.md").read_text()
    start = text.index("```conf\n# media-host: nginx\n") + len("```conf\n")
    block = text[start:text.index("\n```", start)]
    values = {"ssl_certificate": pki / "broker.pem", "ssl_certificate_key": pki / "broker.key",
              "ssl_client_certificate": pki / "province-ca.pem", "root": directory / "root"}
    lines = []
    for line in block.split("\n"):
        words = line.split()
        indent = line[:len(line) - len(line.lstrip(" "))]
        if words[:1] == ["listen"]:
            address = f"127.0.0.1:{port}" if len(words) == 2 else f"127.0.0.1:{tls_port} ssl"
            line = f"{indent}listen {address};"
        elif words and words[0] in values:
            line = f"{indent}{words[0]} {values[words[0]]};"
        lines.append(line)
    body = "\n".join(lines)
    (directory / "nginx.conf").write_text(f"""daemon off;
master_process off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {directory}/tmp/body;
    proxy_temp_path {directory}/tmp/proxy;
    fastcgi_temp_path {directory}/tmp/fastcgi;
    uwsgi_temp_path {directory}/tmp/uwsgi;
    scgi_temp_path {directory}/tmp/scgi;
    access_log off;
{body}
}}
""")
    process = subprocess.Popen(["nginx", "-c", str(directory / "nginx.conf"), "-p", str(directory)])
    wait_for(lambda: port_open(port) and port_open(tls_port), 60, "nginx")
    return process, port, tls_port


def port_open(port):
    import socket
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def cli(*args):
    """Runs the CLI; returns (seconds, exit status, stdout)."""
    started = time.perf_counter()
    result = subprocess.run([CLI, *args, *STAFF], capture_output=True, text=True)
    if result.returncode not in (0, 3):
        print(result.stdout, result.stderr, file=sys.stderr)
    return time.perf_counter() - started, result.returncode, result.stdout


shutil.rmtree(WORK, ignore_errors=True)
WORK.mkdir(parents=True)
pki = WORK / "pki"
subprocess.run(["bash", str(ROOT / "scripts/make-test-pki.sh"), str(pki)], check=True, capture_output=True)
make_site_certificates(pki, SITES)
STAFF = ["--cert", str(pki / "so-tt-an-giang.pem"), "--key", str(pki / "so-tt-an-giang.key"),
         "--ca", str(pki / "province-ca.pem")]
broker = Broker(WORK / "broker", pki)
broker.start()
media_process, media_port, media_tls_port = nginx(WORK / "media")
try:
    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{media_port}/media/probe", data=b"x",
                                                  method="PUT"), timeout=30)
    sys.exit("callhome_daemons.py: the media host took a plain-HTTP PUT; it must refuse it (docs/call-home.md)")
except urllib.error.HTTPError as error:
    if error.code != 403:
        raise
acl = WORK / "acl.yaml"
acl.write_text("clients:\n  - {cn: so-tt-an-giang, role: provincial}\n  - {cn: pho-giam-doc, role: provincial}\n")
profile = WORK / "bench-profile.yaml"
profile.write_text("name: bench-null\npcm:\n  device: \"null\"\n  channels: 1\n  pace: always\n"
                   "amplifier:\n  holdoff_s: 5\nattention_tone:\n  seconds: 1\n")

ports = [free_port() for _ in range(SITES)]
relays = [CountingRelay(port) for port in ports]
daemons = []
for index, port in enumerate(ports):
    name, site = site_name(index), WORK / f"site-{index:03d}"
    site.mkdir()
    (site / "communecastd.yaml").write_text(
        f"site: {{name: {name}, commune_code: \"{30000 + index}\"}}\n"
        f"tls:\n  listen: \"127.0.0.1:{port}\"\n  cert: {pki}/test-site.pem\n  key: {pki}/test-site.key\n"
        f"  client_ca: {pki}/province-ca.pem\n  acl: {acl}\n"
        f"alerts:\n  tags: [bench]\n"
        f"uplink:\n  brokers: [\"mqtts://localhost:{broker.port}\"]\n  cert: {pki}/sites/{name}.pem\n"
        f"  key: {pki}/sites/{name}.key\n  groups: [{GROUP}]\n  media_host: http://127.0.0.1:{media_port}\n")
    log = open(site / "daemon.log", "w")
    daemons.append(subprocess.Popen(
        [DAEMON, "--config", str(site / "communecastd.yaml"), "--state-dir", str(site / "state"),
         "--socket", str(site / "control.sock"), "--profile", str(profile), "--schedules-dir", str(site / "schedules")],
        stdout=log, stderr=log, env={**os.environ, "COMMUNECAST_LOG_LEVEL": "warning"}))


def inventory(path, relayed):
    with open(path, "w") as f:
        f.write(f"defaults:\n  cert: {pki}/so-tt-an-giang.pem\n  key: {pki}/so-tt-an-giang.key\n"
                f"  ca: {pki}/province-ca.pem\nsites:\n")
        for index, port in enumerate(ports):
            target = relays[index].port if relayed else port
            f.write(f"  - {{name: {site_name(index)}, commune: \"{30000 + index}\", "
                    f"address: \"tls:127.0.0.1:{target}\", tags: [bench]}}\n")
    return path


direct_inventory = inventory(WORK / "direct.yaml", relayed=False)
relayed_inventory = inventory(WORK / "relayed.yaml", relayed=True)
broker_relay = CountingRelay(broker.port)
media_relay = CountingRelay(media_tls_port)

result = {"sites": SITES}
try:
    started = time.perf_counter()
    for port in ports:
        wait_for(lambda: port_open(port), 120, f"site on port {port}")

    def online():
        _, _, out = cli("fleet", "health", "--via", f"mqtts://localhost:{broker.port}", "--json", "--timeout", "30")
        try:
            return sum(1 for row in json.loads(out) if row.get("state") not in ("offline", "error")) >= SITES
        except (ValueError, KeyError, TypeError):
            return False
    wait_for(online, 300, "every site online on the broker")
    result["daemons_start_s"] = round(time.perf_counter() - started, 2)

    speech, base = WORK / "speech.wav", WORK / "bao-khan.wav"
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "140", "-w", str(speech),
                    "Thông báo khẩn cấp. Lũ trên sông Hậu đang lên nhanh. Đề nghị bà con vùng trũng thấp di dời "
                    "ngay đến nơi an toàn, mang theo giấy tờ và thuốc men. " * 8], check=True)
    subprocess.run(["sox", str(speech), "-r", "16000", "-c", "1", str(base), "repeat", "5", "trim", "0", "60"],
                   check=True, capture_output=True)

    def prepare(number):
        """A 60 s announcement no site holds (pitch shifted by `number` cents) and its signed emergency."""
        wav, opus = WORK / f"bao-{number}.wav", WORK / f"bao-{number}.opus"
        subprocess.run(["sox", str(base), str(wav), "pitch", str(number * 10)], check=True, capture_output=True)
        subprocess.run([CLI, "media", "encode", str(wav), str(opus)], check=True, capture_output=True)
        sha = subprocess.run(["sha256sum", str(opus)], capture_output=True, text=True).stdout.split()[0]
        jws = WORK / f"bao-{number}.jws"
        draft = subprocess.run([CLI, "alert", "draft", "--id", f"bao-{number}", "--media", sha, "--no-tone",
                                "--expires", "20m", "--tag", "bench", "--out", str(jws), *STAFF],
                               capture_output=True, text=True, check=True)
        confirm = re.search(r"[0-9A-F]{4}(?:-[0-9A-F]{4}){3}", draft.stdout + draft.stderr).group(0)
        subprocess.run([CLI, "alert", "approve", str(jws), "--confirm", confirm, "--cert", str(pki / "pho-giam-doc.pem"),
                        "--key", str(pki / "pho-giam-doc.key"), "--ca", str(pki / "province-ca.pem")],
                       check=True, capture_output=True)
        return opus, jws

    def sent_bytes():
        return sum(r.upstream_bytes for r in relays) + broker_relay.upstream_bytes + media_relay.upstream_bytes

    def direct(number, relayed):
        opus, jws = prepare(number)
        path = str(relayed_inventory if relayed else direct_inventory)
        before = sent_bytes()
        upload_s, upload_exit, _ = cli("media", "upload", str(opus), "--inventory", path, "--all", "--json")
        send_s, send_exit, out = cli("alert", "send", str(jws), "--inventory", path, "--all", "--json")
        return {"wall_s": round(upload_s + send_s, 3), "upload_s": round(upload_s, 3), "send_s": round(send_s, 3),
                "exit": [upload_exit, send_exit], "ok": sum(1 for r in json.loads(out) if r["result"] == "ok"),
                "office_bytes": sent_bytes() - before if relayed else None, "opus_bytes": opus.stat().st_size}

    def via_broker(number, relayed):
        opus, jws = prepare(number)
        broker_port = broker_relay.port if relayed else broker.port
        host = f"https://127.0.0.1:{media_relay.port if relayed else media_tls_port}"
        via = ["--via", f"mqtts://localhost:{broker_port}"]
        before = sent_bytes()
        upload_s, upload_exit, _ = cli("media", "upload", str(opus), "--media-host", host, *via, "--json")
        send_s, send_exit, out = cli("alert", "send", str(jws), *via, "--media-host", host, "--group", GROUP,
                                     "--timeout", "120", "--json")
        return {"wall_s": round(upload_s + send_s, 3), "upload_s": round(upload_s, 3), "send_s": round(send_s, 3),
                "exit": [upload_exit, send_exit], "ok": sum(1 for r in json.loads(out) if r["result"] == "ok"),
                "office_bytes": sent_bytes() - before if relayed else None, "opus_bytes": opus.stat().st_size}

    runs = {}
    for number, (name, run, relayed) in enumerate([("direct", direct, False), ("broker", via_broker, False),
                                                   ("direct_relayed", direct, True),
                                                   ("broker_relayed", via_broker, True)], start=1):
        if number > 1:
            time.sleep(PAUSE)  # the previous 60 s announcement ends everywhere first
        runs[name] = run(number, relayed)
        print(name, json.dumps(runs[name]), file=sys.stderr)
    result["push"] = runs
    print(json.dumps(result, indent=2))
finally:
    for daemon in daemons:
        daemon.terminate()
    for daemon in daemons:
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
    media_process.kill()
    broker.stop()
