"""``spbe score --format table`` where rich is not needed: many agencies sent to a pipe or a
file are every row as plain aligned text (rich is not imported); a terminal, or one agency
anywhere, is drawn by :mod:`spbe_cli.render.score`. Lays out a
:class:`~spbe_cli.views.score.ScoreView` and computes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spbe_cli import glossary
from spbe_cli.i18n import Lang
from spbe_cli.render.common import aligned_lines, fmt
from spbe_cli.render.score_data import SharedText
from spbe_cli.views.score import ScoreView

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink


def show(view: ScoreView, sink: Sink) -> None:
    """One agency, or a terminal: rich; many agencies to a pipe or a file: every row, plain."""
    if view.single or sink.is_terminal():
        from spbe_cli.render import score

        score.show(view, sink)
        return
    sink.people_lines(ranking_lines(view, sink.lang))


def ranking_lines(view: ScoreView, lang: Lang) -> Iterator[str]:
    """The ranking as plain aligned text, every row (for a pipe or a file: no rich)."""
    ranked = view.ranking
    fw = ranked[0].result.framework
    places = fw.rounding.places
    code = fw.group_tiers[0].code if fw.group_tiers else ""
    header = [
        "#",
        glossary.AGENCY.get(lang),
        glossary.YEAR.get(lang),
        fw.index_label(lang),
        glossary.RATING.get(lang),
        *[f"{code}{n.id}" for n in fw.top_level],
    ]
    texts = SharedText(lambda value: fmt(value, places, lang))
    blank = ["" for _ in fw.top_level]
    rows = [
        [
            str(item.rank),
            item.result.assessment.agency or "",
            str(item.result.assessment.year or ""),
            fmt(item.result.published, places, lang),
            item.result.band.label(lang),
            *(texts.each(item.result.top) if item.result.framework is fw else blank),
        ]
        for item in ranked
    ]
    yield from aligned_lines(header, rows, left={1, 4})
