"""``spbe rank`` for people: per year a rich ranking table (its first rows on a terminal),
rating counts and statistics; every row as plain aligned text to a pipe or a file.

Lays out a :class:`~spbe_cli.views.rank.RankView`: the rankings and their statistics are
computed in :mod:`spbe_cli.ranking`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.i18n import Lang
from spbe_cli.ranking import Ranked, YearRanking
from spbe_cli.render.common import TERMINAL_ROWS, fmt, style_of
from spbe_cli.render.rank_data import L, percent, top_values
from spbe_cli.render.rank_plain import ranking_title, statistics_text, top_codes
from spbe_cli.render.score import L as TABLE_WORDS

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.rank import RankView


def ranking_view(
    rankings: Sequence[YearRanking], lang: Lang, limit: int | None = None
) -> RenderableType:
    """Per year: the ranking table (its first ``limit`` rows), then the rating counts and
    statistics."""
    if not rankings:
        return RichText(L["none"].get(lang), style="yellow")
    parts: list[RenderableType] = []
    for ranking in rankings:
        parts.extend(
            [
                ranking_table(ranking, lang, limit),
                statistics_table(ranking, lang),
                statistics_line(ranking, lang),
                "",
            ]
        )
    return Group(*parts)


def ranking_table(ranking: YearRanking, lang: Lang, limit: int | None = None) -> Table:
    """Rank, agency, year, index, rating and the top tier's indices (D1.. or A1..);
    ``limit`` keeps the first rows and says how many more there are."""
    table = Table(title=ranking_title(ranking, lang), title_justify="left", title_style="bold")
    one_year = ranking.year is not None
    shown = ranking.rows if limit is None else ranking.rows[:limit]
    longest = max((len(r.result.assessment.agency or "") for r in shown), default=0)
    table.add_column("#", justify="right")
    table.add_column(L["agency"].get(lang), overflow="fold", min_width=min(longest, 28))
    if not one_year:
        table.add_column(L["year"].get(lang), justify="right")
    table.add_column(L["index"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang), no_wrap=True)
    for code in top_codes(ranking.framework):
        table.add_column(code, justify="right")
    for row in rankings_cells(ranking, lang, shown):
        table.add_row(*(row[:2] + row[3:] if one_year else row))
    rest = len(ranking.rows) - len(shown)
    if rest > 0:
        table.caption = TABLE_WORDS["more"].format(n=rest).get(lang)
    return table


def rankings_cells(
    ranking: YearRanking, lang: Lang, shown: Sequence[Ranked] | None = None
) -> list[list[str | RichText]]:
    """The cells of :func:`ranking_table` (rich text for the rating), of ``shown`` rows
    (every row by default)."""
    rows: list[list[str | RichText]] = []
    for ranked in ranking.rows if shown is None else shown:
        result = ranked.result
        cells: list[str | RichText] = [
            str(ranked.rank),
            RichText(result.assessment.agency or ""),
            str(result.assessment.year or ""),
            fmt(result.published, 2, lang),
            RichText(result.band.label(lang), style=style_of(result.framework, result.band)),
        ]
        cells.extend(top_values(ranking, ranked.result, lang))
        rows.append(cells)
    return rows


def statistics_table(ranking: YearRanking, lang: Lang) -> Table:
    """Count and share per rating."""
    table = Table()
    table.add_column(L["rating"].get(lang))
    table.add_column(L["count"].get(lang), justify="right")
    table.add_column(L["share"].get(lang), justify="right")
    for item in ranking.statistics.bands:
        table.add_row(
            RichText(item.band.label(lang), style=style_of(ranking.framework, item.band)),
            str(item.count),
            percent(item.share, lang),
        )
    return table


def statistics_line(ranking: YearRanking, lang: Lang) -> RichText:
    """Mean, median and how many reach the target."""
    return RichText(statistics_text(ranking, lang))


def show(view: RankView, sink: Sink) -> None:
    """Drawn by rich for a terminal: the first rows of each year (every row with
    ``show_all``); :mod:`spbe_cli.render.rank_plain` sends a terminal here."""
    limit = None if sink.show_all else TERMINAL_ROWS
    sink.console().print(ranking_view(view.rankings, sink.lang, limit))
