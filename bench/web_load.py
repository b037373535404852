"""Every page of the web app on a large atlas, on one connection: p50/p95, start and memory.

Starts `planatlas serve` on an atlas (bench/corpus.py builds them: 10k, 100k, 1M statements)
and measures, in this order:

1. how soon after the start the overview answers (its heatmap is counted in the database while
   the statements load in the background) and how soon the server is warm;
2. every page, `--requests` times each after one visit, one request at a time on one kept-alive
   connection, asking for gzip as browsers do: p50 and p95. Targets: every page ≤ 200 ms at
   p95, the overview and search ≤ 50 ms;
3. an upload: how long the upload takes, and the first overview and search after it (the
   snapshot grows by the new document; nothing else is read again);
4. the server's peak resident memory (VmHWM) after all of it.

    python bench/web_load.py bench/corpus/atlas-1m.db [--requests 40]
    python bench/web_load.py postgresql://postgres@127.0.0.1/bench_1m
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rows import percentiles  # noqa: E402

UPLOAD = """# Handlingsplan for legevakt i Fjordvik 2026–2028

Fjordvik kommune vil:

- styrke legevakten i Fjordvik med to nye årsverk innen 2027
- sikre ambulansetjenesten i distriktene
- redusere ventetidene i psykisk helsevern til under 30 dager
"""


def pages(url: str) -> list[tuple[str, str]]:
    """(name, path) of every page, with real ids and names from the atlas."""
    from planatlas.store import Atlas

    with Atlas(url) as atlas:
        docs = atlas.documents()
        actors = sorted(atlas.actors(), key=lambda a: -a.documents)
        statement = atlas.statements(document=docs[0].id)[0]
    a, b = quote(actors[0].name), quote(actors[1].name)
    d1, d2 = docs[0].id, docs[1].id
    return [
        ("oversikt", "/"),
        ("dokument", f"/dokument/{d1}"),
        ("utsagn", f"/utsagn/{statement.id}"),
        ("sammenlign", f"/sammenlign?aktor={a}&aktor={b}"),
        ("allierte", f"/allierte?aktor={a}"),
        ("sporing", f"/sporing?krav={d1}&plan={d2}"),
        ("endringer", f"/endringer?fra={d1}&til={d2}"),
        ("søk vanlig ord", "/sok?q=" + quote("sykehus")),
        ("søk sjeldent ord", "/sok?q=" + quote("Solumvåg")),
        ("søk nynorsk", "/sok?q=" + quote("sjukehusa")),
        ("søk med filter", "/sok?q=" + quote("fastlege") + f"&aktor={a}&tema=gp"),
        ("last opp", "/last-opp"),
        ("api utsagn", "/api/v1/statements?limit=50"),
        ("api søk", "/api/v1/search?q=" + quote("helseforetak")),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    """One kept-alive connection; each request timed in ms."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path: str, token: str | None = None) -> tuple[int, float]:
        headers = {"Accept-Encoding": "gzip"}
        if token:  # a page for editors only (the upload page)
            headers["Authorization"] = f"Bearer {token}"
        for attempt in range(2):  # the server lets an idle connection go after a few seconds
            started = time.perf_counter()
            try:
                self.conn.request("GET", path, headers=headers)
                response = self.conn.getresponse()
                response.read()
                return response.status, (time.perf_counter() - started) * 1000
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def json(self, path: str) -> dict[str, object]:
        for _ in range(3):  # the server lets an idle connection go after a few seconds
            try:
                self.conn.request("GET", path)
                found: dict[str, object] = json.loads(self.conn.getresponse().read())
                return found
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        raise SystemExit(f"{path} did not answer")

    def upload(self, name: str, data: bytes, token: str) -> tuple[int, float, str]:
        boundary = "planatlasbench"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{name}\"\r\nContent-Type: text/markdown\r\n\r\n").encode() + data + \
            f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
        started = time.perf_counter()
        kind = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Authorization": f"Bearer {token}",  # uploads are for editors
        }
        self.conn.request("POST", "/api/v1/upload", body=body, headers=kind)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, (time.perf_counter() - started) * 1000, text


