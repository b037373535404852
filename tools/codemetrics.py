"""Size figures of the library: top-level modules, the longest modules and functions.

    python tools/codemetrics.py [planatlas]

Used to report a restructuring before and after; reads files only.
"""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path


def functions(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((node.name, (node.end_lineno or node.lineno) - node.lineno + 1))
    return found


def main(root: str = "planatlas") -> None:
    base = Path(root)
    files = sorted(p for p in base.rglob("*.py") if "migrations" not in p.parts)
    top = [p for p in base.glob("*.py") if p.name != "__init__.py"]
    sizes = sorted(((len(p.read_text().splitlines()), p) for p in files), reverse=True)
    funcs = [
        (length, f"{p.relative_to(base)}:{name}")
        for p in files
        for name, length in functions(ast.parse(p.read_text()))
    ]
    funcs.sort(reverse=True)
    print(
        f"top-level modules: {len(top)}; packages: "
        f"{sum(1 for d in base.iterdir() if (d / '__init__.py').exists())}; files: {len(files)}"
    )
    print(
        f"lines: {sum(n for n, _ in sizes)}; functions: {len(funcs)}, median "
        f"{statistics.median(n for n, _ in funcs):.0f} lines, over 60: "
        f"{sum(1 for n, _ in funcs if n > 60)}"
    )
    print("longest modules:", ", ".join(f"{p.relative_to(base)} {n}" for n, p in sizes[:6]))
    print("longest functions:", ", ".join(f"{name} {n}" for n, name in funcs[:6]))


if __name__ == "__main__":
    main(*sys.argv[1:])
