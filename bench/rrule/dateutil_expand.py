#!/usr/bin/env python3
"""Expand every programme of a benchmark file over its range with python-dateutil, the reference peer.

Prints the occurrence count, a checksum (the sum of occurrence instants in epoch seconds, to prove both
implementations produced the same instants, not just as many) and the seconds spent parsing and expanding.
JSON loading is outside the timed part, as in rrule-bench.

A programme may carry its own range (`from`, and `days` after it) instead of the file's. With `--dump FILE` the
instants of every programme are also written to FILE as JSON, {id: [epoch seconds…]} or {id: "error: …"} for a
rule dateutil refuses, for the randomised comparison test; a programme dateutil has not finished within
`--limit` seconds is written as "timeout" (dateutil searches to year 9999 for a rule that stops producing
instances) and left out of the comparison.
"""
import argparse
import json
import signal
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


class TookTooLong(Exception):
    """Raised by the alarm when dateutil spends more than --limit seconds on one programme."""


def on_alarm(signum, frame):
    raise TookTooLong()


def parse_instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--dump")
    parser.add_argument("--limit", type=float, default=0)
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, on_alarm)
    with open(args.file) as handle:
        spec = json.load(handle)
    file_start = parse_instant(spec["from"])
    file_end = parse_instant(spec["to"])
    zones = {}
    count = 0
    checksum = 0
    dump = {}
    began = time.perf_counter()
    for programme in spec["programmes"]:
        start, end = file_start, file_end
        if "from" in programme:
            start = parse_instant(programme["from"])
            end = start + timedelta(days=programme["days"])
        zone = zones.setdefault(programme["tz"], ZoneInfo(programme["tz"]))
        dtstart = datetime.fromisoformat(programme["dtstart"]).replace(tzinfo=zone)
        try:
            signal.setitimer(signal.ITIMER_REAL, args.limit)
            rule = rrulestr(programme["rrule"], dtstart=dtstart)
            instants = [int(o.astimezone(timezone.utc).timestamp()) for o in rule.between(start, end, inc=True)
                        if o < end]
        except ValueError as error:
            dump[programme["id"]] = f"error: {error}"
            continue
        except TookTooLong:
            dump[programme["id"]] = "timeout"
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        count += len(instants)
        checksum += sum(instants)
        if args.dump:
            dump[programme["id"]] = instants
    elapsed = time.perf_counter() - began
    if args.dump:
        with open(args.dump, "w") as handle:
            json.dump(dump, handle)
    print(f"count={count} checksum={checksum} seconds={elapsed:.3f}")


if __name__ == "__main__":
    main()
