"""Plans and roadmaps for people: rich tables and lines.

Everything shown is computed in :mod:`spbe_cli.planner` and held by a view
(:mod:`spbe_cli.views.plan`); this module only lays it out. The same figures for scripts
and documents (JSON, CSV, Markdown) are in :mod:`spbe_cli.render.plan_data`; what-ifs in
:mod:`spbe_cli.render.whatif`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.exact import value_text
from spbe_cli.framework import format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.planner import Plan, Step
from spbe_cli.render.common import band_style, fmt, indicator_name
from spbe_cli.render.plan_data import opd_indicators, percent_text, rounds_text
from spbe_cli.render.plan_labels import CONSTRAINT_NAMES, L
from spbe_cli.results import Result

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.plan import AgencyPlan, AgencyRoadmap, PlanView, RoadmapView


def show(view: PlanView, sink: Sink) -> None:
    """``spbe plan`` at a terminal: each agency's plan."""
    console = sink.console()
    for item in view.plans:
        console.print(plan_view(item, sink.lang, by_opd=view.by_opd))


def show_roadmap(view: RoadmapView, sink: Sink) -> None:
    """``spbe plan --years N`` at a terminal: each agency's roadmap."""
    console = sink.console()
    for roadmap in view.roadmaps:
        console.print(roadmap_view(roadmap, sink.lang, by_opd=view.by_opd))


def title_line(result: Result, lang: Lang, source: str | None) -> RichText:
    agency = result.assessment.agency or (source or "")
    year = str(result.assessment.year or "")
    parts = (agency, year, result.framework.label(lang))
    return RichText(" · ".join(p for p in parts if p), style="bold")


def move_line(before: Result, after: Result, lang: Lang) -> RichText:
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
    text = (
        f"{label.get(lang)} {fmt(plan.target, places, lang)} "
        f"({fw.band_for(plan.target).label(lang)})"
    )
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
    rounds = rounds_text(plan, lang, " · ")
    return RichText(
        f"{L['total'].get(lang)}: {plan.raises} {L['raises'].get(lang)} · "
        f"{plan.level_steps} {L['level_steps'].get(lang)}{rounds} · {L['effort'].get(lang)} "
        f"{format_exact(plan.total_effort)} · {L['gain'].get(lang)} "
        f"{fmt(plan.gain, 4, lang)}",
        style="bold",
    )


def steps_table(item: AgencyPlan, lang: Lang, by_opd: bool = False) -> Table:
    """The raises in order, the index after each; grouped per round (or per OPD if asked).

    Compact enough for 80 columns: what the next level requires sits under the indicator's
    name, dimmed; the effort column shows only when efforts differ. Grouped by OPD, the
    ``#`` column keeps each raise's place in the overall order and, with several rounds, a
    round column its year. With several rounds a
    round column says when each raise is due (its year when the start year is known).
    """
    plan = item.plan
    table = Table(
        title=L["steps"].get(lang),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    rounds = len(plan.rounds) > 1 and not by_opd
    due = len(plan.rounds) > 1 and by_opd
    years = {r.number: r.year for r in plan.rounds}
    efforts = len({s.effort / s.count for s in plan.steps if s.count}) > 1
    if by_opd:
        table.add_column(L["step"].get(lang), justify="right")
    if due:
        table.add_column(L["round"].get(lang), justify="right")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["indicator"].get(lang), min_width=12 if due else 16)
    table.add_column(L["opd"].get(lang), max_width=12 if due else 14, overflow="fold")
    table.add_column(L["level"].get(lang), max_width=12 if due else 20)
    keys = ("effort", "gain", "after") if efforts else ("gain", "after")
    for key in keys:
        table.add_column(L[key].get(lang), justify="right")
    places = plan.framework.rounding.places
    if by_opd:
        groups = [s.steps for s in item.shares]
    elif rounds:
        groups = [r.steps for r in plan.rounds]
    else:
        groups = [plan.steps]
    position = {id(step): str(n) for n, step in enumerate(plan.steps, start=1)}
    for number_, group in enumerate(groups, start=1):
        if rounds:
            heading = L["round_n"].format(n=number_).get(lang)
            year = plan.rounds[number_ - 1].year
            table.add_row(
                "", RichText(f"{heading} ({year})" if year else heading, style="bold underline")
            )
        for step in group:
            cells: list[RenderableType] = [position[id(step)]] if by_opd else []
            if due:
                year = years.get(step.round)
                cells.append(str(year) if year else str(step.round))
            cells += [
                RichText(step.item.id),
                RichText(indicator_name(step.indicator, lang)),
                _opd_text(step, lang),
                _level_text(step, lang),
            ]
            if efforts:
                cells.append(format_exact(step.effort))
            cells += [fmt(step.gain, 4, lang), fmt(step.published, places, lang)]
            table.add_row(*cells)
        if len(groups) > 1:
            table.add_section()
    return table


def _opd_text(step: Step, lang: Lang) -> RichText:
    """The OPD the workbook names; without one, dimmed and marked ``?``, the first function
    the framework says owns the indicator (8/2026's Peran Fungsi), as a hint."""
    if step.item.opd:
        return RichText(step.item.opd)
    owners = step.indicator.owner_labels(lang)
    if not owners:
        return RichText("")
    return RichText(f"{owners[0].removeprefix('Fungsi ')}?", style="dim")


def _level_text(step: Step, lang: Lang) -> str:
    """``1,3 → 2 Terkelola``: the values and the name of the level reached."""
    info = step.requires
    name = f" {pick(lang, info.name, info.name_en)}" if info else ""
    return f"{value_text(step.from_level, lang)} → {step.to_level}{name}"


