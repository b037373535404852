"""Does the web app keep answering while an upload or a background ingest runs?

Starts `planatlas serve` on an atlas of `--statements` statements (bench/corpus.py), logs in
as an editor and measures a few pages and /api/v1/health, one request at a time on one
connection, in three phases of `--seconds` each:

1. idle: nothing else happens;
2. uploading: another connection uploads `--upload-mb` MB files one after another (each a new
   document; the request waits for the result);
3. ingesting: another process runs `planatlas ingest` on `--files` statements' worth of files
   (every format) into the same database.

It prints p50, p95 and max (ms) per page and phase, and p95 over the target (100 ms) as a
ratio: at most 1.0 is the target met.

    python bench/serve_while_ingesting.py                      # ~3 minutes
    python bench/serve_while_ingesting.py --statements 50000 --files 3000 --seconds 40
    python bench/serve_while_ingesting.py --code /tmp/main     # another checkout's code

`--code` runs the server and the ingest from another checkout (its planatlas/ first on
PYTHONPATH), for before/after figures on the same atlas and files.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_MS = 100.0
PASSWORD = "benkpassord-lang-nok"


class Client:
    """One kept-alive connection with a session cookie; each request timed in ms."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.csrf = ""
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, float, bytes]:
        sent = {"Accept-Encoding": "gzip", **(headers or {})}
        if self.cookie:
            sent["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            sent["X-CSRF-Token"] = self.csrf
        for attempt in range(2):  # the server lets an idle connection go after a few seconds
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
                cookie = response.getheader("set-cookie")
                if cookie:
                    self.cookie = cookie.split(";", 1)[0]
                return response.status, (time.perf_counter() - started) * 1000, data
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = self._connect()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def log_in(self, username: str) -> None:
        _, _, page = self.request("GET", "/logg-inn", headers={"Accept-Encoding": "identity"})
        token = re.search(rb'name="csrf" value="([^"]+)"', page)
        form = {"brukernavn": username, "passord": PASSWORD, "neste": "/"}
        if token:
            form["csrf"] = token.group(1).decode()
        kind = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, _ = self.request("POST", "/logg-inn", urlencode(form).encode(), kind)
        if status != 303:
            raise SystemExit(f"could not log in as {username} ({status})")
        _, _, page = self.request("GET", "/konto", headers={"Accept-Encoding": "identity"})
        found = re.search(rb'name="csrf-token" content="([^"]+)"', page)
        self.csrf = found.group(1).decode() if found else ""

    def upload(self, name: str, data: bytes) -> tuple[int, float]:
        boundary = "planatlasbench"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{name}\"\r\nContent-Type: text/markdown\r\n\r\n").encode() + data + \
            f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
        kind = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        status, ms, _ = self.request("POST", "/api/v1/upload", body, kind)
        return status, ms


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(db: str, code: Path | None) -> dict[str, str]:
    env = {**os.environ, "PLANATLAS_DB": db, "PLANATLAS_RATE_LIMIT": "0"}
    if code is not None:
        env["PYTHONPATH"] = f"{code}{os.pathsep}{env.get('PYTHONPATH', '')}"
    return env


def prepare(folder: Path, statements: int, files: int) -> tuple[str, Path]:
    """The atlas (with an editor) and the folder of files to ingest, made once per folder."""
    import corpus

    from planatlas.accounts import store as accounts
    from planatlas.store import Atlas

    db = f"sqlite:///{folder / 'atlas.db'}"
    if not (folder / "atlas.db").exists():
        corpus.build(db, statements, pool_size=min(4000, statements), processes=1)
        with Atlas(db) as atlas:
            accounts.add_organisation(atlas, "Benken")
            accounts.add_user(atlas, "benk", PASSWORD, "editor", "Benken", "Benk Benksen")
    incoming = folder / "incoming"
    if not incoming.exists():
        corpus.write_files(incoming, files, pool_size=min(2000, files))
    return db, incoming


def big_file(n: int, megabytes: float) -> bytes:
    """A plan of about `megabytes` MB: numbered demands, each line different."""
    lines = [f"# Stor plan nummer {n}\n", "Benkpartiet vil:\n"]
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        line = (f"- styrke sykehuset i Benkdal {n}-{i} med {i % 97} nye senger og "
                f"kortere ventetid for pasienter over {i % 80} år\n")  # fmt: skip
        lines.append(line)
        size += len(line)
        i += 1
    return "".join(lines).encode()


