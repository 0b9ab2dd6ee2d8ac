#!/usr/bin/env python3
"""Issue 12 benchmark: how long `communecast schedule add` takes as a site's programmes accumulate, and whether adds
delay what the site airs.

Runs the real communecastd on the virtual profile (ALSA file plugin paced to real time) with one stored 2 s
announcement, and adds schedules with the real CLI. Every programme airs weekly at its own minute of the week, so no
two clash. It measures, for each build given:
- adding 600 programmes to an empty site (one file);
- adding 250 programmes on top of 2,700 (the site is filled with files of 600 and 300 first, not timed);
- four adds of 400 programmes at once, on top of those 2,950: the time until all four are done, and meanwhile a
  0.5 s play every 2 s, with how late its as-run line appears in the database after it should have (its duration
  after the Play call returned).

Usage: schedule_add.py WORK_DIR NAME=BIN_DIR [NAME=BIN_DIR ...]. Each build runs on a fresh state directory; the
builds alternate step by step so they share the machine's mood. Prints one JSON object."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import percentile, wait_for_socket  # noqa: E402

WORK = os.path.abspath(sys.argv[1])
BUILDS = [(arg.split("=", 1)[0], os.path.abspath(arg.split("=", 1)[1])) for arg in sys.argv[2:]]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PLAY_SECONDS = 0.5


def schedule_file(path, first, count):
    """A schedule of `count` programmes, programme k airing weekly at minute `first + k` of the week."""
    with open(path, "w") as out:
        out.write("programmes:\n")
        for slot in range(first, first + count):
            day, minute = divmod(slot, 24 * 60)
            out.write(f'  - {{id: p{slot:05d}, media: ban-tin, days: [{DAYS[day % 7]}], '
                      f'at: ["{minute // 60:02d}:{minute % 60:02d}"]}}\n')
    return path


class Site:
    """One daemon of one build on its own state directory."""

    def __init__(self, name, bin_dir):
        self.name = name
        self.cli_path = os.path.join(bin_dir, "communecast")
        self.work = os.path.join(WORK, name)
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(os.path.join(self.work, "schedules"))
        self.socket = os.path.join(self.work, "control.sock")
        self.log = open(os.path.join(self.work, "daemon.log"), "w")
        self.daemon = subprocess.Popen(
            [os.path.join(bin_dir, "communecastd"), "--state-dir", os.path.join(self.work, "state"),
             "--socket", self.socket, "--profile", "virtual", "--schedules-dir", os.path.join(self.work, "schedules")],
            stdout=self.log, stderr=self.log, env={**os.environ, "COMMUNECAST_LOG_LEVEL": "notice"},
        )
        wait_for_socket(self.socket)
        for name, seconds in (("ban-tin", 2), ("chuong", PLAY_SECONDS)):
            tone = os.path.join(self.work, f"{name}.wav")
            subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone, "synth", str(seconds), "sine",
                            "660"], check=True)
            self.cli("media", "upload", tone, "--name", name)

    def cli(self, *args):
        result = subprocess.run([self.cli_path, *args, "--connect", f"unix:{self.socket}"], capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise SystemExit(f"{self.name}: communecast {' '.join(args)} failed: {result.stderr}")
        return result.stdout

    def add(self, name, first, count):
        path = schedule_file(os.path.join(self.work, f"{name}.yaml"), first, count)
        started = time.monotonic()
        self.cli("schedule", "add", path, "--name", name)
        return time.monotonic() - started

    def aired_rows(self):
        database = sqlite3.connect(f"file:{os.path.join(self.work, 'state', 'state.sqlite')}?mode=ro", uri=True)
        try:
            return {source for (source,) in database.execute(
                "SELECT source FROM asRun WHERE source GLOB 'play:*' AND outcome IN ('aired', 'resumed')")}
        finally:
            database.close()

    def parallel_adds(self, first):
        """Four adds of 400 at once, with a play every 2 s; returns the adds' wall time and the as-run delays."""
        paths = [schedule_file(os.path.join(self.work, f"par{k}.yaml"), first + 400 * k, 400) for k in range(4)]
        done = threading.Event()
        plays = []

        def play_loop():
            while not done.is_set():
                called = time.monotonic()
                out = self.cli("play", "chuong", "--json")
                plays.append((json.loads(out)["play_id"], time.monotonic()))
                done.wait(max(0.0, 2.0 - (time.monotonic() - called)))

        player = threading.Thread(target=play_loop)
        player.start()
        started = time.monotonic()
        adds = [subprocess.Popen([self.cli_path, "schedule", "add", path, "--name", f"par{k}", "--connect",
                                  f"unix:{self.socket}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for k, path in enumerate(paths)]
        seen = {}
        while any(add.poll() is None for add in adds):
            now = time.monotonic()
            for source in self.aired_rows():
                seen.setdefault(source, now)
            time.sleep(0.05)
        wall = time.monotonic() - started
        done.set()
        player.join()
        for add in adds:
            if add.returncode != 0:
                raise SystemExit(f"{self.name}: a parallel add failed: {add.stderr.read().decode()}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(seen) < len(plays):
            now = time.monotonic()
            for source in self.aired_rows():
                seen.setdefault(source, now)
            time.sleep(0.05)
        delays = [seen[f"play:{play}"] - returned - PLAY_SECONDS for play, returned in plays if f"play:{play}" in seen]
        return wall, delays, len(plays)

    def stop(self):
        self.daemon.terminate()
        self.daemon.wait()


def seconds(value):
    return round(value, 2)


results = {name: {} for name, _ in BUILDS}
sites = [Site(name, bin_dir) for name, bin_dir in BUILDS]
for site in sites:
    results[site.name]["add_600_to_empty_s"] = seconds(site.add("first", 0, 600))
for site in sites:
    slot = 600
    for k, count in enumerate([600, 600, 600, 300]):
        site.add(f"fill{k}", slot, count)
        slot += count
for site in sites:
    results[site.name]["add_250_on_2700_s"] = seconds(site.add("more", 2_700, 250))
for site in sites:
    wall, delays, plays = site.parallel_adds(2_950)
    results[site.name]["four_parallel_adds_of_400_s"] = seconds(wall)
    results[site.name]["as_run_delay_during_adds_s"] = {
        "plays": plays, "rows": len(delays), "p50": seconds(percentile(delays, 0.5)) if delays else None,
        "max": seconds(max(delays)) if delays else None,
    }
for site in sites:
    site.stop()
print(json.dumps(results, indent=2))