def criteria_lines(plan: Plan, lang: Lang) -> list[str]:
    """What each level a plan climbs to means, once per level (a footnote to the table): the
    scale's own phrase, which holds for every indicator of its type. Where indicators carry
    their own criteria (PermenPANRB 8/2026), a last line says where to read them, since
    one indicator's criteria under another's name would mislead."""
    fw = plan.framework
    seen: dict[tuple[str, int], str] = {}
    for step in plan.steps:
        levels = fw.scale.types[step.indicator.type].levels
        for level in range(math.floor(step.from_level) + 1, step.to_level + 1):
            key = (step.indicator.type, level)
            info = levels.get(level)
            if key in seen or info is None:
                continue
            requires = pick(lang, info.requires or "", info.requires_en)
            seen[key] = f"{level} {pick(lang, info.name, info.name_en)}" + (
                f": {requires}" if requires else ""
            )
    lines = [seen[k] for k in sorted(seen, key=lambda k: (k[1], k[0]))]
    with_criteria = [s.indicator.id for s in plan.steps if s.indicator.criteria]
    if with_criteria:
        first = with_criteria[0]
        lines.append(L["own_criteria"].get(lang))
        lines.append(f"  spbe framework indicator {first} {fw.id}")
    return lines


def opd_table(item: AgencyPlan, lang: Lang) -> Table:
    """Each OPD's raises (indicators raised, each once, as the totals line counts them),
    level steps, effort, gain and share of the gain."""
    table = Table(title=L["by_opd"].get(lang), title_justify="left", title_style="bold")
    table.add_column(L["opd"].get(lang), overflow="fold")
    table.add_column(L["raises_head"].get(lang), justify="right")
    table.add_column(L["indicator"].get(lang))
    table.add_column(L["level_steps_head"].get(lang), justify="right")
    table.add_column(L["effort"].get(lang), justify="right")
    table.add_column(L["gain"].get(lang), justify="right")
    table.add_column(L["share"].get(lang), justify="right")
    for share in item.shares:
        ids = opd_indicators(share)
        table.add_row(
            RichText(share.opd or L["no_opd"].get(lang)),
            str(len(ids)),
            ", ".join(ids),
            str(share.level_steps),
            format_exact(share.effort),
            fmt(share.gain, 4, lang),
            percent_text(share.share, lang),
        )
    return table


def _plan_body(item: AgencyPlan, lang: Lang, by_opd: bool, label: Text) -> list[RenderableType]:
    plan = item.plan
    parts: list[RenderableType] = [_target_line(plan, lang, label)]
    constraints = _constraints_line(plan, lang)
    if constraints is not None:
        parts.append(constraints)
    parts.extend(_limit_lines(plan, lang))
    if plan.steps:
        if by_opd:
            parts.append(opd_table(item, lang))
        parts.append(steps_table(item, lang, by_opd))
        parts.append(_totals_line(plan, lang))
        criteria = criteria_lines(plan, lang)
        if criteria:
            parts.append(
                RichText(
                    L["criteria"].get(lang) + ":\n" + "\n".join(f"  {line}" for line in criteria),
                    style="dim",
                )
            )
    return parts


def plan_view(item: AgencyPlan, lang: Lang, *, by_opd: bool = False) -> RenderableType:
    """Everything ``spbe plan`` shows for one agency."""
    plan = item.plan
    head: list[RenderableType] = [
        title_line(plan.start, lang, item.source),
        move_line(plan.start, plan.after, lang),
    ]
    return Group(*head, *_plan_body(item, lang, by_opd, L["target"]), "")


def roadmap_view(roadmap: AgencyRoadmap, lang: Lang, *, by_opd: bool = False) -> RenderableType:
    """A plan per year, each after the one before."""
    start = roadmap.start
    parts: list[RenderableType] = [
        title_line(start, lang, roadmap.source),
        move_line(start, roadmap.final, lang),
    ]
    if not roadmap.years:
        parts.append(RichText(L["empty_roadmap"].get(lang), style="dim"))
    else:
        parts.append(_roadmap_summary(roadmap, lang))
    for number_, year_item in enumerate(roadmap.years, start=1):
        heading = L["year"].format(n=number_).get(lang)
        calendar = roadmap.calendar_year(number_)
        if calendar:
            heading += f" ({calendar})"
        year_plan = year_item.plan
        parts.append("")
        parts.append(RichText(heading, style="bold underline"))
        parts.append(move_line(year_plan.start, year_plan.after, lang))
        parts.extend(_plan_body(year_item, lang, by_opd, L["target"]))
    return Group(*parts, "")


def _roadmap_summary(roadmap: AgencyRoadmap, lang: Lang) -> Table:
    """One row per year first: the index, rating and work of each, before the details."""
    places = roadmap.start.framework.rounding.places
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(L["year_col"].get(lang))
    for key in ("target", "after", "rating", "raises_head"):
        table.add_column(L[key].get(lang), justify="left" if key == "rating" else "right")
    for number_, year_item in enumerate(roadmap.years, start=1):
        year_plan = year_item.plan
        label = L["year"].format(n=number_).get(lang)
        calendar = roadmap.calendar_year(number_)
        if calendar:
            label += f" ({calendar})"
        after = year_plan.after
        table.add_row(
            label,
            fmt(year_plan.target, places, lang),
            fmt(after.published, places, lang),
            RichText(after.band.label(lang), style=band_style(after, after.band)),
            str(year_plan.raises),
        )
    return table
