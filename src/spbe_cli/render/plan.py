"""Plans, roadmaps and what-ifs for people (rich) and scripts (JSON, CSV, Markdown).

Everything shown is computed in :mod:`spbe_cli.planner`; this module only lays it out.
JSON follows ``spbe score``: published figures as numbers, exact values as strings beside
them (``index`` and ``index_exact``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.engine import NodeResult, Result
from spbe_cli.exact import value_text
from spbe_cli.framework import Tier, Value, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.planner import Limit, OpdShare, Plan, Step, WhatIf
from spbe_cli.render.data import SCHEMA_VERSION, framework_dict, markdown_table, number
from spbe_cli.render.table import band_style, fmt, indicator_name, signed

L = {
    "target": Text("Target", "Target"),
    "by_plan": Text("tercapai bila rencana ini dijalankan",
                    "reached once this plan is carried out"),
    "reached": Text("tercapai", "reached"),
    "at_target": Text("sudah tercapai, tidak perlu kenaikan",
                      "already reached, nothing to raise"),
    "not_reached": Text("belum tercapai", "not reached"),
    "unreachable": Text("tidak dapat dicapai", "cannot be reached"),
    "best": Text("indeks tertinggi yang dapat dicapai", "best reachable index"),
    "binds": Text("Batasan yang mengikat", "Binding constraints"),
    "without": Text("tanpanya", "without it"),
    "steps": Text("Kenaikan level", "Level raises"),
    "no": Text("No", "No"),
    "step": Text("#", "#"),
    "indicator": Text("Indikator", "Indicator"),
    "opd": Text("OPD", "OPD"),
    "level": Text("Level", "Level"),
    "effort": Text("Upaya", "Effort"),
    "gain": Text("+Indeks", "+Index"),
    "after": Text("Indeks", "Index"),
    "raises": Text("kenaikan", "raises"),
    "raises_head": Text("Kenaikan", "Raises"),
    "level_steps": Text("langkah level", "level steps"),
    "total": Text("Jumlah", "Total"),
    "share": Text("Bagian kenaikan", "Share of gain"),
    "by_opd": Text("Per OPD", "By OPD"),
    "no_opd": Text("(tanpa OPD)", "(no OPD)"),
    "constraints": Text("Batasan", "Constraints"),
    "year": Text("Tahun ke-{n}", "Year {n}"),
    "round": Text("Putaran", "Round"),
    "year_col": Text("Tahun", "Year"),
    "criteria": Text("Yang dibutuhkan tiap level", "What each level takes"),
    "round_n": Text("Putaran {n}", "Round {n}"),
    "in_rounds": Text("dalam {n} putaran", "in {n} rounds"),
    "per_round": Text(
        "paling banyak {n} level per indikator per putaran",
        "at most {n} level(s) per indicator per round",
    ),
    "roadmap_done": Text("Tidak ada lagi yang dapat dinaikkan.", "Nothing left to raise."),
    "empty_roadmap": Text(
        "Tidak ada kenaikan: target dan predikat tertinggi sudah tercapai atau terkunci.",
        "No raises: the target and the top rating are reached or locked.",
    ),
    "changes": Text("Perubahan level", "Level changes"),
    "name": Text("Nama", "Name"),
    "before": Text("Sebelum", "Before"),
    "after_short": Text("Sesudah", "After"),
    "delta": Text("Δ", "Δ"),
    "rating": Text("Predikat", "Rating"),
}
CONSTRAINT_NAMES = {
    "lock": Text("--lock (indikator terkunci)", "--lock (locked indicators)"),
    "scale": Text("puncak skala", "the top of the scale"),
    "rounds": Text("jumlah putaran (--until)", "the number of rounds (--until)"),
}


# -- JSON -----------------------------------------------------------------------------------


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


def _opd_dict(share: OpdShare) -> dict[str, Any]:
    return {
        "opd": share.opd,
        "raises": len(share.steps),
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
    """One row per OPD (see :data:`OPD_HEADER`); the share is a percentage."""
    return [
        [
            share.opd or L["no_opd"].get(lang),
            len(share.steps),
            sum(s.levels for s in share.steps),
            " ".join(s.item.id for s in share.steps),
            format_exact(share.effort),
            format_exact(share.gain),
            _percent(share.share),
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
    rounds = _rounds_text(plan, lang, " ")
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


def _rounds_text(plan: Plan, lang: Lang, sep: str) -> str:
    """`` dalam 2 putaran`` when the plan takes more than one round."""
    if len(plan.rounds) < 2:
        return ""
    return sep + L["in_rounds"].format(n=len(plan.rounds)).get(lang)


def _percent(value: Fraction, lang: Lang = "en") -> str:
    return f"{fmt(value * 100, 1, lang)}%"


# -- rich -----------------------------------------------------------------------------------


def _title(result: Result, lang: Lang, source: str | None) -> RichText:
    agency = result.assessment.agency or (source or "")
    year = str(result.assessment.year or "")
    parts = (agency, year, result.framework.label(lang))
    return RichText(" · ".join(p for p in parts if p), style="bold")


def _move(before: Result, after: Result, lang: Lang) -> RichText:
    """``Indeks SPBE 1.53 Kurang → 2.60 Baik``."""
    places = before.framework.rounding.places
    line = RichText(f"{before.framework.index_label(lang)} ")
    line.append(f"{fmt(before.published, places, lang)} ", style="bold")
    line.append(before.band.label(lang), style=band_style(before, before.band))
    if after.index != before.index:
        line.append(" → ")
        line.append(f"{fmt(after.published, places, lang)} ", style="bold")
        line.append(after.band.label(lang), style=band_style(after, after.band))
    return line


def _target_line(plan: Plan, lang: Lang, label: Text) -> RichText:
    fw = plan.framework
    places = fw.rounding.places
    text = (f"{label.get(lang)} {fmt(plan.target, places, lang)} "
            f"({fw.band_for(plan.target).label(lang)})")
    if plan.target_reached and not plan.steps:
        return RichText(f"{text}: {L['at_target'].get(lang)}", style="green")
    if plan.target_reached:
        return RichText(f"{text}: {L['by_plan'].get(lang)}", style="green")
    best = fw.publish(plan.best_reachable)
    return RichText(
        f"{text}: {L['unreachable'].get(lang)}; {L['best'].get(lang)} {fmt(best, places, lang)} "
        f"({fw.band_for(plan.best_reachable).label(lang)})",
        style="bold red",
    )


def _constraints_line(plan: Plan, lang: Lang) -> RichText | None:
    parts = []
    if plan.max_step is not None:
        parts.append(L["per_round"].format(n=plan.max_step).get(lang))
    if plan.rounds_allowed is not None:
        parts.append(f"--until: {plan.rounds_allowed} {L['round'].get(lang).lower()}")
    if plan.max_level is not None:
        parts.append(f"--max-level {plan.max_level}")
    if plan.locked:
        parts.append(f"--lock {','.join(plan.locked)}")
    if not parts:
        return None
    return RichText(f"{L['constraints'].get(lang)}: " + " · ".join(parts), style="dim")


def _limit_lines(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.limits:
        return []
    places = plan.framework.rounding.places
    lines: list[RenderableType] = [RichText(f"{L['binds'].get(lang)}:", style="yellow")]
    for limit in plan.limits:
        best = plan.framework.publish(limit.best_without)
        name = " + ".join(_constraint_name(plan, c, lang) for c in limit.constraints)
        if limit.constraints == ("scale",):
            text = f"  {name}: {L['best'].get(lang)} {fmt(best, places, lang)}"
        else:
            text = f"  {name}: {L['without'].get(lang)} {fmt(best, places, lang)}"
            if limit.reaches_target:
                text += f" ({L['target'].get(lang).lower()} {L['reached'].get(lang)})"
        lines.append(RichText(text, style="yellow"))
    return lines


def _constraint_name(plan: Plan, constraint: str, lang: Lang) -> str:
    """``--max-step 1``, ``--lock (locked indicators)``, ``the top of the scale``."""
    if constraint == "max_step":
        return f"--max-step {plan.max_step}"
    if constraint == "max_level":
        return f"--max-level {plan.max_level}"
    return CONSTRAINT_NAMES[constraint].get(lang)


def _totals_line(plan: Plan, lang: Lang) -> RichText:
    rounds = _rounds_text(plan, lang, " · ")
    return RichText(
        f"{L['total'].get(lang)}: {plan.raises} {L['raises'].get(lang)} · "
        f"{plan.level_steps} {L['level_steps'].get(lang)}{rounds} · {L['effort'].get(lang)} "
        f"{format_exact(plan.total_effort)} · {L['gain'].get(lang)} "
        f"{fmt(plan.gain, 4, lang)}",
        style="bold",
    )


def steps_table(plan: Plan, lang: Lang, by_opd: bool = False) -> Table:
    """The raises in order, the index after each; grouped per round (or per OPD if asked).

    Compact enough for 80 columns: what the next level requires sits under the indicator's
    name, dimmed; the effort column shows only when efforts differ. Grouped by OPD, the
    ``#`` column keeps each raise's place in the overall order. With several rounds a
    round column says when each raise is due (its year when the start year is known).
    """
    table = Table(title=L["steps"].get(lang), title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    rounds = len(plan.rounds) > 1 and not by_opd
    efforts = len({s.effort / s.count for s in plan.steps if s.count}) > 1
    if by_opd:
        table.add_column(L["step"].get(lang), justify="right")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["indicator"].get(lang), min_width=16)
    table.add_column(L["opd"].get(lang), max_width=14, overflow="fold")
    table.add_column(L["level"].get(lang), max_width=20)
    keys = ("effort", "gain", "after") if efforts else ("gain", "after")
    for key in keys:
        table.add_column(L[key].get(lang), justify="right")
    places = plan.framework.rounding.places
    if by_opd:
        groups = [s.steps for s in plan.by_opd()]
    elif rounds:
        groups = [r.steps for r in plan.rounds]
    else:
        groups = [plan.steps]
    position = {id(step): str(n) for n, step in enumerate(plan.steps, start=1)}
    for number_, group in enumerate(groups, start=1):
        if rounds:
            heading = L["round_n"].format(n=number_).get(lang)
            year = plan.rounds[number_ - 1].year
            table.add_row("", RichText(f"{heading} ({year})" if year else heading,
                                       style="bold underline"))
        for step in group:
            cells: list[RenderableType] = [position[id(step)]] if by_opd else []
            cells += [
                RichText(step.item.id),
                RichText(indicator_name(step.indicator, lang)),
                RichText(step.item.opd or ""),
                _level_text(step, lang),
            ]
            if efforts:
                cells.append(format_exact(step.effort))
            cells += [fmt(step.gain, 4, lang), fmt(step.published, places, lang)]
            table.add_row(*cells)
        if len(groups) > 1:
            table.add_section()
    return table


def _level_text(step: Step, lang: Lang) -> str:
    """``1,3 → 2 Terkelola``: the values and the name of the level reached."""
    info = step.requires
    name = f" {pick(lang, info.name, info.name_en)}" if info else ""
    return f"{value_text(step.from_level, lang)} → {step.to_level}{name}"


def criteria_lines(plan: Plan, lang: Lang) -> list[str]:
    """What each level a plan climbs to requires, once per level (a footnote to the table)."""
    fw = plan.framework
    seen: dict[tuple[str, int], str] = {}
    for step in plan.steps:
        for level in range(math.floor(step.from_level) + 1, step.to_level + 1):
            key = (step.indicator.type, level)
            info = fw.level_info(step.indicator, level)
            if key in seen or info is None:
                continue
            requires = pick(lang, info.requires or "", info.requires_en)
            seen[key] = f"{level} {pick(lang, info.name, info.name_en)}" + (
                f": {requires}" if requires else "")
    return [seen[k] for k in sorted(seen, key=lambda k: (k[1], k[0]))]


def opd_table(plan: Plan, lang: Lang) -> Table:
    """Each OPD's raises, effort, gain and share of the gain."""
    table = Table(title=L["by_opd"].get(lang), title_justify="left", title_style="bold")
    table.add_column(L["opd"].get(lang))
    table.add_column(L["raises_head"].get(lang), justify="right")
    table.add_column(L["indicator"].get(lang))
    table.add_column(L["effort"].get(lang), justify="right")
    table.add_column(L["gain"].get(lang), justify="right")
    table.add_column(L["share"].get(lang), justify="right")
    for share in plan.by_opd():
        table.add_row(
            RichText(share.opd or L["no_opd"].get(lang)),
            str(len(share.steps)),
            ", ".join(s.item.id for s in share.steps),
            format_exact(share.effort),
            fmt(share.gain, 4, lang),
            _percent(share.share, lang),
        )
    return table


