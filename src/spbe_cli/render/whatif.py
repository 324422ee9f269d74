"""What-ifs for people: rich tables and lines (``spbe whatif``).

Everything shown is computed in :mod:`spbe_cli.planner` and held by a
:class:`~spbe_cli.views.plan.WhatIfView`; this module only lays it out. The same figures
for scripts and documents are in :mod:`spbe_cli.render.whatif_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.exact import value_text
from spbe_cli.framework import Tier
from spbe_cli.i18n import Lang, pick
from spbe_cli.planner import WhatIf
from spbe_cli.render.common import band_style, fmt, indicator_name, signed
from spbe_cli.render.plan import move_line, title_line
from spbe_cli.render.plan_labels import L
from spbe_cli.results import NodeResult

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.plan import WhatIfView


def show(view: WhatIfView, sink: Sink) -> None:
    """``spbe whatif`` at a terminal."""
    sink.console().print(whatif_view(view, sink.lang))


def _node_table(
    change: WhatIf, tier: Tier, pairs: list[tuple[NodeResult, NodeResult]], lang: Lang
) -> Table:
    table = Table(title=tier.heading(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["before"].get(lang), justify="right")
    table.add_column(L["after_short"].get(lang), justify="right")
    table.add_column(L["delta"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang))
    result = change.after
    places = result.framework.rounding.places
    for before, after in pairs:
        delta = after.published - before.published
        rating = before.band.label(lang)
        if after.band != before.band:
            rating += f" → {after.band.label(lang)}"
        table.add_row(
            before.id,
            pick(lang, before.name, before.name_en),
            fmt(before.published, places, lang),
            fmt(after.published, places, lang),
            RichText(
                signed(delta, places, lang),
                style="green" if delta > 0 else "red" if delta < 0 else "dim",
            ),
            RichText(rating, style=band_style(result, after.band)),
        )
    return table


def _changes_table(change: WhatIf, lang: Lang) -> Table:
    table = Table(title=L["changes"].get(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["indicator"].get(lang))
    table.add_column(L["opd"].get(lang))
    table.add_column(L["level"].get(lang))
    table.add_column(L["gain"].get(lang), justify="right")
    fw = change.before.framework
    for c in change.changes:
        info = fw.level_info(c.item.indicator, c.to_level)
        name = pick(lang, info.name, info.name_en) if info else ""
        table.add_row(
            c.item.id,
            RichText(indicator_name(c.item.indicator, lang)),
            RichText(c.item.opd or ""),
            f"{value_text(c.item.level, lang)} → {value_text(c.to_level, lang)} {name}".rstrip(),
            fmt(c.gain, 4, lang),
        )
    return table


def whatif_view(view: WhatIfView, lang: Lang) -> RenderableType:
    """Everything ``spbe whatif`` shows: the changes, the index, domains and aspects."""
    change = view.change
    before, after = change.before, change.after
    places = before.framework.rounding.places
    move = move_line(before, after, lang)
    move.append(f"  ({signed(after.published - before.published, places, lang)})")
    target = f"{L['target'].get(lang)} {fmt(before.target, places, lang)}"
    reached = (
        RichText(f"{target}: {L['reached'].get(lang)}", style="green")
        if after.target_reached
        else RichText(f"{target}: {L['not_reached'].get(lang)}", style="dim")
    )
    return Group(
        title_line(before, lang, view.source),
        move,
        reached,
        _changes_table(change, lang),
        *[_node_table(change, tier, pairs, lang) for tier, pairs in view.tiers],
    )
