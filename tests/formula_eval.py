"""A small evaluator of the Excel formulas the template writes (tests/test_template.py
checks the summary sheet's live formulas with it).

Exact, and independent of the writer: it reads the workbook with openpyxl, takes a cell's
double as the exact binary fraction it stores (so binary noise is there as in Excel), and
computes in fractions. It knows the grammar and functions the template uses: references
(also to another sheet and one-column ranges), ``+ - * /``, comparisons, and ``SUMPRODUCT``,
``INDEX``, ``SUM``, ``ROUND`` (Excel's: half away from zero on 15 significant digits),
``LOOKUP``, ``COUNTBLANK`` and ``IF``; anything else fails an assertion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?
              \$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![\w(])
     |(?P<func>[A-Z]+)\(
     |(?P<num>\d+(?:\.\d+)?)
     |(?P<str>"[^"]*")
     |(?P<op>>=|<=|<>|[-+*/=(),<>])
    )""",
    re.VERBOSE,
)


class Evaluator:
    """Evaluates the formulas the template writes, exactly: a cell's double is taken as
    the exact binary fraction it stores, so binary noise is there as in Excel, and
    ``ROUND`` rounds half away from zero. Independent of the writer: reads the workbook."""

    def __init__(self, book: Any) -> None:
        self.book = book

    def cell(self, sheet: Any, ref: str) -> Any:
        value = sheet[ref.replace("$", "")].value
        if isinstance(value, str) and value.startswith("="):
            return self.formula(sheet, value[1:])
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return Fraction(value)
        return value

    def formula(self, sheet: Any, text: str) -> Any:
        tokens: list[tuple[str | None, str]] = []
        at = 0
        while text[at:].strip():
            m = _TOKEN.match(text, at)
            assert m is not None and m.lastgroup is not None, f"cannot read {text[at:]!r}"
            tokens.append((m.lastgroup, m[m.lastgroup]))
            at = m.end()
        self.tokens, self.pos, self.sheet = tokens, 0, sheet
        value = self.compare()
        assert self.pos == len(tokens), text
        return value

    # recursive descent over the tokens
    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str | None, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def compare(self) -> Any:
        left = self.add()
        while self.peek() in ("=", ">=", "<=", "<>", "<", ">"):
            op = self.take()[1]
            left = self.apply(op, left, self.add())
        return left

    def add(self) -> Any:
        left = self.mul()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            left = self.apply(op, left, self.mul())
        return left

    def mul(self) -> Any:
        left = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            left = self.apply(op, left, self.unary())
        return left

    def unary(self) -> Any:
        if self.peek() == "-":
            self.take()
            value = self.unary()
            if isinstance(value, list):
                return [-_num(v) for v in value]
            return -_num(value)
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return Fraction(text)
        if kind == "str":
            return text[1:-1]
        if kind == "ref":
            return self.reference(text)
        if kind == "op" and text == "(":
            value = self.compare()
            assert self.take()[1] == ")"
            return value
        if kind == "func":
            args = [self.compare()]
            while self.peek() == ",":
                self.take()
                args.append(self.compare())
            assert self.take()[1] == ")"
            return FUNCTIONS[text](*args)
        raise AssertionError(f"unexpected token {text!r}")

    def reference(self, text: str) -> Any:
        sheet = self.sheet
        if "!" in text:
            name, text = text.rsplit("!", 1)
            sheet = self.book[name.strip("'").replace("''", "'")]
        state = (self.tokens, self.pos, self.sheet)
        try:
            if ":" in text:
                start, end = text.replace("$", "").split(":")
                letter = re.match(r"[A-Z]+", start)[0]  # type: ignore[index]
                assert end.startswith(letter)  # one column
                first, last = int(start[len(letter) :]), int(end[len(letter) :])
                return [self.cell(sheet, f"{letter}{r}") for r in range(first, last + 1)]
            return self.cell(sheet, text)
        finally:
            self.tokens, self.pos, self.sheet = state

    @staticmethod
    def apply(op: str, left: Any, right: Any) -> Any:
        if isinstance(left, list):
            return [Evaluator.apply(op, item, right) for item in left]
        if op in ("=", "<>"):
            same = (left if left is not None else "") == (right if right is not None else "")
            return same if op == "=" else not same
        a, b = _num(left), _num(right)
        results: dict[str, Callable[[], Any]] = {
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: a / b,
            ">=": lambda: a >= b,
            "<=": lambda: a <= b,
            "<": lambda: a < b,
            ">": lambda: a > b,
        }
        return results[op]()


def _num(value: Any) -> Fraction:
    if value is None or value == "":
        return Fraction(0)
    if isinstance(value, bool):
        return Fraction(int(value))
    assert isinstance(value, Fraction), value
    return value


def _numbers(values: list[Any]) -> list[Fraction]:
    """What SUM and SUMPRODUCT add: numbers only (text, blanks and TRUE/FALSE count 0)."""
    return [v if isinstance(v, Fraction) else Fraction(0) for v in values]


def excel_round(value: Fraction, places: Fraction) -> Fraction:
    """Excel's ROUND: half away from zero on the number as shown to 15 significant digits,
    the result a double (so ROUND(x,2) = 2.6 equals the 2.6 typed in the band table)."""
    shown = Decimal(format(float(value), ".15g"))
    rounded = shown.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    return Fraction(float(rounded))


def _lookup(key: Fraction, edges: list[Any], names: list[Any]) -> Any:
    found = [n for e, n in zip(edges, names, strict=True) if e <= key]
    assert found, key
    return found[-1]


def _sumproduct(*arrays: list[Any]) -> Fraction:
    """SUMPRODUCT of one or more equally long arrays (numbers only count)."""
    total = Fraction(0)
    for row in zip(*map(_numbers, arrays), strict=True):
        product = Fraction(1)
        for item in row:
            product *= item
        total += product
    return total


def _index(values: list[Any], position: Fraction) -> Any:
    assert position.denominator == 1 and 1 <= position <= len(values), position
    return values[int(position) - 1]


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "SUMPRODUCT": _sumproduct,
    "INDEX": _index,
    "SUM": lambda a: sum(_numbers(a), Fraction(0)),
    "ROUND": excel_round,
    "LOOKUP": _lookup,
    "COUNTBLANK": lambda a: Fraction(sum(1 for v in a if v is None or v == "")),
    "IF": lambda condition, yes, no: yes if condition else no,
}
