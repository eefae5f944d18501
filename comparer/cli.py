"""`python -m comparer ...`: the pipeline without a browser.

Exit status: 0 on success, 1 when some inputs failed (the others are still processed and
reported), 2 on bad usage. Errors go to stderr, one line per failed input.
"""
from __future__ import annotations

import sys

import click

from . import export
from .extract import DEFAULT_TOLERANCE
from .models import EXTRACT_FIELDS

CLAIM_TABLE = [("outlet", 18), ("quote", 44), ("value", 12), ("qualifier", 9), ("unit", 5),
               ("thing", 26), ("attribution", 26)]


def _report(errors) -> None:
    for err in errors:
        reason = " ".join(str(getattr(err, "reason", err)).split())
        click.echo(f"comparer: {getattr(err, 'source', '?')}: {reason}", err=True)


def _write(text: str, out: str | None) -> None:
    if out:
        try:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise click.UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Compare the figures that different news outlets report."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def claims(inputs: tuple[str, ...], fmt: str, out: str | None) -> None:
    """Print every numeric claim found in the inputs (files or directories)."""
    from .pipeline import claims_from_paths

    _, found, errors = claims_from_paths(inputs, DEFAULT_TOLERANCE)
    records = [c.to_dict() for c in found]
    if fmt == "jsonl":
        text = export.to_jsonl(records, EXTRACT_FIELDS)
    elif fmt == "csv":
        text = export.to_csv(records, EXTRACT_FIELDS)
    else:
        text = export.to_table(records, CLAIM_TABLE)
    _write(text, out)
    _report(errors)
    sys.exit(1 if errors else 0)


def main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="python -m comparer", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("comparer: interrupted", err=True)
        sys.exit(130)
