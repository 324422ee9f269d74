"""Plans and roadmaps for scripts and documents: JSON, CSV rows, Markdown.

Everything shown is computed in :mod:`spbe_cli.planner` and held by a view
(:mod:`spbe_cli.views.plan`); this module only lays it out. JSON follows ``spbe score``:
published figures as numbers, exact values as strings beside them (``index`` and
``index_exact``). The rich views are in :mod:`spbe_cli.render.plan`; what-ifs in
:mod:`spbe_cli.render.whatif_data`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from spbe_cli.framework import Value, format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.planner import Limit, OpdShare, Plan, Step
from spbe_cli.render.common import fmt
from spbe_cli.render.formats import (
    SCHEMA_VERSION,
    csv_text,
    framework_dict,
    markdown_table,
    number,
)
from spbe_cli.render.json_parts import dumps_json
from spbe_cli.render.plan_labels import L
from spbe_cli.results import Result

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.plan import AgencyPlan, AgencyRoadmap, PlanView, RoadmapView


def write_json(view: PlanView, sink: Sink) -> None:
    """``spbe plan --format json``: :func:`plan_document`."""
    sink.text(dumps_json(plan_document(view)))


def write_csv(view: PlanView, sink: Sink) -> None:
    """``spbe plan --format csv``: a row per raise (per OPD with ``--by opd``), each after
    its agency."""
    header = OPD_HEADER if view.by_opd else STEP_HEADER
    rows = [
        [item.plan.start.assessment.agency or "", *row]
        for item in view.plans
        for row in (opd_rows(item, sink.lang) if view.by_opd else step_rows(item.plan, sink.lang))
    ]
    sink.text(csv_text(["agency", *header], rows))


def write_markdown(view: PlanView, sink: Sink) -> None:
    """``spbe plan --format markdown``: each plan, under its agency's name when there are
    several."""
    count = len(view.plans)
    sink.text(
        "\n".join(
            _section(item.plan.start, plan_markdown(item, sink.lang, by_opd=view.by_opd), count)
            for item in view.plans
        )
    )


def write_roadmap_json(view: RoadmapView, sink: Sink) -> None:
    """``spbe plan --years N --format json``: :func:`roadmap_document`."""
    sink.text(dumps_json(roadmap_document(view)))


def write_roadmap_csv(view: RoadmapView, sink: Sink) -> None:
    """``spbe plan --years N --format csv``: every raise of every year of every agency."""
    rows = [
        [roadmap.start.assessment.agency or "", *row]
        for roadmap in view.roadmaps
        for row in roadmap_rows(roadmap, sink.lang)
    ]
    sink.text(csv_text(["agency", *ROADMAP_HEADER], rows))


def write_roadmap_markdown(view: RoadmapView, sink: Sink) -> None:
    """``spbe plan --years N --format markdown``: each roadmap, under its agency's name
    when there are several."""
    count = len(view.roadmaps)
    sink.text(
        "\n".join(_section(r.start, roadmap_markdown(r, sink.lang), count) for r in view.roadmaps)
    )


def _section(start: Result, body: str, count: int) -> str:
    """``body`` under the agency's name when several agencies are printed."""
    if count == 1:
        return body
    return f"## {start.assessment.label}\n\n{body}"


def figure_dict(result: Result) -> dict[str, Any]:
    """A result's published index and rating as JSON."""
    return {
        "index": number(result.published),
        "index_exact": format_exact(result.index),
        "predikat": result.band.name,
        "predikat_en": result.band.name_en,
    }


def exact_pair(name: str, value: Fraction, places: int = 4) -> dict[str, Any]:
    """``{name: number, name_exact: exact string}``."""
    return {name: number(value, places), f"{name}_exact": format_exact(value)}


def value_number(value: Value) -> float | int:
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
        "from": value_number(step.from_level),
        "from_exact": format_exact(step.from_level),
        "to": step.to_level,
        "levels": step.count,
        "level_name": info.name if info else None,
        "requires": info.requires if info else None,
        "requires_en": info.requires_en if info else None,
        "next_requires": step.next_requires.requires if step.next_requires else None,
        "next_requires_en": step.next_requires.requires_en if step.next_requires else None,
        **exact_pair("effort", step.effort),
        **exact_pair("gain", step.gain),
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
        **exact_pair("effort", share.effort),
        **exact_pair("gain", share.gain),
        **exact_pair("share", share.share),
    }


