"""export: claim records -> JSON lines, CSV (safe to open in a spreadsheet) and a terminal table."""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence

# OWASP CSV injection: a text cell starting with one of these runs as a formula in a spreadsheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def plain(value):
    """A float that holds a whole number as an int (300000.0 -> 300000); a float that is no number
    (inf, nan) as None, since neither JSON nor a spreadsheet has them; anything else as it is."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
    return value


def safe_cell(value):
    """Neutralise a text cell a spreadsheet would run as a formula by prefixing a quote; numbers
    (and None) pass unchanged so numeric columns stay numeric."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_jsonl(records: Iterable[dict], fields: Sequence[str]) -> str:
    return "".join(json.dumps({f: plain(r.get(f)) for f in fields}, ensure_ascii=False, allow_nan=False) + "\n"
                   for r in records)


def _csv_cell(value):
    """A CSV cell: `plain`, then `safe_cell`, None as empty (the common types first, for speed)."""
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if kind is int:
        return value
    value = plain(value)
    return "" if value is None else safe_cell(value)


def to_csv(records: Iterable[dict], fields: Sequence[str]) -> str:
    records = records if isinstance(records, list) else list(records)
    # column by column, the plain text cells inline (most cells): a call per cell is most of the cost
    columns = [[v if type(v) is str and not v.startswith(FORMULA_START) else _csv_cell(v)
                for v in [r.get(f) for r in records]] for f in fields]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows(zip(*columns) if columns else ([] for _ in records))
    return buf.getvalue()


def to_table(records: Iterable[dict], columns: Sequence[tuple[str, int]]) -> str:
    """A fixed-width text table: `columns` holds (field, width); long cells are cut with an ellipsis."""
    def cell(value, width: int) -> str:
        text = "" if value is None else str(plain(value))
        text = " ".join(text.split())
        return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)

    lines = ["  ".join(cell(name, w) for name, w in columns).rstrip()]
    lines.append("  ".join("-" * w for _, w in columns))
    for r in records:
        lines.append("  ".join(cell(r.get(name), w) for name, w in columns).rstrip())
    return "\n".join(lines) + "\n"


def to_parquet(records: Sequence[dict], fields: Sequence[str], path: str, types: Mapping[str, str]) -> None:
    """Write records as a Parquet file (pyarrow): one column per field, typed by `types` (each field's
    annotation: "float | None" makes doubles, "int" integers, anything else text), so that the
    columns keep their type whatever the values; text as it is (no spreadsheet runs a Parquet cell),
    numbers that are no number (inf, nan) as null, as in JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(annotation: str):
        return pa.float64() if "float" in annotation else pa.int64() if "int" in annotation else \
            pa.bool_() if "bool" in annotation else pa.string()

    table = pa.table({f: pa.array([plain(r.get(f)) for r in records], type=arrow_type(types[f])) for f in fields})
    pq.write_table(table, path)
