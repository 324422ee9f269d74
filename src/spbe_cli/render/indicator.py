"""``spbe framework indicator`` for people at a terminal: one indicator's facts (looked up
by :func:`spbe_cli.framework.describe.describe`), a block per level that reads at 80
columns. The lines and rows come from :mod:`spbe_cli.render.indicator_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text as RichText

from spbe_cli.framework.describe import IndicatorFacts
from spbe_cli.i18n import Lang
from spbe_cli.render.indicator_data import columns, facts_lines, figure_line, title

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink


def indicator_view(facts: IndicatorFacts, lang: Lang) -> RichGroup:
    """For a terminal: title, the figure's level (the answer asked for), the facts, then a
    block per level (name, ranges, criteria indented) that reads at 80 columns."""
    parts: list[RenderableType] = [RichText(title(facts, lang), style="bold")]
    line = figure_line(facts, lang)
    if line:
        parts.append(RichText(line, style="bold"))
    for key, text in facts_lines(facts, lang):
        parts.append(RichText(f"{key}: {text}" if key else text))
    header, rows = columns(facts, lang)
    for cells in rows:
        heading = f"{header[0]} {cells[0]} {cells[1]}"
        spans = [f"{h} {c}" for h, c in zip(header[2:-1], cells[2:-1], strict=True) if c]
        parts.append(RichText(""))
        parts.append(RichText(" · ".join([heading, *spans]), style="bold"))
        if cells[-1]:
            parts.append(Padding(RichText(cells[-1]), (0, 0, 0, 2), expand=False))
    return RichGroup(*parts)


def show(facts: IndicatorFacts, sink: Sink) -> None:
    """``spbe framework indicator``: :func:`indicator_view`."""
    sink.console().print(indicator_view(facts, sink.lang))
