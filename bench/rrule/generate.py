#!/usr/bin/env python3
"""Write a JSON file of programmes with RRULEs, for the rrule benchmark and for the randomised comparison test.

Each entry has the rule text, a local DTSTART and an IANA zone. Two mixes, both reproducible from a seed:

- `bench` (default) follows what commune schedules hold: mostly daily and weekly bulletins at one to three times a
  day, monthly meetings by day of month, by ordinal weekday or by set position, yearly national days, a share of
  HOURLY and MINUTELY campaigns limited to some hours, a few with INTERVAL, COUNT or UNTIL, and a share in zones
  with daylight-saving time so the transitions are crossed. Every programme is expanded over one global range.
- `coverage` draws every rule part of RFC 5545 that CommuneCast accepts (FREQ YEARLY to MINUTELY, INTERVAL, COUNT,
  UNTIL, WKST, BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY with ordinals, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS,
  negative values, days that do not exist) in random combinations, each programme with its own range, and some
  rules that can never air (both implementations must refuse those). It avoids the few places where
  python-dateutil departs from RFC 5545, listed in README.md, so that any difference is a defect.
"""
import argparse
import json
import random

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
BENCH_ZONES = ["Asia/Ho_Chi_Minh"] * 6 + ["America/New_York", "Europe/Berlin"]
COVERAGE_ZONES = ["Asia/Ho_Chi_Minh"] * 4 + [
    "America/New_York", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC",
]


def pick(rng, values, low=1, high=None):
    return rng.sample(values, rng.randint(low, high or low))


def joined(name, values):
    return f"{name}={','.join(map(str, values))}"


def times(rng):
    hours = sorted(rng.sample(range(4, 22), rng.choice([1, 1, 2, 3])))
    minutes = sorted(rng.sample([0, 15, 30, 45], rng.choice([1, 1, 2])))
    return f"BYHOUR={','.join(map(str, hours))};BYMINUTE={','.join(map(str, minutes))}"


def ending(rng, until_year=2026):
    roll = rng.random()
    if roll < 0.1:
        return f";COUNT={rng.randint(5, 400)}"
    if roll < 0.2:
        return f";UNTIL={until_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}T235959Z"
    return ""


def bench_rule(rng):
    kind = rng.random()
    if kind < 0.30:
        body = f"FREQ=DAILY;{times(rng)}"
        if rng.random() < 0.2:
            body += f";INTERVAL={rng.randint(2, 3)}"
        if rng.random() < 0.2:
            body += ";BYDAY=" + ",".join(sorted(rng.sample(WEEKDAYS, rng.randint(2, 6)), key=WEEKDAYS.index))
    elif kind < 0.62:
        days = sorted(rng.sample(WEEKDAYS, rng.randint(1, 5)), key=WEEKDAYS.index)
        body = f"FREQ=WEEKLY;BYDAY={','.join(days)};{times(rng)}"
        if rng.random() < 0.25:
            body += f";INTERVAL=2;WKST={rng.choice(['MO', 'SU'])}"
    elif kind < 0.74:
        days = rng.sample(list(range(1, 32)) + [-1, -2, -3], rng.randint(1, 3))
        body = f"FREQ=MONTHLY;BYMONTHDAY={','.join(map(str, days))};{times(rng)}"
    elif kind < 0.80:
        ordinals = rng.sample([1, 2, 3, 4, -1, -2], rng.randint(1, 2))
        byday = ",".join(f"{n}{rng.choice(WEEKDAYS)}" for n in ordinals)
        body = f"FREQ=MONTHLY;BYDAY={byday};{times(rng)}"
        if rng.random() < 0.2:
            body += ";INTERVAL=2"
    elif kind < 0.86:
        body = f"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS={rng.choice([1, -1, 2, -2])};{times(rng)}"
    elif kind < 0.92:
        month = rng.randint(1, 12)
        body = f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={rng.randint(1, 28)};{times(rng)}"
        if rng.random() < 0.3:
            body = f"FREQ=YEARLY;BYMONTH={month};BYDAY={rng.choice([1, 2, -1])}{rng.choice(WEEKDAYS)};{times(rng)}"
    elif kind < 0.96:
        hours = sorted(rng.sample(range(6, 20), rng.randint(2, 6)))
        body = f"FREQ=HOURLY;{joined('BYHOUR', hours)};BYMINUTE={rng.choice([0, 30])}"
        if rng.random() < 0.3:
            body += ";BYDAY=MO,TU,WE,TH,FR"
    else:
        hour = rng.randint(6, 18)
        body = f"FREQ=MINUTELY;INTERVAL={rng.choice([10, 15, 20, 30])};BYHOUR={hour},{hour + 1}"
        if rng.random() < 0.5:
            body += f";{joined('BYMONTH', sorted(pick(rng, list(range(1, 13)), 2, 6)))}"
    return body + ending(rng)


