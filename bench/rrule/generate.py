#!/usr/bin/env python3
"""Write a JSON file of programmes with mixed RRULEs for the rrule benchmark.

Each entry has the rule text, a local DTSTART and an IANA zone. The mix follows what commune schedules hold:
mostly daily and weekly bulletins at one to three times a day, some monthly meetings by day of month or by
ordinal weekday, a few with INTERVAL, COUNT or UNTIL, and a share in zones with daylight-saving time so the
transition handling is exercised. A fixed seed makes the file reproducible.
"""
import argparse
import json
import random

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ZONES = ["Asia/Ho_Chi_Minh"] * 6 + ["America/New_York", "Europe/Berlin"]


def times(rng):
    hours = sorted(rng.sample(range(4, 22), rng.choice([1, 1, 2, 3])))
    minutes = sorted(rng.sample([0, 15, 30, 45], rng.choice([1, 1, 2])))
    return f"BYHOUR={','.join(map(str, hours))};BYMINUTE={','.join(map(str, minutes))}"


def ending(rng):
    roll = rng.random()
    if roll < 0.1:
        return f";COUNT={rng.randint(5, 400)}"
    if roll < 0.2:
        return f";UNTIL=2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}T235959Z"
    return ""


def rule(rng):
    kind = rng.random()
    if kind < 0.35:
        body = f"FREQ=DAILY;{times(rng)}"
        if rng.random() < 0.2:
            body += f";INTERVAL={rng.randint(2, 3)}"
        if rng.random() < 0.2:
            body += ";BYDAY=" + ",".join(sorted(rng.sample(WEEKDAYS, rng.randint(2, 6)), key=WEEKDAYS.index))
    elif kind < 0.75:
        days = sorted(rng.sample(WEEKDAYS, rng.randint(1, 5)), key=WEEKDAYS.index)
        body = f"FREQ=WEEKLY;BYDAY={','.join(days)};{times(rng)}"
        if rng.random() < 0.25:
            body += f";INTERVAL=2;WKST={rng.choice(['MO', 'SU'])}"
    elif kind < 0.9:
        days = rng.sample(list(range(1, 32)) + [-1, -2, -3], rng.randint(1, 3))
        body = f"FREQ=MONTHLY;BYMONTHDAY={','.join(map(str, days))};{times(rng)}"
    else:
        ordinals = rng.sample([1, 2, 3, 4, -1, -2], rng.randint(1, 2))
        byday = ",".join(f"{n}{rng.choice(WEEKDAYS)}" for n in ordinals)
        body = f"FREQ=MONTHLY;BYDAY={byday};{times(rng)}"
        if rng.random() < 0.2:
            body += ";INTERVAL=2"
    return body + ending(rng)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    programmes = []
    for index in range(args.count):
        year = rng.choice([2025, 2026])
        dtstart = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00"
        programmes.append({"id": f"p{index:05d}", "rrule": rule(rng), "dtstart": dtstart, "tz": rng.choice(ZONES)})
    with open(args.output, "w") as handle:
        json.dump({"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "programmes": programmes}, handle)


if __name__ == "__main__":
    main()