def _plan_body(plan: Plan, lang: Lang, by_opd: bool, label: Text) -> list[RenderableType]:
    parts: list[RenderableType] = [_target_line(plan, lang, label)]
    constraints = _constraints_line(plan, lang)
    if constraints is not None:
        parts.append(constraints)
    parts.extend(_limit_lines(plan, lang))
    if plan.steps:
        if by_opd:
            parts.append(opd_table(plan, lang))
        parts.append(steps_table(plan, lang, by_opd))
        parts.append(_totals_line(plan, lang))
        criteria = criteria_lines(plan, lang)
        if criteria:
            parts.append(RichText(L["criteria"].get(lang) + ":\n" + "\n".join(
                f"  {line}" for line in criteria), style="dim"))
    return parts


def plan_view(
    plan: Plan, lang: Lang, *, by_opd: bool = False, source: str | None = None
) -> RenderableType:
    """Everything ``spbe plan`` shows for one agency."""
    head: list[RenderableType] = [
        _title(plan.start, lang, source),
        _move(plan.start, plan.after, lang),
    ]
    return Group(*head, *_plan_body(plan, lang, by_opd, L["target"]), "")


def roadmap_view(
    start: Result,
    plans: Sequence[Plan],
    lang: Lang,
    *,
    by_opd: bool = False,
    source: str | None = None,
) -> RenderableType:
    """A plan per year, each after the one before."""
    final = plans[-1].after if plans else start
    parts: list[RenderableType] = [_title(start, lang, source), _move(start, final, lang)]
    if not plans:
        parts.append(RichText(L["empty_roadmap"].get(lang), style="dim"))
    else:
        parts.append(_roadmap_summary(start, plans, lang))
    for number_, year_plan in enumerate(plans, start=1):
        heading = L["year"].format(n=number_).get(lang)
        if start.assessment.year:
            heading += f" ({start.assessment.year + number_})"
        parts.append("")
        parts.append(RichText(heading, style="bold underline"))
        parts.append(_move(year_plan.start, year_plan.after, lang))
        parts.extend(_plan_body(year_plan, lang, by_opd, L["target"]))
    return Group(*parts, "")


