"""`python -m comparer ...`: the pipeline without a browser.

Exit status: 0 on success, 1 when some inputs failed (the others are still processed and
reported), 2 on bad usage. Errors go to stderr, one line per failed input.
"""
from __future__ import annotations

import sys

import click

from . import export
from .extract import DEFAULT_TOLERANCE
from .models import CLAIM_FIELDS, CLUSTER_FIELDS, EXTRACT_FIELDS, Claim, Cluster

CLAIM_TABLE = [("outlet", 18), ("quote", 44), ("value", 12), ("qualifier", 9), ("unit", 5),
               ("thing", 26), ("attribution", 26)]


def _nothing_found(inputs, articles, errors) -> list:
    """A batch that yields no article and no error (an empty folder, only unsupported files) is an
    error too: the user asked for articles and must be told none were found."""
    if articles or errors:
        return list(errors)
    from .errors import ComparerError
    from .ingest import SUPPORTED

    return [ComparerError(" ".join(inputs), "no articles found (readable files end in " + ", ".join(SUPPORTED) + ")")]


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
        # UTF-8 bytes whatever the locale: a terminal or pipe set to ASCII or Latin-1 must not turn
        # a claim in euros into a UnicodeEncodeError, and CSV keeps its "\r\n" on every platform
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            stream.write(text.encode("utf-8"))
            stream.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Compare the figures that different news outlets report."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes that extract claims at once (0: one per CPU core; used for large inputs only).")
def claims(inputs: tuple[str, ...], fmt: str, out: str | None, jobs: int) -> None:
    """Print every numeric claim found in the inputs (files or directories)."""
    from .pipeline import claims_from_paths

    articles, found, errors = claims_from_paths(inputs, DEFAULT_TOLERANCE, jobs)
    errors = _nothing_found(inputs, articles, errors)
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


def _tolerance(ctx, param, value: float) -> float:
    if not 0 <= value < 1:
        raise click.BadParameter("must be at least 0 and less than 1 (0.05 is 5 %)")
    return value


def _write_dir(out: str, files: dict[str, str]) -> None:
    import os

    try:
        os.makedirs(out, exist_ok=True)
        for name, text in files.items():
            with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
    except OSError as exc:
        raise click.UsageError(f"cannot write to {out}: {exc.strerror or exc}") from None


def cluster_table(claims, clusters) -> str:
    """A readable per-cluster summary: label, status, consensus and spread, then each outlet's
    figure with its verdict and source."""
    lines = []
    for cl in clusters:
        consensus = "no consensus" if cl.consensus is None else \
            f"consensus {export.plain(round(cl.consensus, 6))}{' ' + cl.unit if cl.unit else ''}"
        spread = "" if cl.spread is None else f", spread {cl.spread:.2f}"
        lines.append(f"{cl.id}  {cl.label} — {cl.status}, {cl.n_outlets} outlet"
                     f"{'s' if cl.n_outlets != 1 else ''}, {consensus}{spread}")
        if cl.differs_by_source:
            lines.append("    outlets differ by source: " + "; ".join(cl.sources))
        for i in cl.members:
            c = claims[i]
            source = f"  ({c.attribution})" if c.attribution else ""
            quote = " ".join(c.quote.split())
            lines.append(f"    {c.verdict:<8} {c.outlet[:24]:<24} {quote}{source}")
        lines.append("")
    return "\n".join(lines)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(file_okay=False),
              help="Write claims.csv and clusters.csv (and the same as .parquet) into this directory "
                   "instead of printing.")
@click.option("--tolerance", type=float, default=DEFAULT_TOLERANCE, show_default=True, callback=_tolerance,
              help="Relative tolerance within which two figures agree.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes that extract claims at once (0: one per CPU core; used for large inputs only). "
                   "With --engine dask and no --scheduler: the workers of the local Dask cluster.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the stages in this process (and --jobs workers), or on a Dask cluster "
                   "(pip install -r requirements-dask.txt).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of an existing Dask cluster (tcp://host:8786); "
                   "without it a local cluster is started.")
@click.option("--partitions", type=click.IntRange(min=1),
              help="With --engine dask: partitions of the articles (default: 4 for each worker thread).")
def compare(inputs: tuple[str, ...], fmt: str, out: str | None, tolerance: float, jobs: int, engine: str,
            scheduler: str | None, partitions: int | None) -> None:
    """Group the claims about the same quantity and say where the outlets agree or differ."""
    if engine == "local" and (scheduler or partitions):
        raise click.UsageError("--scheduler and --partitions need --engine dask")
    if engine == "dask":
        articles, found, clusters, errors = _compare_on_dask(inputs, tolerance, jobs, scheduler, partitions)
    else:
        from .pipeline import compare_paths

        articles, found, clusters, errors = compare_paths(inputs, tolerance, jobs=jobs)
    errors = _nothing_found(inputs, articles, errors)
    records = [c.to_dict() for c in found]
    if out:
        cluster_records = [c.to_dict() for c in clusters]
        _write_dir(out, {"claims.csv": export.to_csv(records, CLAIM_FIELDS),
                         "clusters.csv": export.to_csv(cluster_records, CLUSTER_FIELDS)})
        _write_parquet(out, {"claims.parquet": (records, CLAIM_FIELDS, Claim),
                             "clusters.parquet": (cluster_records, CLUSTER_FIELDS, Cluster)})
    elif fmt == "jsonl":
        _write(export.to_jsonl(records, CLAIM_FIELDS), None)
    elif fmt == "csv":
        _write(export.to_csv(records, CLAIM_FIELDS), None)
    else:
        _write(cluster_table(found, clusters), None)
    _report(errors)
    sys.exit(1 if errors else 0)


def _compare_on_dask(inputs, tolerance: float, jobs: int, scheduler: str | None, partitions: int | None):
    """compare's stages on a Dask cluster (see comparer.dask_engine): Dask is imported only here."""
    from . import dask_engine

    try:
        client = dask_engine.connect(scheduler, jobs)
    except dask_engine.DaskUnavailable as exc:
        raise click.UsageError(f"{exc.source}: {exc.reason}") from None
    try:
        return dask_engine.compare_paths(inputs, tolerance, client=client, partitions=partitions)
    except Exception as exc:  # the cluster's failure, not the inputs': no partial result is written
        reason = " ".join(str(exc).split())[:300]
        raise click.ClickException(
            f"the Dask cluster failed ({type(exc).__name__}: {reason}); the scheduler and every worker need "
            "comparer importable (see the README's 'On a Dask cluster')") from None
    finally:
        dask_engine.close(client)


def _write_parquet(out: str, tables: dict[str, tuple[list[dict], list[str], type]]) -> None:
    """The tables of `--out` as Parquet too (typed columns: quicker to load than CSV when large), each
    column typed as the field of its record type."""
    import dataclasses
    import os

    try:
        for name, (records, fields, record_type) in tables.items():
            types = {f.name: str(f.type) for f in dataclasses.fields(record_type)}
            export.to_parquet(records, fields, os.path.join(out, name), types)
    except ImportError:
        click.echo("comparer: Parquet files not written: pyarrow is not installed", err=True)
    except OSError as exc:
        raise click.UsageError(f"cannot write to {out}: {exc.strerror or exc}") from None


def main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="python -m comparer", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("comparer: interrupted", err=True)
        sys.exit(130)