def measure(client: Client, pages: list[str], seconds: float) -> dict[str, list[float]]:
    """Each page in turn for `seconds`; every time in ms."""
    times: dict[str, list[float]] = {page: [] for page in pages}
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for page in pages:
            status, ms, _ = client.request("GET", page)
            if status != 200:
                raise SystemExit(f"{page} answered {status}")
            times[page].append(ms)
    return times


def report(phase: str, times: dict[str, list[float]], note: str) -> float:
    print(f"\n{phase}: {note}")
    print(f"  {'page':40} {'n':>5} {'p50':>8} {'p95':>8} {'max':>8}")
    every: list[float] = []
    for page, found in times.items():
        every += found
        print(f"  {page:40} {len(found):5d} {p(found, 50):8.1f} {p(found, 95):8.1f} "
              f"{max(found):8.1f}")  # fmt: skip
    worst = p(every, 95)
    print(f"  {'all':40} {len(every):5d} {p(every, 50):8.1f} {worst:8.1f} {max(every):8.1f}"
          f"   p95/target = {worst / TARGET_MS:.2f}")  # fmt: skip
    return worst


def p(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=2_000, help="statements in the files")
    parser.add_argument("--upload-mb", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--folder", type=Path, help="keep the atlas and files here")
    parser.add_argument("--code", type=Path, help="run the server and ingest from this checkout")
    args = parser.parse_args()

    folder = args.folder or Path(tempfile.mkdtemp(prefix="serve-ingest-"))
    folder.mkdir(parents=True, exist_ok=True)
    base, incoming = prepare(folder, args.statements, args.files)
    db_file = folder / "run.db"  # each run starts from the same atlas
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    import sqlite3

    with sqlite3.connect(base.removeprefix("sqlite:///")) as source:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.execute(f"VACUUM INTO '{db_file}'")
    db = f"sqlite:///{db_file}"
    env = environment(db, args.code)
    port = free_port()
    planatlas = str(Path(sys.executable).parent / "planatlas")
    server = subprocess.Popen(
        [planatlas, "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = Client(port)
        started = time.perf_counter()
        while True:
            try:
                status, _, body = client.request(
                    "GET", "/api/v1/health", headers={"Accept-Encoding": "identity"}
                )
                if status == 200 and json.loads(body).get("warm"):
                    break
            except (OSError, http.client.HTTPException):
                pass
            if time.perf_counter() - started > 600:
                raise SystemExit("the server did not get warm in 10 minutes")
            time.sleep(0.5)
        client.log_in("benk")
        status, _, body = client.request(
            "GET", "/api/v1/documents?limit=1", headers={"Accept-Encoding": "identity"}
        )
        first = json.loads(body)["items"][0]["id"]
        pages = ["/api/v1/health", "/", "/sok?q=sykehus", "/api/v1/statements?limit=20",
                 f"/dokument/{first}"]  # fmt: skip
        measure(client, pages, 3)  # every page once visited
        code = args.code or "this checkout"
        print(f"atlas: {args.statements:,} statements; server and ingest from {code}")
        results = {"idle": report("idle", measure(client, pages, args.seconds), "nothing else")}

        uploads: list[tuple[int, float]] = []
        stop = threading.Event()

        def uploading() -> None:
            uploader = Client(port)
            uploader.log_in("benk")
            n = 0
            while not stop.is_set():
                n += 1
                uploads.append(uploader.upload(f"stor-{n}.md", big_file(n, args.upload_mb)))

        thread = threading.Thread(target=uploading, daemon=True)
        thread.start()
        time.sleep(0.5)
        during = measure(client, pages, args.seconds)
        stop.set()
        thread.join()
        shown = ", ".join(f"{s} in {ms / 1000:.1f} s" for s, ms in uploads)
        note = f"{args.upload_mb:g} MB uploads one after another ({shown})"
        results["uploading"] = report("uploading", during, note)

        ingest = subprocess.Popen(
            [planatlas, "ingest", str(incoming)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started = time.perf_counter()
        time.sleep(0.5)
        during = measure(client, pages, args.seconds)
        running = ingest.poll() is None
        ingest.wait()
        took = time.perf_counter() - started
        files = len(list(incoming.iterdir()))
        note = (f"`planatlas ingest` of {files} files in another process ({took:.0f} s"
                f"{', still running when measured' if running else ''})")  # fmt: skip
        results["ingesting"] = report("ingesting", during, note)
        print("\np95 over the 100 ms target, per phase: "
              + ", ".join(f"{k} {v / TARGET_MS:.2f}" for k, v in results.items()))  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
