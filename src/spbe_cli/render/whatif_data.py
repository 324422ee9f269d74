"""What-ifs for scripts and documents: JSON, CSV and Markdown (``spbe whatif --format``).

Everything shown is computed in :mod:`spbe_cli.planner` and held by a
:class:`~spbe_cli.views.plan.WhatIfView`; this module only lays it out, with the figures of
:mod:`spbe_cli.render.plan_data`. The rich view is in :mod:`spbe_cli.render.whatif`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spbe_cli.framework import format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.render.formats import (
    SCHEMA_VERSION,
    csv_text,
    framework_dict,
    markdown_table,
    number,
)
from spbe_cli.render.json_parts import dumps_json
from spbe_cli.render.plan_data import exact_pair, figure_dict, value_number
from spbe_cli.results import NodeResult

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.plan import WhatIfView


def write_json(view: WhatIfView, sink: Sink) -> None:
    """``spbe whatif --format json``: :func:`whatif_document`."""
    sink.text(dumps_json(whatif_document(view)))


def write_csv(view: WhatIfView, sink: Sink) -> None:
    """``spbe whatif --format csv``: :func:`whatif_rows` under :data:`WHATIF_HEADER`."""
    sink.text(csv_text(WHATIF_HEADER, whatif_rows(view, sink.lang)))


def write_markdown(view: WhatIfView, sink: Sink) -> None:
    """``spbe whatif --format markdown``: the CSV rows as one Markdown table."""
    sink.text(markdown_table(WHATIF_HEADER, whatif_rows(view, sink.lang)))


def _node_change(before: NodeResult, after: NodeResult) -> dict[str, Any]:
    return {
        "id": before.id,
        "name": before.name,
        "name_en": before.name_en,
        "before": number(before.published),
        "after": number(after.published),
        "delta": number(after.published - before.published),
        "before_exact": format_exact(before.index),
        "after_exact": format_exact(after.index),
        "predikat_before": before.band.name,
        "predikat_after": after.band.name,
    }


def whatif_document(view: WhatIfView) -> dict[str, Any]:
    """The ``spbe whatif --format json`` document."""
    change = view.change
    before, after = change.before, change.after
    fw = before.framework
    return {
        "schema_version": SCHEMA_VERSION,
        "agency": before.assessment.agency,
        "year": before.assessment.year,
        "source": view.source,
        "framework": framework_dict(fw),
        "changes": [
            {
                "indicator": c.item.id,
                "name": c.item.indicator.name,
                "opd": c.item.opd,
                "from": value_number(c.item.level),
                "to": value_number(c.to_level),
                "from_exact": format_exact(c.item.level),
                "to_exact": format_exact(c.to_level),
                **exact_pair("gain", c.gain),
            }
            for c in change.changes
        ],
        "before": figure_dict(before),
        "after": figure_dict(after),
        "delta": number(after.published - before.published),
        "delta_exact": format_exact(change.delta),
        "target": number(fw.publish(before.target)),
        "target_reached_before": before.target_reached,
        "target_reached": after.target_reached,
        "domains": [],
        "aspects": [],
        **{tier.key: [_node_change(b, a) for b, a in pairs] for tier, pairs in view.tiers},
    }


WHATIF_HEADER = [
    "kind",
    "id",
    "name",
    "before",
    "after",
    "delta",
    "predikat_before",
    "predikat_after",
]


def whatif_rows(view: WhatIfView, lang: Lang) -> list[list[object]]:
    """Changed indicators, the index, domains and aspects before and after."""
    change = view.change
    rows: list[list[object]] = [
        [
            "indicator",
            c.item.id,
            c.item.indicator.label(lang),
            format_exact(c.item.level),
            format_exact(c.to_level),
            format_exact(c.to_level - c.item.level),
            "",
            "",
        ]
        for c in change.changes
    ]
    before, after = change.before, change.after
    rows.append(
        [
            "index",
            "",
            before.framework.index_label(lang),
            str(before.published),
            str(after.published),
            after.published - before.published,
            before.band.label(lang),
            after.band.label(lang),
        ]
    )
    for tier, pairs in view.tiers:
        for b, a in pairs:
            rows.append(
                [
                    tier.id,
                    b.id,
                    pick(lang, b.name, b.name_en),
                    str(b.published),
                    str(a.published),
                    a.published - b.published,
                    b.band.label(lang),
                    a.band.label(lang),
                ]
            )
    return rows
