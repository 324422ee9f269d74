"""The exact-number helpers: reading cells and text, rounding half-up, writing figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from spbe_cli.exact import (
    fixed,
    format_exact,
    from_float,
    parse_number,
    round_half_up,
    value_text,
)

decimals = st.integers(0, 10**11 - 1).map(lambda n: Fraction(n, 10**10))
simple = st.builds(Fraction, st.integers(0, 5000), st.integers(1, 1000))


@given(decimals)
def test_a_typed_decimal_reads_back_as_itself(value: Fraction) -> None:
    assert from_float(float(value)) == value


@given(simple)
def test_a_simple_fraction_reads_back_from_its_double_and_16_digits(value: Fraction) -> None:
    assert from_float(float(value)) == value
    assert from_float(float(f"{float(value):.16g}")) == value


def test_binary_noise_is_not_a_value() -> None:
    assert from_float(0.1 + 0.2) == Fraction(3, 10)
    assert from_float(1.166666666666667) == Fraction(7, 6)


@given(st.integers(-(10**6), 10**6), st.integers(1, 10**4), st.integers(0, 4))
def test_round_half_up_is_the_nearest_with_halves_away_from_zero(
    numerator: int, denominator: int, places: int
) -> None:
    value = Fraction(numerator, denominator)
    rounded = Fraction(round_half_up(value, places))
    unit = Fraction(1, 10**places)
    assert abs(rounded - value) <= unit / 2
    if abs(rounded - value) == unit / 2:
        assert abs(rounded) > abs(value)


def test_band_edges_round_both_ways() -> None:
    assert round_half_up(Fraction(2595, 1000), 2) == Decimal("2.60")
    assert round_half_up(Fraction(2594999, 1000000), 2) == Decimal("2.59")
    assert round_half_up(Fraction(25, 8), 2) == Decimal("3.13")  # Jepara 2025: 3,125 -> 3,13


@given(decimals)
def test_parse_number_reads_dot_and_comma_alike(value: Fraction) -> None:
    text = format_exact(value)
    assert parse_number(text) == value
    assert parse_number(text.replace(".", ",")) == value


def test_parse_number_refuses_what_is_not_one_number() -> None:
    assert parse_number("7/6") == Fraction(7, 6)
    for text in ("1.234,5", "1,2,3", "x", "", "1/0", "--1"):
        assert parse_number(text) is None


def test_indonesian_figures_have_a_decimal_comma() -> None:
    assert fixed(Fraction(295, 100), 2, "id") == "2,95"
    assert fixed(Fraction(295, 100), 2, "en") == "2.95"
    assert value_text(Fraction(63, 50), "id") == "1,26"
    assert value_text(Fraction(7, 6), "id") == "1,17"
    assert value_text(3, "id") == "3"