def _roadmap_summary(start: Result, plans: Sequence[Plan], lang: Lang) -> Table:
    """One row per year first: the index, rating and work of each, before the details."""
    places = start.framework.rounding.places
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(L["year_col"].get(lang))
    for key in ("target", "after", "rating", "raises_head"):
        table.add_column(L[key].get(lang), justify="left" if key == "rating" else "right")
    for number_, year_plan in enumerate(plans, start=1):
        label = L["year"].format(n=number_).get(lang)
        if start.assessment.year:
            label += f" ({start.assessment.year + number_})"
        after = year_plan.after
        table.add_row(label, fmt(year_plan.target, places, lang),
                      fmt(after.published, places, lang),
                      RichText(after.band.label(lang), style=band_style(after, after.band)),
                      str(year_plan.raises))
    return table


def _node_table(change: WhatIf, tier: Tier, pairs: list[tuple[NodeResult, NodeResult]],
                lang: Lang) -> Table:
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
            RichText(signed(delta, places, lang),
                     style="green" if delta > 0 else "red" if delta < 0 else "dim"),
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


def whatif_view(change: WhatIf, lang: Lang, source: str | None = None) -> RenderableType:
    """Everything ``spbe whatif`` shows: the changes, the index, domains and aspects."""
    before, after = change.before, change.after
    places = before.framework.rounding.places
    move = _move(before, after, lang)
    move.append(f"  ({signed(after.published - before.published, places, lang)})")
    target = f"{L['target'].get(lang)} {fmt(before.target, places, lang)}"
    reached = (
        RichText(f"{target}: {L['reached'].get(lang)}", style="green")
        if after.target_reached
        else RichText(f"{target}: {L['not_reached'].get(lang)}", style="dim")
    )
    return Group(
        _title(before, lang, source),
        move,
        reached,
        _changes_table(change, lang),
        *[_node_table(change, tier, pairs, lang) for tier, pairs in change.tier_pairs()],
    )
