"""The web app and JSON API: `create_app` for an ASGI server, `serve` to run one."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from fastapi import FastAPI

from planatlas import settings

if TYPE_CHECKING:
    from planatlas.store import Atlas


def create_app(db_url: str | None = None) -> FastAPI:
    """The planatlas web app (pages and /api/v1) over the atlas at db_url."""
    from planatlas.web.app import create_app as build

    return build(db_url)


def serve(
    db_url: str | None = None, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Run the web app with uvicorn until stopped; several worker processes if asked.

    The views' caches (every statement, the position map, the link index, the network) are
    built in the background at start, so that the first visitors do not wait for them.
    """
    import uvicorn

    if workers > 1:  # each worker process builds its app from the environment
        if db_url:
            os.environ["PLANATLAS_DB"] = db_url
        os.environ["PLANATLAS_WEB_PROCESSES"] = str(workers)
        uvicorn.run("planatlas.web:warm_app", factory=True, host=host, port=port, workers=workers)
        return
    uvicorn.run(warm_app(db_url), host=host, port=port)


FOLLOW_SECONDS = 0.5  # how often the server looks for what another process stored


def warm_app(db_url: str | None = None) -> FastAPI:
    """The app, with its caches built in a background thread, which then follows the atlas:
    whatever is stored (an upload's worker, `planatlas ingest` in another process) is loaded
    there, while requests answer from the caches as they were until it is done."""
    import threading

    app = create_app(db_url)

    def build() -> None:
        warm(app.state.atlas)
        app.state.warm = True
        follow(app.state.atlas)

    threading.Thread(target=build, daemon=True).start()
    return app


def follow(atlas: Atlas, every: float = FOLLOW_SECONDS) -> None:
    """Build the caches again in this thread whenever the atlas changes (forever)."""
    import logging
    import time

    from planatlas.questions.snapshot import follow_in_this_thread, snapshot

    index = atlas.search_index() if str(settings.get("search")) == "index" else None
    if index is not None:
        index.followed = True  # searches answer from it as it stands; this thread catches up
    follow_in_this_thread(atlas)  # and so do the views, from the snapshot
    seen = snapshot(atlas)
    while True:
        time.sleep(every)
        try:
            if index is not None:
                atlas.reading(lambda conn: index.sync(conn, follower=True))  # noqa: B023
            if snapshot(atlas) is not seen:  # grown: build what the pages draw from it too
                prepare(atlas)
                seen = snapshot(atlas)
        except Exception:  # a database gone for a moment: the requests see it; try again
            logging.getLogger("planatlas.web").exception("could not follow the atlas")


def warm(atlas: Atlas) -> None:
    """Load and build what the pages need first, so the first visitor does not wait for it."""
    from planatlas.questions.snapshot import settle

    prepare(atlas)
    settle()


def prepare(atlas: Atlas) -> None:
    """Build what the pages draw from the snapshot (each once per snapshot)."""
    from planatlas.questions.compare import position_map_of
    from planatlas.questions.network import alliance_network
    from planatlas.questions.references import named_in
    from planatlas.questions.search import search
    from planatlas.questions.snapshot import documents_of, snapshot

    snap = snapshot(atlas)
    _ = snap.salience  # the overview first: counted in the database, before the statements
    documents_of(atlas)  # the documents' statements counted over the whole atlas
    search(atlas, "sjukehus", limit=1)  # the search index in step, the dictionaries loaded
    position_map_of(atlas)
    _ = snap.salience, snap.link_index.columns
    named_in(atlas)
    alliance_network(atlas)


__all__ = ["create_app", "serve", "warm", "warm_app"]
