"""Commands on the coding: correct it, code again, train the model, measure, check a taxonomy."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from planatlas.cli import err, fail, open_atlas, out, render
from planatlas.export.contract import coding_summary


@click.command(name="eval")
@click.argument(
    "gold_dirs",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--details", is_flag=True, help="Vis utsagn som ikke ble funnet, og ekstra utsagn.")
@click.option(
    "--coder",
    type=click.Choice(["model", "held-out", "rules"]),
    default="model",
    show_default=True,
    help="model: den innebygde modellen (eller PLANATLAS_MODEL), hvert gulldokument målt med "
    "modellen som ble trent uten det; held-out: reglene pluss modeller trent nå på de andre "
    "gulldokumentene; rules: bare reglene.",
)
@click.option(
    "--from-pdf",
    is_flag=True,
    help="Les hver gullfils source_pdf på sidene den oppgir, og mål utsagnene mellom første og "
    "siste treff.",
)
def eval_command(
    gold_dirs: tuple[Path, ...], as_json: bool, details: bool, coder: str, from_pdf: bool
) -> None:
    """Mål analysen mot gullstandarden (../shared/gold ../shared/gold/programmes)."""
    from planatlas.evaluate import evaluate, evaluate_pdfs, folder_totals

    if from_pdf and coder != "rules":
        raise click.UsageError("--from-pdf måler lesingen av PDF-ene; bruk den med --coder rules")
    if from_pdf:
        from planatlas.pipeline import analyze, read

        scores, overall = evaluate_pdfs(
            gold_dirs, lambda pdf, pages: analyze(read(pdf, pages=pages), use_model=False)
        )
        described = "bare reglene"
    else:
        analyzer, described = _analyzer(coder, gold_dirs)
        scores, overall = evaluate(gold_dirs, analyzer)
    totals = folder_totals(gold_dirs, scores)
    if as_json:
        payload = {
            "coder": described,
            "documents": [s.as_dict() for s in scores],
            "folders": [s.as_dict() for s in totals],
            "overall": overall.as_dict(),
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    err.print(f"Koder: {described}", markup=False, highlight=False)
    out.print(render.score_table(scores, overall, totals))
    out.print(_confusion_table(overall))
    out.print(_issue_table(overall))
    if details:
        for score in scores:
            for text in score.misses:
                out.print(Text.assemble(("mangler", "yellow"), f" {score.name}: {text}"))
            for text in score.extras:
                out.print(Text.assemble(("ekstra", "cyan"), f"   {score.name}: {text}"))


def _analyzer(coder: str, gold_dirs: tuple[Path, ...]) -> tuple[Any, str]:
    """The analyzer `eval` scores, and how to describe it."""
    from planatlas.coding.model import model_file, model_path
    from planatlas.pipeline import analyze
    from planatlas.training import fold_analyzer, held_out_analyzer

    if coder == "held-out":
        return held_out_analyzer(gold_dirs), "reglene og modeller trent nå uten dokumentet de måler"
    found = model_file() if coder == "model" else None
    if found is None:
        return (lambda path: analyze(path, use_model=False)), "bare reglene"
    return fold_analyzer(found), (
        f"modellen {model_path()}, holdt utenfor: hvert dokument kodet av en modell som ikke så det"
    )


ISSUES_SHOWN = 10


def _confusion_table(overall: Any) -> Any:
    from rich.table import Table

    from planatlas.evaluate import confusion

    table = Table(title="Typer: gull (rader) mot analysen (kolonner)")
    matrix = confusion(overall.kinds)
    found = sorted({k for row in matrix.values() for k in row} | set(matrix))
    table.add_column("gull \\ analyse")
    for kind in found:
        table.add_column(kind, justify="right")
    for gold in found:
        row = matrix.get(gold, {})
        table.add_row(gold, *[str(row.get(k, "")) for k in found])
    return table


def _issue_table(overall: Any) -> Any:
    from rich.table import Table

    from planatlas.evaluate import worst_issues

    table = Table(title=f"Sakene som oftest bommes på (de {ISSUES_SHOWN} verste)")
    for column in ("Sak", "Riktig", "Mangler", "Snudd", "Ekstra"):
        table.add_column(column, justify="left" if column == "Sak" else "right")
    for issue, counts in worst_issues(overall, ISSUES_SHOWN):
        table.add_row(
            issue,
            *[str(counts[k]) for k in ("right", "missed", "reversed", "added")],
        )
    return table


@click.command()
@click.argument("statement", type=int)
@click.option("--kind", default=None, help="Ny type (goal, measure, demand, ...).")
@click.option("--topics", default=None, help="Nye temaer, kommaseparert: governance,hospitals.")
@click.option(
    "--position",
    "positions",
    multiple=True,
    help="Standpunkt sak:retning, f.eks. hospital_trust_model:- (kan gjentas; «none» tømmer).",
)
@click.option("--language", default=None, type=click.Choice(["nb", "nn", "en", "other"]))
@click.option("--author", required=True, help="Hvem som retter (lagres med rettelsen).")
@click.pass_context
def code(
    ctx: click.Context,
    statement: int,
    kind: str | None,
    topics: str | None,
    positions: tuple[str, ...],
    language: str | None,
    author: str,
) -> None:
    """Rett kodingen av et utsagn; rettelsen overlever ny analyse."""
    from planatlas.coding.corrections import correct

    correction = _correction(author, kind, topics, positions, language)
    if not correction.fields:
        fail("oppgi minst én av --kind, --topics, --position, --language")
    atlas = open_atlas(ctx)
    correct(atlas, statement, correction)
    stored = atlas.statement(statement)
    out.print(f"Rettet utsagn {statement}: {coding_summary(stored)}", highlight=False, markup=False)


def _correction(
    author: str,
    kind: str | None,
    topics: str | None,
    positions: tuple[str, ...],
    language: str | None,
) -> Any:
    from planatlas.coding.corrections import Correction

    given = Correction(author=author, kind=kind, language=language)
    given.fields = [name for name, value in (("kind", kind), ("language", language)) if value]
    if topics is not None:
        given.topics = [t.strip() for t in topics.split(",") if t.strip()]
        given.fields.append("topics")
    if positions:
        given.positions = [_position(p) for p in positions if p.strip().lower() != "none"]
        given.fields.append("positions")
    return given


def _position(given: str) -> dict[str, str]:
    issue, sep, direction = given.rpartition(":")
    if not sep or not issue:
        fail(f"standpunkt må skrives sak:retning, f.eks. hospital_trust_model:- ({given})")
    return {"issue": issue.strip(), "direction": direction.strip()}


@click.command()
@click.argument("document", required=False)
@click.pass_context
def recode(ctx: click.Context, document: str | None) -> None:
    """Analyser lagrede dokumenter på nytt (alle, eller ett); rettelser beholdes."""
    from planatlas.batch import recode as run_recode

    done = run_recode(open_atlas(ctx), document)
    err.print(f"Kodet {done} utsagn på nytt; rettelser er beholdt.")


@click.command()
@click.option(
    "--gold",
    "gold_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Gullstandard å lære av i tillegg til rettelsene i atlaset (f.eks. ../shared/gold; "
    "kan gjentas).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Modellfilen (standard: PLANATLAS_MODEL, ellers planatlas-model.zip; med --shipped: "
    "den innebygde modellen i pakken).",
)
@click.option(
    "--shipped",
    is_flag=True,
    help="Bygg den innebygde modellen av gullstandarden alene (ikke atlaset), med én modell "
    "per gulldokument trent uten det, så `planatlas eval` måler holdt utenfor.",
)
@click.pass_context
def train(
    ctx: click.Context, gold_dirs: tuple[Path, ...], output: Path | None, shipped: bool
) -> None:
    """Lær av gullstandarden og rettelsene; vis kryssvaliderte tall og lagre modellen."""
    from planatlas import training
    from planatlas.coding.model import model_path, shipped_path

    if shipped:
        if not gold_dirs:
            fail(
                "--shipped trenger gullstandarden: "
                "--gold ../shared/gold --gold ../shared/gold/programmes"
            )
        target = output or shipped_path()
        examples = training.examples_from_gold(gold_dirs, out_of_field=True)
        training.save_shipped(target, examples, gold_dirs)
        err.print(
            f"Lærte av {len(examples)} utsagn i {len({e.group for e in examples})} "
            f"dokumenter; lagret {target} ({target.stat().st_size / 1e6:.1f} MB).",
            markup=False,
            highlight=False,
        )
        return
    examples = training.examples_from_atlas(open_atlas(ctx))
    if gold_dirs:
        examples += training.examples_from_gold(gold_dirs)
    scores = training.cross_validate(examples) if len({e.group for e in examples}) > 1 else []
    model = training.train(examples)
    target = output or model_path() or Path("planatlas-model.zip")
    if target == shipped_path():
        target = Path("planatlas-model.zip")  # the package's own model is built by --shipped
    model.save(target)
    if scores:
        out.print(render.training_table(scores))
    err.print(
        f"Lærte av {len(examples)} kodede utsagn; lagret {target}. "
        f"Sett PLANATLAS_MODEL={target} for å bruke modellen.",
        markup=False,
        highlight=False,
    )


@click.command()
@click.argument("path", type=click.Path(dir_okay=False), required=False)
def taxonomy(path: str | None) -> None:
    """Sjekk en taksonomifil (eller den som er i bruk) og vis temaer og saker."""
    from planatlas.coding.taxonomy import active_taxonomy, load_taxonomy

    found = load_taxonomy(path) if path else active_taxonomy()
    out.print(
        f"{found.source}: {len(found.topics)} temaer, {len(found.issues)} saker – i orden",
        highlight=False,
        markup=False,
    )
    for key, topic in found.topics.items():
        issues = [i for i, issue in found.issues.items() if key in issue.topics]
        out.print(
            f"  {key} ({topic.nb}): {', '.join(issues) or '–'}", highlight=False, markup=False
        )


COMMANDS = [eval_command, code, recode, train, taxonomy]
