#!/usr/bin/env python3
"""Times shell commands the same way for us and for the peer: wall seconds and CPU seconds (user + system of the
whole process tree, from the kernel's rusage of waited-for children), repeated, median reported. Runs alternate
between the commands so background noise hits both alike. Prints one JSON object."""
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def run_once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(["bash", "-c", command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def main():
    if len(sys.argv) < 4 or (len(sys.argv) - 2) % 2:
        sys.exit("usage: measure.py RUNS NAME COMMAND [NAME COMMAND ...]")
    runs = int(sys.argv[1])
    pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
    samples = {name: {"wall": [], "cpu": []} for name, _ in pairs}
    for _ in range(runs):
        for name, command in pairs:
            wall, cpu, _ = run_once(command)
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
    result = {}
    for name, values in samples.items():
        result[name] = {
            "wall_median_s": round(statistics.median(values["wall"]), 4),
            "cpu_median_s": round(statistics.median(values["cpu"]), 4),
            "wall_all_s": [round(v, 4) for v in values["wall"]],
            "cpu_all_s": [round(v, 4) for v in values["cpu"]],
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
