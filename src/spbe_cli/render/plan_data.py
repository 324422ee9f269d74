"""Plans, roadmaps and what-ifs for scripts and documents: JSON, CSV rows, Markdown.

Everything shown is computed in :mod:`spbe_cli.planner`; this module only lays it out.
JSON follows ``spbe score``: published figures as numbers, exact values as strings beside
them (``index`` and ``index_exact``). The rich views are in :mod:`spbe_cli.render.plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from spbe_cli.framework import Value, format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.planner import Limit, OpdShare, Plan, Step, WhatIf
from spbe_cli.render.common import fmt
from spbe_cli.render.formats import SCHEMA_VERSION, framework_dict, markdown_table, number
from spbe_cli.render.plan_labels import L
from spbe_cli.results import NodeResult, Result


def _figure(result: Result) -> dict[str, Any]:
    return {
        "index": number(result.published),
        "index_exact": format_exact(result.index),
        "predikat": result.band.name,
        "predikat_en": result.band.name_en,
    }


def _exact(name: str, value: Fraction, places: int = 4) -> dict[str, Any]:
    return {name: number(value, places), f"{name}_exact": format_exact(value)}


def _value(value: Value) -> float | int:
    """An indicator value as a JSON number (a decimal value rounded to 4 places)."""
    return value if isinstance(value, int) else number(value)


def step_dict(plan: Plan, step: Step) -> dict[str, Any]:
    """One raise as JSON: indicator, round, from, to, effort, gain and the index after it."""
    info = step.requires
    return {
        "indicator": step.item.id,
        "name": step.indicator.name,
        "name_en": step.indicator.name_en,
        "opd": step.item.opd,
        "owners": list(step.indicator.owners),
        "round": step.round,
        "from": _value(step.from_level),
        "from_exact": format_exact(step.from_level),
        "to": step.to_level,
        "levels": step.count,
        "level_name": info.name if info else None,
        "requires": info.requires if info else None,
        "requires_en": info.requires_en if info else None,
        "next_requires": step.next_requires.requires if step.next_requires else None,
        "next_requires_en": step.next_requires.requires_en if step.next_requires else None,
        **_exact("effort", step.effort),
        **_exact("gain", step.gain),
        "index": number(step.published),
        "index_exact": format_exact(step.index),
    }


def _limit_dict(plan: Plan, limit: Limit) -> dict[str, Any]:
    return {
        "constraints": list(limit.constraints),
        "best_without": number(plan.framework.publish(limit.best_without)),
        "best_without_exact": format_exact(limit.best_without),
        "reaches_target": limit.reaches_target,
    }


def opd_indicators(share: OpdShare) -> list[str]:
    """The indicators an OPD raises, each once, in plan order."""
    return list(dict.fromkeys(s.item.id for s in share.steps))


def _opd_dict(share: OpdShare) -> dict[str, Any]:
    return {
        "opd": share.opd,
        "raises": len(share.steps),
        "indicators_raised": len(opd_indicators(share)),
        "level_steps": sum(s.levels for s in share.steps),
        "indicators": [s.item.id for s in share.steps],
        **_exact("effort", share.effort),
        **_exact("gain", share.gain),
        **_exact("share", share.share),
    }


def _round_dict(plan: Plan, number_: int) -> dict[str, Any]:
    item = plan.rounds[number_ - 1]
    return {
        "round": item.number,
        "year": item.year,
        "indicators": [s.item.id for s in item.steps],
        "level_steps": sum(s.count for s in item.steps),
        **_figure(item.after),
    }


def plan_to_dict(plan: Plan, source: str | None = None) -> dict[str, Any]:
    """One plan as a JSON-ready dict (without ``schema_version``)."""
    fw = plan.framework
    start = plan.start
    return {
        "agency": start.assessment.agency,
        "year": start.assessment.year,
        "source": source,
        "framework": framework_dict(fw),
        "target": number(fw.publish(plan.target)),
        "target_exact": format_exact(plan.target),
        "target_predikat": fw.band_for(plan.target).name,
        "threshold_exact": format_exact(plan.threshold),
        "start": _figure(start),
        "constraints": {
            "max_step": plan.max_step,
            "max_level": plan.max_level,
            "locked": list(plan.locked),
            "rounds": plan.rounds_allowed,
        },
        "steps": [step_dict(plan, s) for s in plan.steps],
        "rounds": [_round_dict(plan, n) for n in range(1, len(plan.rounds) + 1)],
        "totals": {
            "raises": len(plan.steps),
            "indicators": plan.raises,
            "rounds": len(plan.rounds),
            "level_steps": plan.level_steps,
            **_exact("effort", plan.total_effort),
            **_exact("gain", plan.gain),
        },
        "result": _figure(plan.after),
        "target_reached": plan.target_reached,
        "best_reachable": number(fw.publish(plan.best_reachable)),
        "best_reachable_exact": format_exact(plan.best_reachable),
        "limits": [_limit_dict(plan, limit) for limit in plan.limits],
        "by_opd": [_opd_dict(share) for share in plan.by_opd()],
    }


def plan_document(plans: Sequence[Plan], sources: Sequence[str | None]) -> dict[str, Any]:
    """The ``spbe plan --format json`` document: one plan, or ``plans`` for many agencies."""
    items = [plan_to_dict(p, s) for p, s in zip(plans, sources, strict=True)]
    if len(items) == 1:
        return {"schema_version": SCHEMA_VERSION, **items[0]}
    return {"schema_version": SCHEMA_VERSION, "plans": items}


def roadmap_to_dict(start: Result, plans: Sequence[Plan], source: str | None) -> dict[str, Any]:
    """A year-by-year roadmap of one agency (without ``schema_version``)."""
    fw = start.framework
    final = plans[-1].after if plans else start
    years = []
    for number_, year_plan in enumerate(plans, start=1):
        item = plan_to_dict(year_plan, source)
        for key in ("agency", "year", "source", "framework"):
            item.pop(key)
        calendar = start.assessment.year + number_ if start.assessment.year else None
        years.append({"year_number": number_, "year": calendar, **item})
    return {
        "agency": start.assessment.agency,
        "year": start.assessment.year,
        "source": source,
        "framework": framework_dict(fw),
        "target": number(fw.publish(start.target)),
        "start": _figure(start),
        "years": years,
        "result": _figure(final),
        "target_reached": final.target_reached,
    }


def roadmap_document(
    roadmaps: Sequence[tuple[Result, Sequence[Plan]]], sources: Sequence[str | None]
) -> dict[str, Any]:
    """The ``spbe plan --years N --format json`` document: one roadmap, or ``roadmaps``."""
    items = [roadmap_to_dict(r, p, s) for (r, p), s in zip(roadmaps, sources, strict=True)]
    if len(items) == 1:
        return {"schema_version": SCHEMA_VERSION, **items[0]}
    return {"schema_version": SCHEMA_VERSION, "roadmaps": items}


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


def whatif_document(change: WhatIf, source: str | None) -> dict[str, Any]:
    """The ``spbe whatif --format json`` document."""
    before, after = change.before, change.after
    fw = before.framework
    return {
        "schema_version": SCHEMA_VERSION,
        "agency": before.assessment.agency,
        "year": before.assessment.year,
        "source": source,
        "framework": framework_dict(fw),
        "changes": [
            {
                "indicator": c.item.id,
                "name": c.item.indicator.name,
                "opd": c.item.opd,
                "from": _value(c.item.level),
                "to": _value(c.to_level),
                "from_exact": format_exact(c.item.level),
                "to_exact": format_exact(c.to_level),
                **_exact("gain", c.gain),
            }
            for c in change.changes
        ],
        "before": _figure(before),
        "after": _figure(after),
        "delta": number(after.published - before.published),
        "delta_exact": format_exact(change.delta),
        "target": number(fw.publish(before.target)),
        "target_reached_before": before.target_reached,
        "target_reached": after.target_reached,
        "domains": [],
        "aspects": [],
        **{
            tier.key: [_node_change(b, a) for b, a in pairs]
            for tier, pairs in change.tier_pairs()
        },
    }


# -- CSV and Markdown -----------------------------------------------------------------------

STEP_HEADER = [
    "step",
    "round",
    "indicator",
    "name",
    "opd",
    "from",
    "to",
    "requires",
    "effort",
    "gain",
    "index",
    "index_exact",
]
OPD_HEADER = ["opd", "raises", "level_steps", "indicators", "effort", "gain", "share"]
ROADMAP_HEADER = ["year", *STEP_HEADER]
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


def step_rows(plan: Plan, lang: Lang) -> list[list[object]]:
    """One row per raise (see :data:`STEP_HEADER`)."""
    rows: list[list[object]] = []
    for number_, step in enumerate(plan.steps, start=1):
        info = step.requires
        rows.append(
            [
                number_,
                step.round,
                step.item.id,
                step.indicator.label(lang),
                step.item.opd or "",
                format_exact(step.from_level),
                step.to_level,
                pick(lang, info.requires or "", info.requires_en) if info else "",
                format_exact(step.effort),
                format_exact(step.gain),
                str(step.published),
                format_exact(step.index),
            ]
        )
    return rows


def opd_rows(plan: Plan, lang: Lang) -> list[list[object]]:
    """One row per OPD (see :data:`OPD_HEADER`): ``raises`` counts the indicators raised,
    each once (as the summary line does), ``level_steps`` the steps; the share is a
    percentage."""
    return [
        [
            share.opd or L["no_opd"].get(lang),
            len(opd_indicators(share)),
            sum(s.levels for s in share.steps),
            " ".join(opd_indicators(share)),
            format_exact(share.effort),
            format_exact(share.gain),
            percent_text(share.share),
        ]
        for share in plan.by_opd()
    ]


def roadmap_rows(start: Result, plans: Sequence[Plan], lang: Lang) -> list[list[object]]:
    """Every raise of every year (see :data:`ROADMAP_HEADER`)."""
    rows: list[list[object]] = []
    for number_, year_plan in enumerate(plans, start=1):
        label = start.assessment.year + number_ if start.assessment.year else number_
        rows.extend([label, *row] for row in step_rows(year_plan, lang))
    return rows


def whatif_rows(change: WhatIf, lang: Lang) -> list[list[object]]:
    """Changed indicators, the index, domains and aspects before and after."""
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
    for tier, pairs in change.tier_pairs():
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


def plan_summary(plan: Plan, lang: Lang) -> str:
    """One line for documents: index before and after, target, totals."""
    fw = plan.framework
    places = fw.rounding.places
    start, after = plan.start, plan.after
    state = L["by_plan"] if plan.target_reached else L["unreachable"]
    rounds = rounds_text(plan, lang, " ")
    return (
        f"{fw.index_label(lang)} {fmt(start.published, places, lang)} ({start.band.label(lang)})"
        f" → {fmt(after.published, places, lang)} ({after.band.label(lang)}); "
        f"{L['target'].get(lang)} {fmt(plan.target, places, lang)} {state.get(lang)}; "
        f"{plan.raises} {L['raises'].get(lang)}, {plan.level_steps} "
        f"{L['level_steps'].get(lang)}{rounds}, {L['effort'].get(lang)} "
        f"{format_exact(plan.total_effort)}"
    )


def plan_markdown(plan: Plan, lang: Lang, *, by_opd: bool = False) -> str:
    """A plan as Markdown: the summary line, the OPD table if asked, the raises."""
    parts = [plan_summary(plan, lang) + "\n"]
    if by_opd:
        parts.append(markdown_table(OPD_HEADER, opd_rows(plan, lang)))
    parts.append(markdown_table(STEP_HEADER, step_rows(plan, lang)))
    return "\n".join(parts)


def roadmap_markdown(start: Result, plans: Sequence[Plan], lang: Lang) -> str:
    """A roadmap as Markdown: a heading, summary and table per year."""
    parts = []
    for number_, year_plan in enumerate(plans, start=1):
        heading = L["year"].format(n=number_).get(lang)
        if start.assessment.year:
            heading += f" ({start.assessment.year + number_})"
        parts.append(f"### {heading}\n\n" + plan_markdown(year_plan, lang))
    return "\n".join(parts) if parts else L["empty_roadmap"].get(lang) + "\n"


def rounds_text(plan: Plan, lang: Lang, sep: str) -> str:
    """`` dalam 2 putaran`` when the plan takes more than one round."""
    if len(plan.rounds) < 2:
        return ""
    return sep + L["in_rounds"].format(n=len(plan.rounds)).get(lang)


def percent_text(value: Fraction, lang: Lang = "en") -> str:
    return f"{fmt(value * 100, 1, lang)}%"


# -- rich -----------------------------------------------------------------------------------
