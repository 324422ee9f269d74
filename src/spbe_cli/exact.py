"""Exact numbers: reading them from text and cells, rounding half-up, writing them out.

Every figure in spbe-cli is a :class:`~fractions.Fraction` until it is published. This
module is the one place that turns text and spreadsheet cells into exact numbers and exact
numbers into text:

* :func:`parse_exact` reads weights and thresholds from framework files (``"1.30"``,
  ``"20/6"``, an int, or a YAML float by its shortest text).
* :func:`parse_number` reads a value a person typed: ``"1,26"`` (the Indonesian decimal
  comma), ``"1.26"``, ``"7/6"``.
* :func:`from_float` reads a number a spreadsheet stored as a binary double. A cell holding
  the formula ``=7/6`` stores the double nearest 7/6 (some writers keep only 15 or 16
  significant digits of it: ``1.166666666666667``); a typed ``1.26`` stores the double
  nearest 1.26. The rule: the double is read as the simplest fraction with a denominator of
  at most :data:`SIMPLE_DENOMINATOR` within a relative :data:`CLOSE_ENOUGH` (10^-15) of it,
  if there is one, else as the shortest decimal that gives the double (``repr``). Both
  readings agree for every value below 10 typed with up to 10 decimals, so the rule never
  picks between two plausible values.
* :func:`publish_units` and :func:`round_half_up` round half away from zero, exactly.
* Every reader refuses text longer than :data:`MAX_TEXT` characters, more than
  :data:`MAX_DIGITS` digits or an exponent beyond :data:`MAX_EXPONENT` *before*
  converting, so ``1e999999999`` (which would build the power) and a 5,000-digit integer
  (beyond Python's conversion limit) are refused at once.
* :func:`format_exact` writes ``13``, ``1.3`` or ``10/3``; :func:`fixed` writes a figure with
  a given number of decimals, with a decimal comma for Indonesian readers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

SIMPLE_DENOMINATOR = 1000
"""The largest denominator :func:`from_float` recognises as a fraction a person meant."""

CLOSE_ENOUGH = Fraction(1, 10**15)
"""How near (relative) a double must be to a simple fraction to be read as it: writers that
keep 16 significant digits (``1.166666666666667`` for 7/6) stay within it."""

MAX_TEXT = 200
"""The longest text read as a number (a weight is ``1.30``; a long ``20/6`` fits easily)."""

MAX_DIGITS = 100
"""The most digits a number read here may have (numerator and denominator together)."""

MAX_EXPONENT = 100
"""The largest exponent (``1.3e2``) :func:`parse_exact` accepts, either sign."""

Lang = Literal["id", "en"]

_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)")


def check_size(text: str) -> None:
    """Raise ``ValueError`` when ``text`` is too long, has too many digits or too large
    an exponent to be one of the numbers this tool reads (checked before converting)."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"a number of {len(text):,} characters is too long (at most {MAX_TEXT})")
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        raise ValueError(f"a number with {digits:,} digits is too long (at most {MAX_DIGITS})")
    exponent = _EXPONENT.search(text)
    if exponent is not None and abs(int(exponent[1])) > MAX_EXPONENT:
        raise ValueError(
            f"the exponent {exponent[1]} is out of range (at most {MAX_EXPONENT} either way)"
        )


def _check_int(value: int) -> None:
    if abs(value) >= 10**MAX_DIGITS:
        raise ValueError(f"a number with more than {MAX_DIGITS} digits is too long")


def parse_exact(value: Any) -> Fraction:
    """An exact number from ``"1.30"``, ``"20/6"``, an int, or a YAML float (by its text).

    Raises ``ValueError`` for anything else (booleans included).
    """
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        _check_int(value)
        return Fraction(value)
    if isinstance(value, Decimal | float):
        # repr() gives the shortest text that reads back as the same float, i.e. what the
        # author wrote (1.3 -> "1.3"), so no binary error enters the arithmetic; a Decimal
        # is read by its text too, so its exponent is bounded like any other.
        value = repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        check_size(text)
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not an exact number such as 1.30 or 20/6") from None
    raise ValueError(f"expected a number such as 1.30 or 20/6, got {type(value).__name__}")


def parse_number(text: str) -> Fraction | None:
    """A number as a person writes it: ``3``, ``1,26``, ``1.26``, ``7/6``; else ``None``.

    A single comma is a decimal comma (``1,26``); thousands separators are not accepted
    (``1.234,5`` is ``None``), since no value here needs them; nor is text longer than
    :data:`MAX_TEXT` characters or with more than :data:`MAX_DIGITS` digits.
    """
    if len(text) > MAX_TEXT:
        return None
    compact = "".join(text.split())
    if sum(c.isdigit() for c in compact) > MAX_DIGITS:
        return None
    if not compact or compact.count(",") > 1 or ("," in compact and "." in compact):
        return None
    compact = compact.replace(",", ".")
    if not all(c.isdigit() or c in "./+-" for c in compact) or "e" in compact.lower():
        return None
    try:
        number = Fraction(compact)
    except (ValueError, ZeroDivisionError):
        return None
    return number


def from_float(value: float) -> Fraction:
    """The exact number a spreadsheet cell's double stands for (see the module doc)."""
    if value.is_integer():
        return Fraction(int(value))
    simple = Fraction(value).limit_denominator(SIMPLE_DENOMINATOR)
    exact = Fraction(value)
    if float(simple) == value or abs(simple - exact) <= abs(exact) * CLOSE_ENOUGH:
        return simple
    return Fraction(repr(value))


def as_value(number: Fraction) -> int | Fraction:
    """An exact value stored compactly: a whole number as ``int`` (fast to sum), else as is."""
    return number.numerator if number.denominator == 1 else number


def publish_units(value: Fraction, places: int) -> int:
    """``value`` rounded half away from zero, in units of ``10**-places`` (an integer)."""
    numerator, denominator = value.numerator, value.denominator
    units: int = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return -units if numerator < 0 else units


def round_half_up(value: Fraction | int, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, exactly."""
    return Decimal(publish_units(Fraction(value), places)).scaleb(-places)


def decimal_places(value: Fraction) -> int | None:
    """How many decimals write ``value`` exactly, or ``None`` when no finite number does."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def format_exact(value: Fraction | int) -> str:
    """An exact number as short text: ``13``, ``1.3``, or ``10/3`` when not a decimal."""
    if isinstance(value, int):
        return str(value)
    if value.denominator == 1:
        return str(value.numerator)
    places = decimal_places(value)
    if places is None:
        return f"{value.numerator}/{value.denominator}"
    digits = abs(value.numerator) * 10**places // value.denominator
    sign = "-" if value.numerator < 0 else ""
    whole, rest = divmod(digits, 10**places)
    return f"{sign}{whole}.{rest:0{places}d}"


def fixed(value: Decimal | Fraction | int, places: int, lang: Lang = "en") -> str:
    """``value`` with exactly ``places`` decimals (half-up); a decimal comma in Indonesian."""
    if not isinstance(value, Decimal):
        value = round_half_up(Fraction(value), places)
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "id" else text


def value_text(value: Fraction | int, lang: Lang = "en", places: int = 2) -> str:
    """An indicator value as people read it: ``3``, ``1,26``; a longer one rounded (``1,17``)."""
    number = Fraction(value)
    if number.denominator == 1:
        return str(number.numerator)
    exact = decimal_places(number)
    shown = fixed(number, exact if exact is not None and exact <= places else places, lang)
    return shown
