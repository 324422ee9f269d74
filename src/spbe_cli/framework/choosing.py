"""Which framework scores an agency-year, and why (every command uses the same rule).

In order: the framework asked for (``--framework``); else the one the file names (a
``Kerangka`` cell or column: an id, an alias such as ``59/2020``, a title, or a path to a
YAML file); else the one whose years hold the evaluation year (``applies_from`` ..
``applies_until``: 2018-2020 PermenPANRB 5/2018, 2021-2025 59/2020, 2026 on 8/2026); else
the one framework whose indicator set the file matches exactly; else the one framework the
file's indicator cells are clearly closest to (:func:`nearest`), so that a broken cell (an
unknown id, an error value, a repeated header row) is reported against it, cell by cell,
rather than hiding behind "cannot tell the framework". Otherwise the choice is refused,
naming the frameworks considered and why each does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

from spbe_cli.framework import Framework, compress_ids, load_framework
from spbe_cli.i18n import Text

Origin = Literal["option", "file", "year", "today", "indicators", "default"]


@dataclass(frozen=True, slots=True)
class Choice:
    """A framework and why it was chosen (``detail``: the year, the cell's text, ...)."""

    framework: Framework
    origin: Origin
    detail: str | None = None
    off: int = 0
    """For a choice by the indicators the file is closest to: the cells that do not fit."""

    def reason(self) -> Text:
        """Why, in a few words: ``menurut tahun 2026`` / ``by the year 2026``."""
        detail = self.detail or ""
        if self.origin == "indicators" and self.off:
            return Text(
                f"daftar indikatornya paling dekat dengan kerangka ini ({self.off} "
                "tidak cocok; lihat masalah di bawah)",
                f"its indicator set is closest to this framework ({self.off} not "
                "fitting; see the problems below)",
            )
        return {
            "option": Text("dipilih dengan --framework", "chosen with --framework"),
            "file": Text(f"disebut di berkas ({detail})", f"named in the file ({detail})"),
            "year": Text(f"menurut tahun {detail}", f"by the year {detail}"),
            "today": Text(f"menurut tahun berjalan {detail}", f"by the current year {detail}"),
            "indicators": Text(
                f"menurut daftar indikatornya ({detail})", f"by its indicator set ({detail})"
            ),
            "default": Text("kerangka bawaan", "the default framework"),
        }[self.origin]


def _squash(text: str) -> str:
    return "".join(text.lower().split())


_REGULATION = re.compile(r"(?<!\d)(\d{1,3})\s*[-/.]\s*((?:19|20)\d\d)(?!\d)")


def _regulation(text: str) -> tuple[int, int] | None:
    """``(5, 2018)`` from ``PermenPANRB 5/2018``, ``5-2018`` or ``permenpanrb-5-2018``."""
    found = _REGULATION.findall(text)
    return (int(found[-1][0]), int(found[-1][1])) if len(found) == 1 else None


def named(text: str, candidates: Iterable[Framework]) -> Framework | None:
    """The framework a cell names: id, alias or title (case and spacing ignored), the
    regulation's number and year (``5/2018``), or a path to a framework file; ``None`` when
    it names none of them."""
    wanted = _squash(text)
    pool = list(candidates)
    for framework in pool:
        names = {framework.id, framework.title, framework.title_en or "", *framework.aliases}
        if wanted in {_squash(n) for n in names if n}:
            return framework
    regulation = _regulation(text)
    if regulation is not None:
        fits = [f for f in pool if _regulation(f.id) == regulation]
        if len(fits) == 1:
            return fits[0]
    path = Path(text.strip())
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        return load_framework(path)
    return None


def for_year(year: int | None, candidates: Iterable[Framework]) -> Framework | None:
    """The framework whose years hold ``year``, if exactly one does."""
    if year is None:
        return None
    fitting = [f for f in candidates if f.applies_to(year)]
    return fitting[0] if len(fitting) == 1 else None


def misfit(framework: Framework, id_cells: Sequence[str]) -> Text | None:
    """Why a file with these indicator cells is not a file of ``framework``; ``None`` when
    it is (every cell names one of its indicators, and every indicator without an external
    default is there)."""
    present: set[str] = set()
    unknown: list[str] = []
    for cell in id_cells:
        key = framework.indicator_id(cell)
        if key is None:
            unknown.append(cell)
        else:
            present.add(key)
    missing = [i.id for i in framework.indicators if i.id not in present and i.external is None]
    if not unknown and not missing:
        return None
    parts_id, parts_en = [], []
    if unknown:
        shown = ", ".join(dict.fromkeys(unknown[:6]))
        parts_id.append(f"{len(unknown)} indikator tidak dikenal ({shown})")
        parts_en.append(f"{len(unknown)} unknown indicators ({shown})")
    if missing:
        listed = compress_ids(missing)
        parts_id.append(f"tidak ada indikator {listed}")
        parts_en.append(f"indicators {listed} are missing")
    return Text("; ".join(parts_id), "; ".join(parts_en))


def by_indicators(
    id_cells: Sequence[str], candidates: Sequence[Framework]
) -> tuple[list[Framework], dict[str, Text]]:
    """The frameworks the indicator cells fit exactly, and why each other one does not."""
    fits: list[Framework] = []
    why: dict[str, Text] = {}
    for framework in candidates:
        problem = misfit(framework, id_cells)
        if problem is None:
            fits.append(framework)
        else:
            why[framework.id] = problem
    return fits, why


NEAR_SHARE = Fraction(1, 10)
"""How far a file's indicator cells may be from a framework's set and still be read as a
file of it with mistakes: at most a tenth of the cells unknown and a tenth of the
framework's indicators missing (at least 2 of each). The bundled frameworks are further
apart (a 59/2020 file is 12 of 47 cells off 5/2018, a 5/2018 file 12 of 47 indicators off
59/2020, Pemdi 27 off either)."""


def distance(framework: Framework, id_cells: Sequence[str]) -> tuple[int, int]:
    """How many of ``id_cells`` name none of ``framework``'s indicators, and how many of
    its indicators (those without an external default) no cell names."""
    present: set[str] = set()
    unknown = 0
    for cell in id_cells:
        key = framework.indicator_id(cell)
        if key is None:
            unknown += 1
        else:
            present.add(key)
    missing = sum(1 for i in framework.indicators if i.id not in present and i.external is None)
    return unknown, missing


def near(framework: Framework, id_cells: Sequence[str]) -> int | None:
    """The cells off (unknown plus missing) when ``id_cells`` are near ``framework``'s set
    (see :data:`NEAR_SHARE`), else ``None``."""
    unknown, missing = distance(framework, id_cells)
    required = sum(1 for i in framework.indicators if i.external is None)
    unknown_limit = max(Fraction(2), NEAR_SHARE * len(id_cells))
    if unknown <= unknown_limit and missing <= max(Fraction(2), NEAR_SHARE * required):
        return unknown + missing
    return None


def nearest(
    id_cells: Sequence[str], candidates: Sequence[Framework]
) -> tuple[list[Framework], int]:
    """The frameworks ``id_cells`` are near (:func:`near`), closest first, and the cells
    off for the closest; one framework means the choice is clear."""
    found = [
        (off, n, fw) for n, fw in enumerate(candidates) if (off := near(fw, id_cells)) is not None
    ]
    found.sort(key=lambda item: (item[0], item[1]))
    return [fw for _, _, fw in found], found[0][0] if found else 0


def considered_text(why: dict[str, Text], fits: Sequence[Framework]) -> Text:
    """The frameworks considered, as one sentence for the error."""
    if len(fits) > 1:
        names = ", ".join(f.id for f in fits)
        return Text(
            f"daftar indikatornya cocok dengan beberapa kerangka ({names}); sebutkan kerangkanya "
            "dengan --framework, sel Kerangka, atau tahun penilaian",
            f"its indicator set fits several frameworks ({names}); name the framework with "
            "--framework, a Kerangka cell, or the evaluation year",
        )
    listed_id = "; ".join(f"{k}: {t.id}" for k, t in why.items())
    listed_en = "; ".join(f"{k}: {t.en}" for k, t in why.items())
    return Text(
        f"tidak dapat menentukan kerangka: tidak ada Kerangka, tahun, atau kerangka yang cocok "
        f"dengan daftar indikatornya ({listed_id})",
        f"cannot tell the framework: no Kerangka cell, no year, and no framework fits its "
        f"indicator set ({listed_en})",
    )


def for_new_workbook(name: str | None, year: int | None, this_year: int) -> Choice:
    """The framework a new input workbook (``spbe template``) is written for, by the rule
    ``score`` will read it with: ``--framework``; else the evaluation year; else the current
    year (a plain ``spbe template`` in 2026 writes the Pemdi form). Raises
    :class:`InputError` when no bundled framework covers the year."""
    from spbe_cli.framework.load import bundled
    from spbe_cli.problems import InputError, Problem

    if name is not None:
        return Choice(load_framework(name), "option", name)
    wanted = this_year if year is None else year
    pool = [load_framework(info.id) for info in bundled()]
    found = for_year(wanted, pool)
    if found is not None:
        return Choice(found, "year" if year is not None else "today", str(wanted))
    spans = "; ".join(f"{f.id} {f.years_text()}" for f in pool)
    text = Text(
        f"tidak ada kerangka bawaan untuk tahun {wanted} ({spans}); pilih dengan --framework",
        f"no bundled framework covers the year {wanted} ({spans}); choose one with --framework",
    )
    raise InputError("--year", [Problem("no-framework-for-year", "--year", text)])
