#!/usr/bin/env python3
"""Call-home load benchmark (issue 15, stage 1): one Mosquitto configured from docs/call-home.md, N simulated sites.

Each simulated site is a real MQTT 5 client (paho-mqtt) over mutual TLS with its own certificate (CN = its name,
clientAuth, signed by the test CA), a persistent session (clean start off, session expiry 7 days), keep-alive 60 s, a
retained status with a Last Will (delay 60 s), a retained health snapshot with a 15-minute expiry, and subscriptions to
its groups' alerts and its own commands, exactly as docs/call-home.md describes a site. On an alert it answers with an
`alert.received` event, as a site does; it reconnects with full jitter (0.25 s to a ceiling of 2 s doubling to 5 min).
The sites run in WORKERS processes, each driving its clients from one select loop (as the uplink drives libmosquitto).

Measured, with the office a paho client under a staff certificate:
  - office uplink bytes per alert: every byte the office sends to the broker (TLS handshake included) to connect,
    publish one 4.5 KB signed alert once to the province's group, and disconnect, counted by a TCP relay;
  - publish -> delivered to every connected site: p50 / p99 / max over all sites, per alert;
  - the office gathering every site's `alert.received` event;
  - reading all N retained health messages (subscribe, then a marker: the marker's return means all have arrived);
  - the reconnect storm after a broker restart: time until every site is back, and the broker's CPU meanwhile.

Usage: bench/callhome_load.py [--sites 3360] [--workers 4] [--alerts 3] [--restart term|kill]
Needs mosquitto, openssl and the Python packages paho-mqtt and cryptography (scripts/install-deps.sh).
"""

import argparse
import datetime
import json
import multiprocessing
import os
import pathlib
import random
import selectors
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

import paho.mqtt.client as mqtt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from benchlib import percentile

ROOT = pathlib.Path(__file__).resolve().parent.parent
GROUP = "p-89"
STAFF = "so-tt-an-giang"
MONITOR = "giam-sat"


def site_name(index):
    """The simulated site's name: its certificate's CN."""
    return f"xa-{index:05d}"


