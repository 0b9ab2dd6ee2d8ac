"""Helpers the Python benchmarks share."""
import socket
import time


def wait_for_socket(path, timeout=20):
    """Waits until a Unix socket at `path` accepts a connection."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            s.close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listening at {path}")


def percentile(values, fraction):
    """The value at `fraction` (0-1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
