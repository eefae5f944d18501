"""The unit conversions kept in comparer/unit_table.py are pint's, for every unit form the extractor
knows, so that the CLI never waits for pint's registry on ordinary articles."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from comparer import patterns, units
from comparer.unit_table import CONVERSIONS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_unit_table  # noqa: E402


@pytest.mark.parametrize("name", sorted(set(patterns.UNIT_FORMS.values())))
def test_every_known_form_is_in_the_table_as_pint_converts_it(name):
    assert CONVERSIONS.get(name) == units.pint_conversion(name), \
        "run .venv/bin/python scripts/build_unit_table.py"


def test_the_table_file_is_what_the_script_writes():
    written = (ROOT / "comparer" / "unit_table.py").read_text(encoding="utf-8")
    assert written == build_unit_table.source(build_unit_table.table()), \
        "run .venv/bin/python scripts/build_unit_table.py"


def test_a_unit_outside_the_table_still_goes_to_pint():
    assert "furlong" not in CONVERSIONS
    assert units._conversion("furlong") == units.pint_conversion("furlong")
    assert units._conversion("furlong")[3] == "m"


def test_extracting_known_units_does_not_load_pint():
    code = ("import sys\n"
            "from comparer.extract import extract_claims\n"
            "from comparer.models import Article\n"
            "text = 'The flood covered 300 square kilometres, and 2,000 tonnes of aid and 40 km of road were lost.'\n"
            "claims = extract_claims(Article(text=text, source='a.txt'))\n"
            "print(sorted(c.norm_unit for c in claims), 'pint' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split("] ")[1].strip() == "False", out
    assert "'m2'" in out and "'kg'" in out and "'m'" in out


def test_normalise_is_the_table_s_conversion_of_the_unit_as_written():
    """units.normalise keeps the conversion of each unit as written (_written_conversion): the same as
    looking it up and converting each time, for every known form as written in any case and spacing,
    and an unknown unit is refused each time it comes back."""
    forms = set(patterns.UNIT_FORMS) | {f.upper() for f in patterns.UNIT_FORMS} | \
        {f.title().replace(" ", "  ") for f in patterns.UNIT_FORMS} | {"furlong", "parsecs", "widgets"}
    for written in sorted(forms):
        for value in (0.0, 3.0, -2.5, 1e9):
            name = units.lookup(written)
            if name is None:
                for _ in range(2):
                    with pytest.raises(KeyError):
                        units.normalise(value, written)
                continue
            unit, factor, offset, norm = units._conversion(name)
            assert units.normalise(value, written) == (unit, value * factor + offset, norm), written
            assert units.normalise(value, written) == (unit, value * factor + offset, norm), written
