"""Units: canonical symbols as written and conversion to the norm units of SPEC section 3.

Physical units are parsed and converted by pint. Building pint's registry takes most of a second, so
the conversions of the unit forms the extractor knows (`patterns.UNIT_FORMS`) are computed by pint
ahead of time and kept in `unit_table.py` (made by `scripts/build_unit_table.py`, checked against
pint by the tests); pint is loaded only for a unit outside that table. Money has no exchange
rates: its norm unit is its ISO code.
"""
from __future__ import annotations

from functools import lru_cache

from . import patterns

# norm units by dimensionality (SPEC section 3); anything else goes to SI base units
NORM_BY_DIMENSION = {
    "[length]": "m",
    "[length] ** 2": "m2",
    "[length] ** 3": "m3",
    "[mass]": "kg",
    "[time]": "s",
    "[length] / [time]": "m/s",
    "[mass] * [length] ** 2 / [time] ** 3": "W",
    "[mass] * [length] ** 2 / [time] ** 2": "J",
}
PINT_TARGET = {"m": "m", "m2": "m**2", "m3": "m**3", "kg": "kg", "s": "s", "m/s": "m/s", "W": "W", "J": "J"}
# pint's short symbols that read badly in a table
SYMBOL_FIXES = {"a": "year", "d": "day", "l": "L", "10 * year": "decade", "km**3": "bcm", "oil_barrel": "bbl"}


@lru_cache(maxsize=1)
def registry():
    import pint

    return pint.UnitRegistry()


def _symbol(units) -> str:
    text = format(units, "~")
    text = SYMBOL_FIXES.get(text, text)
    return text.replace(" ** ", "").replace(" / ", "/").replace(" * ", "·").replace(" ", "")


def _conversion(pint_name: str) -> tuple[str, float, float, str]:
    """(canonical unit, factor, offset, norm unit) for one pint unit expression."""
    from .unit_table import CONVERSIONS

    found = CONVERSIONS.get(pint_name)
    return found if found is not None else pint_conversion(pint_name)


@lru_cache(maxsize=512)
def pint_conversion(pint_name: str) -> tuple[str, float, float, str]:
    """`_conversion` as pint computes it (what `unit_table.py` holds for the known forms)."""
    ureg = registry()
    quantity = ureg.parse_expression(pint_name)
    if not hasattr(quantity, "units"):
        raise KeyError(pint_name)
    unit = SYMBOL_FIXES.get(pint_name) or _symbol(quantity.units)
    scale = float(quantity.magnitude)
    quantity = ureg.Quantity(1.0, quantity.units)
    dim = str(quantity.dimensionality)
    if str(quantity.units) in ("degree_Celsius", "degree_Fahrenheit"):
        # temperatures keep a scale of their own: compare them in degrees Celsius
        zero = ureg.Quantity(0, quantity.units).to("degC").magnitude
        one = ureg.Quantity(1, quantity.units).to("degC").magnitude
        return unit, (one - zero) * scale, zero, "degC"
    norm = NORM_BY_DIMENSION.get(dim)
    if norm is None:
        base = quantity.to_base_units()
        return unit, float(base.magnitude) * scale, 0.0, _symbol(base.units)
    target = PINT_TARGET[norm]
    factor = quantity.to(ureg.parse_units(target)).magnitude
    return unit, float(factor) * scale, 0.0, norm


@lru_cache(maxsize=4096)  # the same few units come back all the time
def lookup(written: str) -> str | None:
    """The pint expression for a unit as written ("sq km" -> "km**2"), or None if unknown."""
    return patterns.UNIT_FORMS.get(written) or patterns.UNIT_FORMS.get(written.lower()) or \
        patterns.UNIT_FORMS.get(" ".join(written.lower().split()))


@lru_cache(maxsize=4096)
def _written_conversion(written: str) -> tuple[str, float, float, str]:
    """_conversion of a unit as written, looked up once for each way it is written."""
    name = lookup(written)
    if name is None:
        raise KeyError(written)
    return _conversion(name)


def normalise(value: float, written: str) -> tuple[str, float, str]:
    """(unit, norm_value, norm_unit) of a value in a physical unit as written in the text."""
    unit, factor, offset, norm = _written_conversion(written)
    return unit, value * factor + offset, norm
