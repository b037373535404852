"""50 editors updating follow-up items at once, over HTTP on loopback, bounded in count and time.

Starts the web app (uvicorn, in this process) on a fresh SQLite atlas with one plan, 50 editor
accounts of its organisation and an API token each. Every editor, in its own thread, does
`--rounds` updates: each reads an item (its version and logged count) and writes the count + 1
with that version. Half of the updates go to the editor's own item, half to one of five shared
items, so that editors collide. A refused update (409, with the other's change in the message)
is read again and retried, up to 5 times. At the end every item's logged count must equal the
number of updates that were accepted for it (nothing lost), and its history must have one entry
per accepted update.

    python bench/bench_concurrent.py [--editors 50] [--rounds 10] [--seconds 300]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

RETRIES = 5
SHARED = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str, editors: int) -> tuple[list[int], list[str]]:
    from bench_followup import plan_document

    from planatlas.accounts import store as accounts
    from planatlas.followup import store as followups
    from planatlas.store import Atlas

    with Atlas(url) as atlas:
        doc = atlas.add(plan_document(editors + SHARED)).document_id  # type: ignore[arg-type]
        org = accounts.add_organisation(atlas, "Benkeforeningen")
        tokens = []
        for n in range(editors):
            accounts.add_user(atlas, f"redaktor{n}", "benk-passord-langt", "editor", org.id)
            tokens.append(accounts.create_token(atlas, f"redaktor{n}", "benk")[0])
        admin = accounts.viewer_of(accounts.user(atlas, "redaktor0"))
        items = [i.statement_id for i in followups.board(atlas, doc, admin).items]
    return items, tokens


def editor(base: str, token: str, own: int, shared: list[int], rounds: int, deadline: float,
           tally: dict[str, Counter[object]], lock: threading.Lock) -> None:  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for r in range(rounds):
            target = own if r % 2 == 0 else shared[(own + r) % len(shared)]
            for _ in range(RETRIES + 1):
                if time.monotonic() > deadline:
                    return
                item = client.get(f"/api/v1/followup/items/{target}").json()["item"]
                count = int(item["logged"].get("count", 0))
                body = {"version": item["version"], "logged": {"count": count + 1}}
                response = client.patch(f"/api/v1/followup/items/{target}", json=body)
                with lock:
                    tally["attempted"][target] += 1
                    if response.status_code == 200:
                        tally["accepted"][target] += 1
                    elif response.status_code == 409:
                        message = response.json()["error"]["message"]
                        tally["conflicts"][target] += 1
                        tally["clear"][
                            "yes" if "redaktor" in message and "→" in message else "no"
                        ] += 1
                    else:
                        tally["errors"][response.text[:160]] += 1
                if response.status_code != 409:
                    break


def main() -> None:
    import uvicorn

    from planatlas.followup import store as followups
    from planatlas.store import Atlas
    from planatlas.web import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=300)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'concurrent.db'}"
    items, tokens = prepare(url, args.editors)
    own, shared = items[: args.editors], items[args.editors :]
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    tally: dict[str, Counter[object]] = {
        k: Counter() for k in ("attempted", "accepted", "conflicts", "clear", "errors")
    }
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    start = time.perf_counter()
    threads = [
        threading.Thread(target=editor, args=(f"http://127.0.0.1:{port}", tokens[n], own[n], shared,
                                              args.rounds, deadline, tally, lock))
        for n in range(args.editors)
    ]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    server.should_exit = True
    lost = 0
    with Atlas(url) as atlas:
        from planatlas.accounts.roles import Viewer

        admin = Viewer("benk", "benk", "admin")
        for statement_id in items:
            view = followups.item(atlas, statement_id, admin)
            accepted = tally["accepted"][statement_id]
            count = int(view.item.logged.get("count", 0))
            lost += accepted - count
            assert len(view.events) == accepted, (statement_id, len(view.events), accepted)
    attempted = sum(tally["attempted"].values())
    accepted = sum(tally["accepted"].values())
    conflicts = sum(tally["conflicts"].values())
    clear = tally["clear"]["yes"]
    print(f"{args.editors} editors, {took:.1f} s: {attempted} updates attempted, "
          f"{accepted} accepted, {conflicts} refused with a conflict ({clear} naming the "
          f"other's change), {lost} lost, other errors {dict(tally['errors']) or 0}")  # fmt: skip


if __name__ == "__main__":
    main()