def make_site_certificates(pki, sites):
    """Signs an uplink certificate (CN = site, clientAuth) for each site with the test CA, as docs/call-home.md's
    `# pki: uplink` block does with openssl, but in-process: 3,360 openssl runs would take minutes."""
    ca_key = serialization.load_pem_private_key((pki / "province-ca.key").read_bytes(), None)
    ca = x509.load_pem_x509_certificate((pki / "province-ca.pem").read_bytes())
    out = pki / "sites"
    out.mkdir(exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    for index in range(sites):
        name = site_name(index)
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "CommuneCast Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ])
        certificate = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        (out / f"{name}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        (out / f"{name}.key").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Broker:
    """Mosquitto from the configuration scripts/make-test-broker.sh generates from docs/call-home.md."""

    def __init__(self, directory, pki):
        self.directory = directory
        self.port = free_port()
        subprocess.run(["bash", str(ROOT / "scripts/make-test-broker.sh"), str(directory), str(self.port), str(pki)],
                       check=True)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["mosquitto", "-c", str(self.directory / "mosquitto.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("mosquitto did not start")

    def stop(self, how=signal.SIGTERM):
        self.process.send_signal(how)
        self.process.wait()

    def cpu_seconds(self):
        """The broker's user + system CPU seconds so far."""
        fields = pathlib.Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0


class SimulatedSite:
    """One site: a paho MQTT 5 client configured as docs/call-home.md describes the uplink, driven by a worker's
    select loop."""

    def __init__(self, name, port, pki, health):
        self.name = name
        self.port = port
        self.session = 0
        self.failures = 0
        self.next_attempt = 0.0
        self.connected = False
        self.health = health
        self.seen = set()
        self.received = {}
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=name, protocol=mqtt.MQTTv5)
        client.tls_set(ca_certs=str(pki / "province-ca.pem"), certfile=str(pki / "sites" / f"{name}.pem"),
                       keyfile=str(pki / "sites" / f"{name}.key"), tls_version=ssl.PROTOCOL_TLS_CLIENT)
        client.on_connect = self.on_connect
        client.on_disconnect = self.on_disconnect
        client.on_message = self.on_message
        self.client = client

    def attempt(self):
        """One connection attempt (TCP and TLS block here, as libmosquitto's connect does in the uplink)."""
        self.session += 1
        will = Properties(PacketTypes.WILLMESSAGE)
        will.WillDelayInterval = 60
        self.client.will_set(f"cc/v1/site/{self.name}/status",
                             json.dumps({"session": self.session, "state": "offline"}), qos=1, retain=True,
                             properties=will)
        connect = Properties(PacketTypes.CONNECT)
        connect.SessionExpiryInterval = 7 * 86400
        connect.MaximumPacketSize = 81920
        try:
            self.client.connect("localhost", self.port, keepalive=60, clean_start=False, properties=connect)
        except (OSError, ssl.SSLError):
            self.failed()

    def failed(self):
        """Full jitter: 0.25 s to a ceiling of 2 s doubling per failure, at most 5 min."""
        self.failures += 1
        ceiling = min(300.0, 2.0 * 2 ** (self.failures - 1))
        self.next_attempt = time.monotonic() + random.uniform(0.25, ceiling)

    def on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            return
        self.connected = True
        self.failures = 0
        client.publish(f"cc/v1/site/{self.name}/status",
                       json.dumps({"session": self.session, "state": "online"}), qos=1, retain=True)
        expiry = Properties(PacketTypes.PUBLISH)
        expiry.MessageExpiryInterval = 900
        client.publish(f"cc/v1/site/{self.name}/health", self.health, qos=1, retain=True, properties=expiry)
        client.subscribe([(f"cc/v1/group/{GROUP}/alert/+", 1), ("cc/v1/group/all/alert/+", 1),
                          (f"cc/v1/site/{self.name}/command", 1)])

    def on_disconnect(self, client, userdata, flags, reason_code, properties):
        if self.connected:
            self.connected = False
            self.failed()

    def on_message(self, client, userdata, message):
        now = time.monotonic()
        alert = dict(message.properties.UserProperty or []).get("cc-alert") if message.properties else None
        if alert is None or alert in self.seen:
            return
        self.seen.add(alert)
        self.received[alert] = now
        event = {"alert": alert, "at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                 "type": "alert.received"}
        client.publish(f"cc/v1/site/{self.name}/event", json.dumps(event), qos=1)


def worker(names, port, pki, connection):
    """Runs `names`' sites from one select loop; answers the parent's requests on `connection`."""
    health = json.dumps({"state": "ok", "padding": "x" * 1400})
    sites = [SimulatedSite(name, port, pki, health) for name in names]
    selector = selectors.DefaultSelector()
    registered = {}
    while True:
        now = time.monotonic()
        for site in sites:
            if site.client.socket() is None and not site.connected and now >= site.next_attempt:
                site.attempt()
        wanted = {}
        for site in sites:
            sock = site.client.socket()
            if sock is not None:
                wanted[sock.fileno()] = (sock, site)
        for fd in list(registered):
            if fd not in wanted or registered[fd][1] is not wanted[fd][1]:
                selector.unregister(registered.pop(fd)[0])
        for fd, (sock, site) in wanted.items():
            events = selectors.EVENT_READ | (selectors.EVENT_WRITE if site.client.want_write() else 0)
            if fd in registered:
                selector.modify(sock, events, site)
            else:
                selector.register(sock, events, site)
            registered[fd] = (sock, site)
        if connection.poll():
            request = connection.recv()
            if request == "stop":
                return
            if request == "connected":
                connection.send(sum(site.connected for site in sites))
            elif request.startswith("received "):
                alert = request.split(" ", 1)[1]
                connection.send([site.received[alert] for site in sites if alert in site.received])
        for key, mask in selector.select(timeout=0.02):
            site = key.data
            if mask & selectors.EVENT_READ:
                site.client.loop_read()
            if mask & selectors.EVENT_WRITE and site.client.socket() is not None:
                site.client.loop_write()
        for site in sites:
            if site.client.socket() is not None:
                site.client.loop_misc()
                if site.client.want_write():
                    site.client.loop_write()


class CountingRelay:
    """A TCP relay in front of the broker that counts the bytes the office sends through it."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.upstream_bytes = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            office, _ = self.listener.accept()
            broker = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self.pump, args=(office, broker, True), daemon=True).start()
            threading.Thread(target=self.pump, args=(broker, office, False), daemon=True).start()

    def pump(self, source, sink, upstream):
        try:
            while data := source.recv(65536):
                if upstream:
                    self.upstream_bytes += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def office_client(pki, port, on_message=None, who=MONITOR):
    """An office client under `who`'s staff certificate, clean session, connected and looping. The broker makes the
    CN the client id, so two clients at once need two certificates."""
    done = threading.Event()
    subscribed = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=who, protocol=mqtt.MQTTv5)
    client.tls_set(ca_certs=str(pki / "province-ca.pem"), certfile=str(pki / f"{who}.pem"),
                   keyfile=str(pki / f"{who}.key"), tls_version=ssl.PROTOCOL_TLS_CLIENT)
    client.on_connect = lambda *args: done.set()
    client.on_subscribe = lambda *args: subscribed.set()
    client.subscribed = subscribed
    if on_message:
        client.on_message = on_message
    client.connect("localhost", port, keepalive=60, clean_start=True)
    client.loop_start()
    if not done.wait(60):
        raise SystemExit("the office could not connect")
    return client


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.05)
    raise SystemExit(f"timed out after {timeout} s waiting for {what}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=3360)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--alerts", type=int, default=3)
    parser.add_argument("--restart", choices=["term", "kill"], default="term")
    arguments = parser.parse_args()

    work = pathlib.Path(tempfile.mkdtemp(prefix="callhome-bench-"))
    pki = work / "pki"
    subprocess.run(["bash", str(ROOT / "scripts/make-test-pki.sh"), str(pki)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    make_site_certificates(pki, arguments.sites)
    print(f"{arguments.sites} site certificates in {time.monotonic() - started:.1f} s")
    broker = Broker(work / "broker", pki)
    broker.start()

    names = [site_name(index) for index in range(arguments.sites)]
    workers = []
    for index in range(arguments.workers):
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.Process(target=worker, args=(names[index::arguments.workers], broker.port, pki,
                                                               child), daemon=True)
        process.start()
        workers.append((process, parent))

    def connected():
        total = 0
        for _, pipe in workers:
            pipe.send("connected")
            total += pipe.recv()
        return total

    started = time.monotonic()
    cpu = broker.cpu_seconds()
    wait_until(lambda: connected() == arguments.sites, 600, "every site to connect")
    print(f"all {arguments.sites} sites connected in {time.monotonic() - started:.1f} s "
          f"(broker CPU {broker.cpu_seconds() - cpu:.1f} s, RSS {broker.rss_mb():.0f} MB)")

    # Reading every retained health message.
    health = {}
    marker = f"cc/v1/office/{MONITOR}/sync/{random.getrandbits(64):x}"
    arrived = threading.Event()

    def on_health(client, userdata, message):
        if message.topic == marker:
            arrived.set()
        else:
            health[message.topic] = len(message.payload)

    reader = office_client(pki, broker.port, on_health)
    started = time.monotonic()
    # QoS 0 for all, as BrokerCollector.readRetained does: at QoS 1 the broker would drop what exceeds its per-client
    # queue (max_queued_messages 1000), and a QoS 0 marker would overtake the QoS 1 messages still queued.
    reader.subscribe([("cc/v1/site/+/health", 0), (marker, 0)])
    reader.publish(marker, b"", qos=0)
    arrived.wait(30)
    read_seconds = time.monotonic() - started
    reader.disconnect()
    reader.loop_stop()
    print(f"read {len(health)} retained health messages in {read_seconds:.2f} s (target < 2 s)")

    # Alerts: once per group through a counting relay; deliveries and events.
    relay = CountingRelay(broker.port)
    envelope = json.dumps({"payload": "x" * 3000, "signatures": ["y" * 700, "z" * 700]}).encode()
    for number in range(arguments.alerts):
        alert = f"{STAFF}/bench-{number}-{random.getrandbits(32):x}"
        answered = set()
        events = threading.Event()

        def on_event(client, userdata, message, alert=alert, answered=answered, events=events):
            if json.loads(message.payload).get("alert") == alert:
                answered.add(message.topic)
                if len(answered) == arguments.sites:
                    events.set()

        collector = office_client(pki, broker.port, on_event)
        collector.subscribe("cc/v1/site/+/event", qos=0)
        if not collector.subscribed.wait(60):
            raise SystemExit("the collector's subscription was not acknowledged")
        before = relay.upstream_bytes
        office = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=STAFF + "-pub", protocol=mqtt.MQTTv5)
        office.tls_set(ca_certs=str(pki / "province-ca.pem"), certfile=str(pki / f"{STAFF}.pem"),
                       keyfile=str(pki / f"{STAFF}.key"), tls_version=ssl.PROTOCOL_TLS_CLIENT)
        office.connect("localhost", relay.port, keepalive=60, clean_start=True)
        office.loop_start()
        properties = Properties(PacketTypes.PUBLISH)
        properties.MessageExpiryInterval = 3600
        properties.UserProperty = [("cc-alert", alert), ("cc-id", alert)]
        broker_cpu = broker.cpu_seconds()
        t0 = time.monotonic()
        info = office.publish(f"cc/v1/group/{GROUP}/alert/{random.getrandbits(128):032x}", envelope, qos=1,
                              retain=True, properties=properties)
        info.wait_for_publish(60)
        office.disconnect()
        office.loop_stop()
        events.wait(30)
        answered_at = time.monotonic()
        broker_cpu = broker.cpu_seconds() - broker_cpu
        wait_until(lambda: relay.upstream_bytes > before, 10, "the relay's count")
        uplink = relay.upstream_bytes - before
        collector.disconnect()
        collector.loop_stop()
        latencies = []
        for _, pipe in workers:
            pipe.send(f"received {alert}")
            latencies += [received - t0 for received in pipe.recv()]
        print(f"alert {number + 1}: envelope {len(envelope)} B; office uplink {uplink} B (target <= 10 KB); "
              f"delivered to {len(latencies)}/{arguments.sites}: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
              f"(target p99 < 1 s); every event back after {answered_at - t0:.2f} s ({len(answered)} answered); "
              f"broker CPU {broker_cpu:.2f} s")

    # The reconnect storm.
    how = signal.SIGTERM if arguments.restart == "term" else signal.SIGKILL
    broker.stop(how)
    wait_until(lambda: connected() == 0, 120, "every site to see the broker gone")
    broker.start()
    started = time.monotonic()
    samples = []
    last = (started, broker.cpu_seconds())
    while connected() < arguments.sites:
        time.sleep(1.0)
        now, cpu = time.monotonic(), broker.cpu_seconds()
        samples.append((cpu - last[1]) / (now - last[0]))
        last = (now, cpu)
        if now - started > 600:
            break
    back = time.monotonic() - started
    print(f"reconnect storm ({arguments.restart}): {connected()}/{arguments.sites} back in {back:.1f} s "
          f"(target 60 s); broker CPU per second: peak {max(samples, default=0):.2f} cores, mean "
          f"{sum(samples) / max(1, len(samples)):.2f} (target below one core); RSS {broker.rss_mb():.0f} MB")

    for process, pipe in workers:
        pipe.send("stop")
        process.join(10)
    broker.stop()


if __name__ == "__main__":
    sys.exit(main())
