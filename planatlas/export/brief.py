"""A briefing (questions/brief.py) as a file: Markdown, a standalone HTML page, or Word."""

from __future__ import annotations

import html
from pathlib import Path
from typing import BinaryIO

from planatlas.questions.brief import Brief, lines


def markdown(brief: Brief) -> str:
    rendered = []
    for line in lines(brief):
        if line.kind == "title":
            rendered.append(f"# {line.text}\n")
        elif line.kind == "heading":
            rendered.append(f"\n## {line.text}\n")
        elif line.kind == "bullet":
            rendered.append(f"- {line.text}")
        elif line.kind == "quote":
            rendered.append(f"  > «{line.text}» ({line.source})")
        else:
            rendered.append(f"_{line.text}_")
    return "\n".join(rendered) + "\n"


def to_html(brief: Brief) -> str:
    """A standalone page; every text from a document is escaped."""
    body = []
    for line in lines(brief):
        text = html.escape(line.text)
        if line.kind == "title":
            body.append(f"<h1>{text}</h1>")
        elif line.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif line.kind == "bullet":
            body.append(f"<p class='punkt'>{text}</p>")
        elif line.kind == "quote":
            body.append(
                f"<blockquote>«{text}»<footer>{html.escape(line.source or '')}</footer>"
                "</blockquote>"
            )
        else:
            body.append(f"<p><em>{text}</em></p>")
    title = html.escape(brief.labels("brief.title", actor=brief.actor))
    return (
        "<!doctype html>\n<html lang='nb'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        "<style>body{font-family:sans-serif;max-width:45em;margin:2em auto}"
        "blockquote{border-left:3px solid #888;margin:.3em 0 .8em 1em;padding-left:.8em}"
        "footer{font-size:.85em;color:#444}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


def write_docx(brief: Brief, target: str | Path | BinaryIO) -> None:
    from docx import Document as Docx

    document = Docx()
    for line in lines(brief):
        if line.kind == "title":
            document.add_heading(line.text, level=0)
        elif line.kind == "heading":
            document.add_heading(line.text, level=1)
        elif line.kind == "bullet":
            document.add_paragraph(line.text, style="List Bullet")
        elif line.kind == "quote":
            paragraph = document.add_paragraph(style="Quote")
            paragraph.add_run(f"«{line.text}» ")
            paragraph.add_run(f"({line.source})").italic = True
        else:
            document.add_paragraph(line.text).runs[0].italic = True
    document.save(target)  # type: ignore[arg-type]
