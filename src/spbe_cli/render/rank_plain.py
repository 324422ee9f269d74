"""``spbe rank --format table`` where rich is not needed: to a pipe or a file, every row of
each year and its statistics as plain aligned text (rich is not imported); a terminal is
drawn by :mod:`spbe_cli.render.rank`. Lays out a :class:`~spbe_cli.views.rank.RankView`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.framework import Framework
from spbe_cli.i18n import Lang
from spbe_cli.ranking import Ranked, YearRanking
from spbe_cli.render.common import aligned_lines, fmt
from spbe_cli.render.rank_data import L, percent, top_values

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.rank import RankView


def show(view: RankView, sink: Sink) -> None:
    """A terminal: rich (:func:`spbe_cli.render.rank.show`); a pipe or a file: plain."""
    if sink.is_terminal():
        from spbe_cli.render import rank

        rank.show(view, sink)
        return
    sink.people_lines(ranking_plain(view.rankings, sink.lang))


def plain_cells(
    ranking: YearRanking, lang: Lang, shown: Sequence[Ranked] | None = None
) -> list[list[str]]:
    """Rank, agency, year, index, rating and the top tier's indices as text, of ``shown``
    rows (every row by default)."""
    rows: list[list[str]] = []
    for ranked in ranking.rows if shown is None else shown:
        result = ranked.result
        cells = [
            str(ranked.rank),
            result.assessment.agency or "",
            str(result.assessment.year or ""),
            fmt(result.published, 2, lang),
            result.band.label(lang),
        ]
        cells.extend(top_values(ranking, ranked.result, lang))
        rows.append(cells)
    return rows


def ranking_title(ranking: YearRanking, lang: Lang) -> str:
    title = L["rank"].get(lang) + (f" {ranking.year}" if ranking.year is not None else "")
    title += f" · {ranking.framework.index_label(lang)}"
    return f"{title} ({ranking.statistics.count} {L['of'].get(lang)} {ranking.total})"


def top_codes(fw: Framework) -> list[str]:
    """Column labels of the top tier: ``D1``..``D4`` (SPBE), ``A1``..``A7`` (Pemdi)."""
    code = fw.group_tiers[0].code if fw.group_tiers else ""
    return [f"{code}{node.id}" for node in fw.top_level]


def statistics_text(ranking: YearRanking, lang: Lang) -> str:
    """Mean, median and how many reach the target, as one line."""
    stats, fw = ranking.statistics, ranking.framework
    mean, middle = stats.published(fw, stats.mean), stats.published(fw, stats.median)
    target = stats.target or fw.target
    share = percent(Fraction(stats.at_target, stats.count), lang) if stats.count else "-"
    return (
        f"{L['mean'].get(lang)} {fmt(mean, 2, lang) if mean is not None else '-'} · "
        f"{L['median'].get(lang)} {fmt(middle, 2, lang) if middle is not None else '-'} · "
        f"{L['at_target'].get(lang)} ({fmt(target, 2, lang)}): {stats.at_target} "
        f"{L['of'].get(lang)} {stats.count} ({share})"
    )


def ranking_plain(rankings: Sequence[YearRanking], lang: Lang) -> Iterator[str]:
    """:func:`ranking_view` as plain aligned text, every row (for a pipe or a file)."""
    if not rankings:
        yield L["none"].get(lang) + "\n"
        return
    for ranking in rankings:
        one_year = ranking.year is not None
        header = [
            "#",
            L["agency"].get(lang),
            *([] if one_year else [L["year"].get(lang)]),
            L["index"].get(lang),
            L["rating"].get(lang),
            *top_codes(ranking.framework),
        ]
        rows = [
            [str(c) for c in (row[:2] + row[3:] if one_year else row)]
            for row in plain_cells(ranking, lang)
        ]
        yield ranking_title(ranking, lang) + "\n"
        yield from aligned_lines(header, rows, left={1, 3 if one_year else 4})
        counts = [
            [item.band.label(lang), str(item.count), percent(item.share, lang)]
            for item in ranking.statistics.bands
        ]
        yield "\n"
        yield from aligned_lines(
            [L["rating"].get(lang), L["count"].get(lang), L["share"].get(lang)], counts, {0}
        )
        yield statistics_text(ranking, lang) + "\n\n"