def wait(client: Client, path: str, timeout: float) -> float:
    """Seconds until the path answers 200."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if client.get(path)[0] == 200:
                return time.perf_counter() - started
        except (OSError, http.client.HTTPException):
            time.sleep(0.5)
    raise SystemExit(f"{path} did not answer within {timeout:.0f} s")


def warm_after(client: Client, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if client.json("/api/v1/health").get("warm"):
            return time.perf_counter() - started
        time.sleep(1)
    raise SystemExit(f"not warm within {timeout:.0f} s")


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


BENCH_USER = "bench-redaktor"
EDITOR_PAGES = {"/last-opp"}  # asked for with the editor's token: they are for editors


def editor_token(cli: Path, url: str) -> str:
    """An API token of an editor made for the bench (the account is added on first use)."""
    run = {"capture_output": True, "text": True, "env": {**os.environ, "PLANATLAS_PASSWORD":
           secrets.token_urlsafe(24)}}  # fmt: skip
    subprocess.run([str(cli), "--db", url, "user", "add", BENCH_USER, "--role", "editor",
                    "--organisation", "Ytelsesmåling"], **run)  # fmt: skip
    made = subprocess.run([str(cli), "--db", url, "user", "token", BENCH_USER], **run)
    found = [w for w in made.stdout.split() if w.startswith("pa_")]
    if made.returncode != 0 or not found:
        sys.exit(f"could not make an API token for the upload: {made.stderr.strip()}")
    return found[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("atlas", help="a SQLite file or a database URL")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    url = args.atlas if "://" in args.atlas else f"sqlite:///{args.atlas}"
    port = free_port()
    cli = Path(sys.executable).parent / "planatlas"
    token = editor_token(cli, url)
    started = time.perf_counter()
    quiet = {**os.environ, "PLANATLAS_RATE_LIMIT": "0"}  # the pages are measured, not the limit
    server = subprocess.Popen([str(cli), "--db", url, "serve", "--port", str(port)], env=quiet,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        client = Client(port)
        first = wait(client, "/", args.timeout) + 0.0
        print(f"first overview {time.perf_counter() - started:.1f} s after the start "
              f"(answered in {first:.1f} s of polling)")  # fmt: skip
        warm = warm_after(client, args.timeout)
        print(f"warm {time.perf_counter() - started:.1f} s after the start ({warm:.0f} s more); "
              f"server peak memory {peak_mb(server.pid):.0f} MB")  # fmt: skip
        targets = pages(url)
        print(f"{'page':18} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}")
        for name, path in targets:
            as_editor = token if path in EDITOR_PAGES else None
            client.get(path, as_editor)  # the first visit builds what the page keeps
            answers = [client.get(path, as_editor) for _ in range(args.requests)]
            found = percentiles([ms for _, ms in answers])
            target = 50 if name == "oversikt" or name.startswith(("søk", "api søk")) else 200
            mark = "ok" if found["p95"] <= target else "OVER"
            if failed := sorted({status for status, _ in answers if status != 200}):
                mark = f"FAILED {failed}"  # an error page is quick, and no measure of the page
            print(f"{name:18} {found['p50']:8.1f} {found['p95']:8.1f} {target:>5} {mark}")
        client.get("/")  # a fresh connection if the last page was long ago
        status, ms, text = client.upload("bench-legevakt.md", UPLOAD.encode(), token)
        print(f"upload: {status} in {ms:.0f} ms")
        _, overview = client.get("/")
        _, found = client.get("/sok?q=" + quote("legevakten Fjordvik"))
        _, statement = client.get(targets[2][1])
        print(f"after the upload: overview {overview:.0f} ms, search {found:.0f} ms, "
              f"a statement's links {statement:.0f} ms")  # fmt: skip
        print(f"server peak memory {peak_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
