"""Benchmark rows measured each in a process of its own, so that peak memory is the row's own.

A benchmark script defines its rows as functions that return a dict of figures; `run_row`
runs one (in this process) and adds its peak resident memory; `in_child` runs one in a fresh
Python and reads the figures back. `percentiles` gives p50 and p95 of timings in ms.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = Callable[..., dict[str, Any]]


def peak_mb() -> float:
    """The largest resident memory this process has had, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(times_ms: list[float]) -> dict[str, float]:
    if len(times_ms) < 2:
        only = times_ms[0] if times_ms else 0.0
        return {"p50": only, "p95": only}
    return {
        "p50": statistics.median(times_ms),
        "p95": statistics.quantiles(times_ms, n=20, method="inclusive")[-1],
    }


def timed(work: Callable[[], Any], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls, after one call to warm up."""
    work()
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        found.append((time.perf_counter() - started) * 1000)
    return found


def run_row(rows: dict[str, Row], name: str, options: dict[str, Any]) -> None:
    """Run one row here and print its figures as one JSON line."""
    figures = rows[name](**options)
    figures["peak_mb"] = round(peak_mb(), 1)
    print("ROW " + json.dumps(figures))


def in_child(script: Path, name: str, options: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run one row of a script in a fresh Python; its figures, or {"error": ...}."""
    command = [sys.executable, str(script), "--row", name, "--options", json.dumps(options)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    for line in done.stdout.splitlines():
        if line.startswith("ROW "):
            found: dict[str, Any] = json.loads(line[4:])
            return found
    return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:200]}
