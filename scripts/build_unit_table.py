"""Write comparer/unit_table.py: pint's conversion of every unit form the extractor knows.

    .venv/bin/python scripts/build_unit_table.py

Run it after changing `patterns.UNIT_FORMS` or `units.py` (tests/test_unit_table.py fails until
then): the table spares `python -m comparer` building pint's registry, which takes most of a second.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from comparer import patterns, units  # noqa: E402

TARGET = ROOT / "comparer" / "unit_table.py"


def table() -> dict[str, tuple[str, float, float, str]]:
    return {name: units.pint_conversion(name) for name in sorted(set(patterns.UNIT_FORMS.values()))}


def source(conversions: dict[str, tuple[str, float, float, str]]) -> str:
    import pint

    lines = [f'"""Conversions of the known unit forms, computed by pint {pint.__version__} (see units.py).',
             "",
             "Made by scripts/build_unit_table.py; do not edit by hand. Each entry: pint expression ->",
             '(canonical unit, factor, offset, norm unit), norm value = value * factor + offset."""',
             "", "CONVERSIONS = {"]
    lines += [f"    {name!r}: ({unit!r}, {factor!r}, {offset!r}, {norm!r}),"
              for name, (unit, factor, offset, norm) in conversions.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(source(table()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