def coverage_day_parts(rng, frequency):
    """Random day-level parts allowed with `frequency`, at most two, in combinations that cannot exclude every day
    for ever (BYMONTH=2 with BYMONTHDAY=30 would: python-dateutil then searches to year 9999). Plain and ordinal
    BYDAY are never mixed (see README.md)."""
    parts = []
    kinds = ["BYMONTH", "BYMONTHDAY", "BYDAY", "BYDAY"]
    if frequency == "YEARLY":
        kinds += ["BYWEEKNO", "BYYEARDAY", "ORDINAL", "ORDINAL"]
    if frequency == "MONTHLY":
        kinds += ["ORDINAL", "ORDINAL"]
    if frequency in ("HOURLY", "MINUTELY"):
        kinds += ["BYYEARDAY"]
    if frequency == "WEEKLY":
        kinds.remove("BYMONTHDAY")
    chosen = set(rng.sample(kinds, rng.choice([0, 1, 1, 2, 2])))
    if "ORDINAL" in chosen:
        chosen.discard("BYDAY")
        chosen -= {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"}
    if "BYYEARDAY" in chosen or "BYWEEKNO" in chosen:
        chosen -= {"BYMONTH", "BYMONTHDAY"}
    short = "BYMONTH" in chosen
    for kind in sorted(chosen):
        if kind == "BYMONTH":
            parts.append(joined("BYMONTH", sorted(pick(rng, list(range(1, 13)), 1, 5))))
        elif kind == "BYWEEKNO":
            # Week 53 is left out: dateutil counts a week 53 in some years that have 52 (README.md).
            weeks = pick(rng, list(range(1, 53)), 1, 3) + ([rng.choice([-1, -2])] if rng.random() < 0.3 else [])
            parts.append(joined("BYWEEKNO", weeks))
        elif kind == "BYYEARDAY":
            parts.append(joined("BYYEARDAY", pick(rng, list(range(1, 367)) + list(range(-366, 0)), 1, 4)))
        elif kind == "BYMONTHDAY":
            top = 28 if short else 31
            parts.append(joined("BYMONTHDAY", pick(rng, list(range(1, top + 1)) + list(range(-top, 0)), 1, 4)))
        elif kind == "BYDAY":
            parts.append(joined("BYDAY", sorted(pick(rng, WEEKDAYS, 1, 5), key=WEEKDAYS.index)))
        else:
            limit = 5 if frequency == "MONTHLY" or short else 53
            ordinals = pick(rng, list(range(1, limit + 1)) + list(range(-limit, 0)), 1, 2)
            if limit == 5:
                ordinals = [n if abs(n) < 5 else n // 5 * 4 for n in ordinals]
            parts.append(joined("BYDAY", [f"{n}{rng.choice(WEEKDAYS)}" for n in ordinals]))
    return parts


def coverage_rule(rng):
    frequency = rng.choice(["YEARLY", "YEARLY", "MONTHLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"])
    parts = [f"FREQ={frequency}"]
    if frequency in ("HOURLY", "MINUTELY"):
        interval = rng.choice([1, 2, 3, 5, 6, 7, 8, 12, 13]) if frequency == "HOURLY" else \
            rng.choice([1, 5, 10, 15, 20, 30])
    else:
        interval = rng.choice([1, 1, 1, 2, 3])
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    day_parts = coverage_day_parts(rng, frequency)
    parts += day_parts
    per_period = 1
    if frequency == "HOURLY" and rng.random() < 0.5:
        parts.append(joined("BYHOUR", sorted(pick(rng, list(range(24)), 1, 5))))
    if frequency == "MINUTELY" and rng.random() < 0.7:
        parts.append(joined("BYHOUR", sorted(pick(rng, list(range(24)), 1, 3))))
    if frequency == "MINUTELY" and rng.random() < 0.3:
        parts.append(joined("BYMINUTE", sorted(pick(rng, list(range(60)), 1, 8))))
    if frequency not in ("HOURLY", "MINUTELY") and rng.random() < 0.6:
        hours = pick(rng, list(range(24)), 1, 3)
        per_period *= len(hours)
        parts.append(joined("BYHOUR", sorted(hours)))
    if frequency != "MINUTELY" and rng.random() < 0.4:
        minutes = pick(rng, list(range(60)), 1, 3)
        per_period *= len(minutes)
        parts.append(joined("BYMINUTE", sorted(minutes)))
    if rng.random() < 0.25:
        seconds = pick(rng, list(range(60)), 1, 2)
        per_period *= len(seconds)
        parts.append(joined("BYSECOND", sorted(seconds)))
    if frequency in ("YEARLY", "MONTHLY", "WEEKLY") and any(p.startswith("BYDAY=") and "," in p for p in day_parts):
        per_period *= 2
    if per_period >= 2 and rng.random() < 0.5:
        parts.append(joined("BYSETPOS", pick(rng, [1, -1, 2, -2], 1, 2)))
    if rng.random() < 0.3:
        parts.append(f"WKST={rng.choice(WEEKDAYS)}")
    roll = rng.random()
    if roll < 0.3:
        parts.append(f"COUNT={rng.randint(1, 40)}")
    elif roll < 0.45:
        parts.append(f"UNTIL=2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}0000Z")
    rng.shuffle(parts)
    return ";".join(parts), frequency


def coverage_programme(rng, index):
    rule, frequency = coverage_rule(rng)
    year = rng.choice([2025, 2026])
    second = rng.choice([0, 0, 0, rng.randint(1, 59)])
    start = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    dtstart = f"{start}T{rng.randint(0, 23):02d}:{rng.choice([0, 0, 15, 30, rng.randint(1, 59)]):02d}:{second:02d}"
    if "BYSETPOS" in rule and frequency == "WEEKLY":
        # dateutil's first WEEKLY period starts at DTSTART, not at WKST; start on a WKST day to compare fairly.
        wkst = next((p[5:] for p in rule.split(";") if p.startswith("WKST=")), "MO")
        dtstart = start_on_weekday(rng, WEEKDAYS.index(wkst))
    span = {"HOURLY": 20, "MINUTELY": 2}.get(frequency, 800)
    if frequency in ("HOURLY", "MINUTELY"):
        # dateutil walks every hour or minute from DTSTART: start the window a few days after it.
        window_from = f"{dtstart[:8]}{min(28, int(dtstart[8:10]) + rng.randint(0, 3)):02d}T00:00:00Z"
    else:
        first = rng.randint(0, 400)
        window_from = f"2025-{(first // 28) % 12 + 1:02d}-{first % 28 + 1:02d}T00:00:00Z"
    return {"id": f"c{index:05d}", "rrule": rule, "dtstart": dtstart, "tz": rng.choice(COVERAGE_ZONES),
            "from": window_from, "days": span}


def start_on_weekday(rng, weekday):
    import datetime
    day = datetime.date(rng.choice([2025, 2026]), rng.randint(1, 12), rng.randint(1, 20))
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    return f"{day.isoformat()}T{rng.randint(0, 23):02d}:00:00"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--mix", choices=["bench", "coverage"], default="bench")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    programmes = []
    for index in range(args.count):
        if args.mix == "coverage":
            programmes.append(coverage_programme(rng, index))
            continue
        year = rng.choice([2025, 2026])
        dtstart = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00"
        programmes.append({"id": f"p{index:05d}", "rrule": bench_rule(rng), "dtstart": dtstart,
                           "tz": rng.choice(BENCH_ZONES)})
    with open(args.output, "w") as handle:
        json.dump({"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "programmes": programmes}, handle)


if __name__ == "__main__":
    main()
