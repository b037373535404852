"""Page latency under load: every page of the web app on an atlas of 100,000 statements.

Starts `planatlas serve` on the atlas (build it first with bench/big_atlas.py), waits until
it has warmed its caches, then loads each page with wrk (Debian package `wrk`) for a few
seconds with 4 connections, asking for gzip as browsers do, and reports the 50th, 95th and
99th percentile latency. The target: every page under 200 ms at the 95th percentile.

    python bench/big_atlas.py bench/corpus/big.db      # once, ~1 minute
    python bench/web_load.py bench/corpus/big.db [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent


def pages(atlas_url: str) -> list[tuple[str, str]]:
    """(name, path) of every page, with real ids and names from the atlas."""
    from planatlas.store import Atlas

    with Atlas(atlas_url) as atlas:
        docs = atlas.documents()
        actors = [a.name for a in atlas.actors()]
        statement = atlas.statements(document=docs[0].id)[0]
    a, b = quote(actors[0]), quote(actors[1])
    d1, d2 = docs[0].id, docs[1].id
    return [
        ("oversikt", "/"),
        ("dokument", f"/dokument/{d1}"),
        ("utsagn", f"/utsagn/{statement.id}"),
        ("sammenlign", f"/sammenlign?aktor={a}&aktor={b}"),
        ("allierte", f"/allierte?aktor={a}"),
        ("sporing", f"/sporing?krav={d1}&plan={d2}"),
        ("endringer", f"/endringer?fra={d1}&til={d2}"),
        ("søk", "/sok?q=" + quote("sjukehus")),
        ("søk med filter", "/sok?q=" + quote("fastlege") + f"&aktor={a}"),
        ("last opp", "/last-opp"),
        ("api utsagn", "/api/v1/statements?limit=50"),
        ("api søk", "/api/v1/search?q=" + quote("helseforetak")),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, timeout: float = 180.0) -> None:
    """Until the server answers and has built its caches (/api/v1/health says warm)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            health = json.loads(urllib.request.urlopen(base + "/api/v1/health", timeout=60).read())
            if health.get("warm"):
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server at {base} did not answer within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("atlas", type=Path)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    url = f"sqlite:///{args.atlas}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cli = Path(sys.executable).parent / "planatlas"
    server = subprocess.Popen(
        [str(cli), "--db", url, "serve", "--port", str(port), "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        start = time.perf_counter()
        wait_until_up(base)
        targets = pages(url)
        for _ in range(2 * args.workers):  # the first visit of each page builds its caches
            for _, path in targets:
                urllib.request.urlopen(base + path, timeout=120).read()
        print(f"server up and warm in {time.perf_counter() - start:.1f} s")
        print(
            f"{'page':16} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"
        )
        for name, path in targets:
            found = run_wrk(base + path, args.seconds, args.connections)
            print(
                f"{name:16} {found['p50']:8.1f} {found['p95']:8.1f} {found['p99']:8.1f} "
                f"{int(found['requests']):9d} {int(found['errors']):7d}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_wrk(url: str, seconds: int, connections: int) -> dict[str, float]:
    threads = min(2, connections)  # wrk needs a connection per thread
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-H", "Accept-Encoding: gzip", "-s", str(HERE / "p95.lua"), url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


if __name__ == "__main__":
    main()
