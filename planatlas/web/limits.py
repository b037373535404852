"""What every request passes before the app sees it: the security headers, HEAD answered as GET
without its body, a cap on the request body before it is read, a rate limit per address, and
one reading of the atlas's marks for a request that only reads.

All four are plain ASGI middleware (outside the app's exception handlers), so a refused
request costs a few microseconds and never reaches a route, a form parser or the disk.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
from starlette.exceptions import HTTPException

from planatlas import settings
from planatlas.questions.snapshot import one_look
from planatlas.reading.readers import max_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# Styles stay 'unsafe-inline' for the style attributes of the charts and bars (no script can
# run from one); scripts come from /static only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)
FORM_SLACK = 1 << 20  # a multipart body may be this much larger than the file it carries
MAX_OTHER_BODY = 1 << 20  # JSON and plain forms: corrections, follow-up, contacts, logins
EXEMPT = ("/static/",)  # a page's own styles and scripts do not count against the limit


class Hardened:
    """The security headers on every response; HEAD answered as GET, without the body."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: nothing of it goes out
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, sending)


class BodyTooLarge(HTTPException):
    """A request body past the cap: an HTTPException, so that FastAPI passes it on unchanged
    from inside a form parser to the app's error handler (app.py), which answers 413."""

    def __init__(self, limit: int) -> None:
        mb = max(1, limit // 1048576)
        super().__init__(413, f"forespørselen er for stor (høyst {mb} MB)")


def body_limit(scope: Scope) -> int:
    """The most bytes a request may send: a file's limit for uploads, 1 MB for the rest."""
    kind = dict(scope.get("headers", [])).get(b"content-type", b"")
    if kind.startswith(b"multipart/form-data"):
        return max_bytes() + FORM_SLACK
    return MAX_OTHER_BODY


class BodyLimit:
    """Refuse a body past its cap before it is read: by its Content-Length at once, and by
    counting the bytes as they arrive (a chunked body has no length)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await refuse(scope, send, 413, str(BodyTooLarge(limit).detail))
            return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except BodyTooLarge as error:  # raised where no handler caught it (a middleware read)
            if started:
                raise
            await refuse(scope, send, 413, str(error.detail))


class Bucket:
    """A token bucket: `rate` requests a minute, a burst of as many."""

    __slots__ = ("tokens", "stamp")

    def __init__(self, rate: float, now: float) -> None:
        self.tokens, self.stamp = rate, now

    def take(self, rate: float, now: float) -> float:
        """0 when the request may go; else the seconds until it may."""
        self.tokens = min(rate, self.tokens + (now - self.stamp) * rate / 60)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) * 60 / rate


class RateLimit:
    """At most `rate_limit` requests a minute from one client address (0: no limit); past it,
    429 with Retry-After. Behind a proxy, run uvicorn with --proxy-headers so that the address
    is the client's and not the proxy's."""

    MAX_CLIENTS = 10_000  # past this many addresses, the ones with a full bucket are forgotten

    def __init__(self, app: App) -> None:
        self.app = app
        self.buckets: dict[str, Bucket] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rate = float(settings.get("rate_limit"))
        if scope["type"] != "http" or rate <= 0 or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        client = scope.get("client") or ("", 0)
        wait = self.wait(str(client[0]), rate, time.monotonic())
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            message = f"for mange forespørsler fra din adresse; vent {seconds} s og prøv igjen"
            await refuse(scope, send, 429, message, ((b"retry-after", str(seconds).encode()),))
            return
        await self.app(scope, receive, send)

    def wait(self, address: str, rate: float, now: float) -> float:
        with self.lock:
            bucket = self.buckets.get(address)
            if bucket is None:
                if len(self.buckets) >= self.MAX_CLIENTS:
                    self._forget(rate, now)
                bucket = self.buckets[address] = Bucket(rate, now)
            return bucket.take(rate, now)

    def _forget(self, rate: float, now: float) -> None:
        full = [
            a for a, b in self.buckets.items() if b.tokens + (now - b.stamp) * rate / 60 >= rate
        ]
        for address in full or list(self.buckets)[: len(self.buckets) // 2]:
            del self.buckets[address]


async def refuse(
    scope: Scope,
    send: Send,
    status: int,
    message: str,
    headers: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    """The app's error shape, from outside the app: JSON under /api/, a short page elsewhere."""
    code = {413: "too_large", 429: "throttled"}.get(status, "http")
    if scope["path"].startswith("/api/"):
        body = orjson.dumps({"error": {"code": code, "message": message, "path": None}})
        kind = b"application/json"
    else:
        body = PAGE.format(status=status, message=_escape(message)).encode()
        kind = b"text/html; charset=utf-8"
    start = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": body})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Feil {status} – planatlas</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>Feil {status}</h1><p>{message}</p><p><a href="/">Til forsiden</a></p></main>
</body></html>
"""


class OneLook:
    """A GET (or HEAD) request reads the atlas's marks once, however often its page asks for
    the snapshot (questions/snapshot.py): it changes nothing, so they cannot change under it
    but by another request, which the next one sees."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        with one_look():
            await self.app(scope, receive, send)