def _round_dict(plan: Plan, number_: int) -> dict[str, Any]:
    item = plan.rounds[number_ - 1]
    return {
        "round": item.number,
        "year": item.year,
        "indicators": [s.item.id for s in item.steps],
        "level_steps": sum(s.count for s in item.steps),
        **figure_dict(item.after),
    }


def plan_to_dict(item: AgencyPlan) -> dict[str, Any]:
    """One plan as a JSON-ready dict (without ``schema_version``)."""
    plan, source = item.plan, item.source
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
        "start": figure_dict(start),
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
            **exact_pair("effort", plan.total_effort),
            **exact_pair("gain", plan.gain),
        },
        "result": figure_dict(plan.after),
        "target_reached": plan.target_reached,
        "best_reachable": number(fw.publish(plan.best_reachable)),
        "best_reachable_exact": format_exact(plan.best_reachable),
        "limits": [_limit_dict(plan, limit) for limit in plan.limits],
        "by_opd": [_opd_dict(share) for share in item.shares],
    }


def plan_document(view: PlanView) -> dict[str, Any]:
    """The ``spbe plan --format json`` document: one plan, or ``plans`` for many agencies."""
    items = [plan_to_dict(item) for item in view.plans]
    if len(items) == 1:
        return {"schema_version": SCHEMA_VERSION, **items[0]}
    return {"schema_version": SCHEMA_VERSION, "plans": items}


def roadmap_to_dict(roadmap: AgencyRoadmap) -> dict[str, Any]:
    """A year-by-year roadmap of one agency (without ``schema_version``)."""
    start, source = roadmap.start, roadmap.source
    fw = start.framework
    final = roadmap.final
    years = []
    for number_, year_plan in enumerate(roadmap.years, start=1):
        item = plan_to_dict(year_plan)
        for key in ("agency", "year", "source", "framework"):
            item.pop(key)
        years.append({"year_number": number_, "year": roadmap.calendar_year(number_), **item})
    return {
        "agency": start.assessment.agency,
        "year": start.assessment.year,
        "source": source,
        "framework": framework_dict(fw),
        "target": number(fw.publish(start.target)),
        "start": figure_dict(start),
        "years": years,
        "result": figure_dict(final),
        "target_reached": final.target_reached,
    }


def roadmap_document(view: RoadmapView) -> dict[str, Any]:
    """The ``spbe plan --years N --format json`` document: one roadmap, or ``roadmaps``."""
    items = [roadmap_to_dict(r) for r in view.roadmaps]
    if len(items) == 1:
        return {"schema_version": SCHEMA_VERSION, **items[0]}
    return {"schema_version": SCHEMA_VERSION, "roadmaps": items}


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


def opd_rows(item: AgencyPlan, lang: Lang) -> list[list[object]]:
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
        for share in item.shares
    ]


def roadmap_rows(roadmap: AgencyRoadmap, lang: Lang) -> list[list[object]]:
    """Every raise of every year (see :data:`ROADMAP_HEADER`)."""
    rows: list[list[object]] = []
    for number_, year_plan in enumerate(roadmap.years, start=1):
        label = roadmap.calendar_year(number_) or number_
        rows.extend([label, *row] for row in step_rows(year_plan.plan, lang))
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


def plan_markdown(item: AgencyPlan, lang: Lang, *, by_opd: bool = False) -> str:
    """A plan as Markdown: the summary line, the OPD table if asked, the raises."""
    plan = item.plan
    parts = [plan_summary(plan, lang) + "\n"]
    if by_opd:
        parts.append(markdown_table(OPD_HEADER, opd_rows(item, lang)))
    parts.append(markdown_table(STEP_HEADER, step_rows(plan, lang)))
    return "\n".join(parts)


def roadmap_markdown(roadmap: AgencyRoadmap, lang: Lang) -> str:
    """A roadmap as Markdown: a heading, summary and table per year."""
    parts = []
    for number_, year_plan in enumerate(roadmap.years, start=1):
        heading = L["year"].format(n=number_).get(lang)
        calendar = roadmap.calendar_year(number_)
        if calendar:
            heading += f" ({calendar})"
        parts.append(f"### {heading}\n\n" + plan_markdown(year_plan, lang))
    return "\n".join(parts) if parts else L["empty_roadmap"].get(lang) + "\n"


def rounds_text(plan: Plan, lang: Lang, sep: str) -> str:
    """`` dalam 2 putaran`` when the plan takes more than one round."""
    if len(plan.rounds) < 2:
        return ""
    return sep + L["in_rounds"].format(n=len(plan.rounds)).get(lang)


def percent_text(value: Fraction, lang: Lang = "en") -> str:
    return f"{fmt(value * 100, 1, lang)}%"
