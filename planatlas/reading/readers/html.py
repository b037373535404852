"""HTML: web pages parsed by lxml.html (which never runs scripts or fetches anything).

h1-h6 are headings, li items at their list depth, other block elements (p, div, td, ...)
paragraphs. Page furniture (script, style, nav, page header and footer, forms, ...) is
dropped before reading. Text broken only by <br> -- a page without block structure, or a
paragraph of bullet lines -- goes through layout.blocks_from_text like plain text does.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from planatlas.errors import UnsafeFile
from planatlas.reading import layout
from planatlas.reading.boilerplate import publication_date
from planatlas.reading.readers import common
from planatlas.reading.readers.text import looks_binary
from planatlas.records import Block, RawDocument

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol"}
BLOCKS = HEADINGS | LISTS | {
    "p", "div", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "blockquote",
    "pre", "section", "article", "main", "body", "figure", "figcaption", "address", "hr",
}  # fmt: skip
DROPPED = (
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
    "iframe", "svg", "math", "object", "embed", "canvas", "button", "select", "head",
)  # fmt: skip
_DROP_XPATH = "|".join(f"//{tag}" for tag in DROPPED) + (
    "|//*[@hidden]|//*[@aria-hidden='true']|//*[@role='navigation']"
)
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE_SUBSET = re.compile(r"^\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
# Pages saved as one file embed images as base64; libxml2 caps one attribute at 10 MB.
_DATA_URI = re.compile(r"data:[\w/+.-]*;base64,[A-Za-z0-9+/=\s]{256,}")
_BLOCK_TAG = re.compile(r"<(?:html|p|div|h[1-6]|ul|ol|li|table|body|head|meta|title|section)[\s>]")
_ISO_DATE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_DATE_META = {"article:published_time", "date", "dc.date", "dcterms.created", "publish-date"}


class HtmlReader:
    name = "html"

    def sniff(self, head: bytes, path: str) -> bool:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = head.decode("utf-16", errors="ignore")
        elif looks_binary(head):
            return False
        else:
            text = head.decode("utf-8", errors="ignore")
        start = _XML_DECLARATION.sub("", text.lstrip("\ufeff \t\r\n")).lstrip().lower()
        if start.startswith(("<!doctype html", "<html")):
            return True
        return len(_BLOCK_TAG.findall(text[:4096].lower())) >= 3

    def read(self, data: bytes, source: str) -> RawDocument:
        with common.parser_errors("HTML"):
            root = _parse(decode_html(data))
            title = common.fold(root.findtext(".//title") or "") or None
            published = _meta_date(root)
            _drop_furniture(root)
            body = root.find("body")
            blocks = _Walker().blocks(body if body is not None else root)
        text = "\n".join(b.text for b in blocks)
        published = published or publication_date(text)
        return RawDocument(source, self.name, blocks, title=title, published=published)


def decode_html(data: bytes) -> str:
    """Text of the page: byte order mark, then <meta charset>, then UTF-8, then Windows-1252."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if declared := _META_CHARSET.search(data[:4096]):
        try:
            return data.decode(declared[1].decode("ascii"), errors="replace")
        except LookupError:
            pass  # a charset Python does not know: guess as below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _parse(text: str) -> Any:
    # lxml refuses a str that carries its own encoding declaration; libxml2's HTML parser
    # ignores a DTD's internal subset (so never expands its entities) but shows it as text.
    text = _DOCTYPE_SUBSET.sub("", _XML_DECLARATION.sub("", text), count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    root = lxml.html.document_fromstring(_DATA_URI.sub("data:,", text), parser=parser)
    # At its limits (nesting depth, text length) libxml2 stops and leaves half a page.
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            reason = entry.message.split(",")[0]
            raise UnsafeFile(
                "HTML-filen går over parserens grenser for nøsting eller lengde "
                f"({reason}); mulig fiendtlig markup"
            )
    return root


def _meta_date(root: Any) -> str | None:
    """The ISO date a page's metadata or first <time> gives for publication."""
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in _DATE_META and (found := _ISO_DATE.match((meta.get("content") or "").strip())):
            return found[0]
    for time in root.iter("time"):
        if found := _ISO_DATE.match((time.get("datetime") or "").strip()):
            return found[0]
    return None


def _drop_furniture(root: Any) -> None:
    """Remove page furniture, keeping each element's tail text (it belongs to the parent)."""
    for element in root.xpath(_DROP_XPATH):
        # An article's own <header> holds its title; only the page header is furniture.
        if element.tag == "header" and any(
            a.tag in ("article", "main") for a in element.iterancestors()
        ):
            continue
        element.drop_tree()


class _Walker:
    """Walks the tree without recursion (deeply nested pages must not overflow the stack)."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.parts: list[str] = []
        self.contexts: list[Block] = []  # open headings and list items: the kind text gets
        self.lists: list[list[Any]] = []  # open ul/ol with their running number
        self.pre = 0

    def blocks(self, top: Any) -> list[Block]:
        for event, element in etree.iterwalk(top, events=("start", "end")):
            if isinstance(element.tag, str):
                (self.start if event == "start" else self.end)(element)
            if event == "end" and element is not top:
                self.add(element.tail)
        self.flush()
        return self.out

    def start(self, element: Any) -> None:
        tag = element.tag.lower()
        if tag in BLOCKS:
            self.flush()
        if tag in HEADINGS:
            self.contexts.append(Block("heading", "", level=int(tag[1])))
        elif tag == "li":
            self.contexts.append(
                Block("item", "", level=max(len(self.lists) - 1, 0), marker=self.marker())
            )
        elif tag in LISTS:
            start = element.get("start") or "1"
            self.lists.append([tag, common.number(start, 1, 1_000_000) - 1])
        elif tag == "br":
            self.parts.append("\n")
        if tag == "pre":
            self.pre += 1
        self.add(element.text)

    def end(self, element: Any) -> None:
        tag = element.tag.lower()
        if tag in BLOCKS:
            self.flush()
        if (tag in HEADINGS or tag == "li") and self.contexts:
            self.contexts.pop()
        elif tag in LISTS and self.lists:
            self.lists.pop()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def marker(self) -> str:
        if not self.lists or self.lists[-1][0] == "ul":
            return "•"
        self.lists[-1][1] += 1
        return f"{self.lists[-1][1]}."

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(
                text.replace("\r\n", "\n") if self.pre else _SOURCE_SPACE.sub(" ", text)
            )

    def flush(self) -> None:
        text, self.parts = "".join(self.parts), []
        if not text.strip():
            return
        context = self.contexts[-1] if self.contexts else None
        if context is not None:
            self.out.append(Block(context.kind, common.fold(text), context.level, context.marker))
        elif "\n" in text.strip():
            self.out.extend(layout.blocks_from_text("\n".join(s.strip() for s in text.split("\n"))))
        else:
            self.out.append(Block("paragraph", common.fold(text)))
