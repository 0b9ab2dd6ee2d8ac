#!/usr/bin/env python3
"""Expand every programme of a benchmark file over its range with python-dateutil, the reference peer.

Prints the occurrence count, a checksum (the sum of occurrence instants in epoch seconds, to prove both
implementations produced the same instants, not just as many) and the seconds spent parsing and expanding.
JSON loading is outside the timed part, as in rrule-bench.
"""
import json
import sys
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    start = datetime.fromisoformat(spec["from"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(spec["to"].replace("Z", "+00:00"))
    zones = {}
    count = 0
    checksum = 0
    began = time.perf_counter()
    for programme in spec["programmes"]:
        zone = zones.setdefault(programme["tz"], ZoneInfo(programme["tz"]))
        dtstart = datetime.fromisoformat(programme["dtstart"]).replace(tzinfo=zone)
        rule = rrulestr(programme["rrule"], dtstart=dtstart)
        for occurrence in rule.between(start, end, inc=True):
            if occurrence < end:
                count += 1
                checksum += int(occurrence.astimezone(timezone.utc).timestamp())
    elapsed = time.perf_counter() - began
    print(f"count={count} checksum={checksum} seconds={elapsed:.3f}")


if __name__ == "__main__":
    main()
