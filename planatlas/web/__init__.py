"""The web app and JSON API: `create_app` for an ASGI server, `serve` to run one."""

from __future__ import annotations

from fastapi import FastAPI


def create_app(db_url: str | None = None) -> FastAPI:
    """The planatlas web app (pages and /api/v1) over the atlas at db_url."""
    from planatlas.web.app import create_app as build

    return build(db_url)


def serve(db_url: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web app with uvicorn until stopped."""
    import uvicorn

    uvicorn.run(create_app(db_url), host=host, port=port)


__all__ = ["create_app", "serve"]
