"""``spbe score`` at a terminal: rich tables of a :class:`~spbe_cli.views.score.ScoreView`.
Computes nothing: the view holds the results, track comparisons, ranking and statistics.

Figures are written as people read them: a decimal comma in Indonesian (``2,95``), a dot
in English. Text from input files (agency, OPD and indicator names) is never read as rich
markup: a name such as ``[bold]x[/bold]`` is printed as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli import glossary
from spbe_cli.exact import value_text
from spbe_cli.framework import Tier, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.common import (
    TERMINAL_ROWS,
    band_style,
    fmt,
    indicator_name,
    signed,
    track_label,
    weight_text,
)
from spbe_cli.results import NodeResult, Result
from spbe_cli.tracks import TrackComparison
from spbe_cli.views.score import AgencyScore, ScoreView

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink

L = {
    "target": glossary.TARGET,
    "gap": Text("selisih", "gap"),
    "reached": Text("target tercapai", "target reached"),
    "next": Text("ke predikat berikutnya", "to the next rating"),
    "steps": Text(
        "Kenaikan level paling sedikit untuk mencapai target",
        "Fewest level steps that reach the target",
    ),
    "unreachable": Text(
        "target tidak dapat dicapai dalam skala ini", "the target cannot be reached on this scale"
    ),
    "top": Text(
        "Indikator dengan kenaikan indeks terbesar per level",
        "Indicators that lift the index most per level",
    ),
    "no": glossary.NO,
    "name": glossary.NAME,
    "weight": glossary.WEIGHT,
    "value": glossary.INDEX,
    "rating": glossary.RATING,
    "share": glossary.SHARE_OF_GAP,
    "level": glossary.LEVEL,
    "opd": glossary.OPD,
    "gain": glossary.GAIN_PER_LEVEL,
    "agency": glossary.AGENCY,
    "year": glossary.YEAR,
    "rank": glossary.RANK,
    "agencies": Text("instansi", "agencies"),
    "mean": Text("rata-rata", "mean"),
    "median": Text("median", "median"),
    "missing": Text("kosong, diisi level terendah", "blank, filled with the lowest level"),
    "external": Text(
        "indikator eksternal (nilainya dari indeks instansi lain), dinilai "
        "dengan nilai bawaan {value}; rencana tidak menaikkannya",
        "external indicators (valued from other agencies' indices), scored at "
        "the default {value}; plans do not raise them",
    ),
    "steps_unit": Text("langkah level", "level steps"),
    "exact_band": Text(
        "(nilai tepat {exact} berada di rentang {band}; predikat dibaca dari angka terbit)",
        "(the exact value {exact} lies in the {band} range; "
        "the rating is read from the published figure)",
    ),
    "provisional": Text(
        "Kerangka sementara: belum dicocokkan dengan naskah resmi; angka dapat berubah.",
        "Provisional framework: not yet checked against the official text; figures may change.",
    ),
    "more": Text(
        "... {n} baris lagi (--all untuk semua)", "... {n} more rows (--all for every row)"
    ),
    "track": Text("Jalur", "Track"),
    "track_target": Text("Jalur target kantor", "The office's target track"),
    "track_reaches": Text("mencapai target {target}", "reaches the target {target}"),
    "track_short": Text("belum mencapai target {target}", "short of the target {target}"),
    "tracks_title": Text(
        "Indikator yang nilainya berbeda antarjalur",
        "Indicators whose values differ between tracks",
    ),
    "effect": Text("Dampak", "Effect"),
    "diff": Text("Selisih", "Difference"),
}


def _tracks_line(result: Result, comparison: TrackComparison | None, lang: Lang) -> RichText | None:
    """``Mandiri 3,13 → Akhir 2,95 (-0,18)`` when the file holds several tracks."""
    if comparison is None:
        return None
    places = result.framework.rounding.places
    claims = [n for n in comparison.names if n != "target"]
    line = RichText()
    for pos, name in enumerate(claims):
        if pos:
            line.append(" → ")
        track = comparison.results[name]
        style = "bold" if name == comparison.scored else ""
        line.append(f"{track_label(name, lang)} {fmt(track.published, places, lang)}", style=style)
    if comparison.change is not None and comparison.reference and comparison.final:
        ref = comparison.results[comparison.reference].published
        now = comparison.results[comparison.final].published
        line.append(f" ({signed(now - ref, places, lang)})")
    target = comparison.target
    if target is not None:
        reaches = L["track_reaches"] if target.target_reached else L["track_short"]
        line.append(
            f"\n{L['track_target'].get(lang)} {fmt(target.published, places, lang)} "
            f"({reaches.format(target=fmt(target.target, places, lang)).get(lang)})"
        )
    return line


def headline(agency_score: AgencyScore, lang: Lang) -> RenderableType:
    """Agency, year, framework, index with rating, target, gap and next rating."""
    result, source = agency_score.result, agency_score.source
    fw = result.framework
    places = fw.rounding.places
    agency = result.assessment.agency or (source or "")
    title = " · ".join(
        part for part in (agency, str(result.assessment.year or ""), fw.label(lang)) if part
    )
    lines: list[RenderableType] = [RichText(title, style="bold")]
    index_line = RichText()
    index_line.append(f"{fw.index_label(lang)} ")
    index_line.append(fmt(result.published, places, lang), style="bold")
    index_line.append("  ")
    index_line.append(result.band.full_label(lang), style=band_style(result, result.band))
    if result.exact_band is not result.band:
        index_line.append(
            " "
            + L["exact_band"]
            .format(
                exact=format_exact(result.index).replace(".", "," if lang == "id" else "."),
                band=result.exact_band.label(lang),
            )
            .get(lang),
            style="yellow",
        )
    lines.append(index_line)
    tracks = _tracks_line(result, agency_score.tracks, lang)
    if tracks is not None:
        lines.append(tracks)
    target_band = fw.band_for(result.target)
    target_text = (
        f"{L['target'].get(lang)} {fmt(result.target, places, lang)} ({target_band.label(lang)})"
    )
    if result.target_reached:
        target_text += f" · {L['reached'].get(lang)}"
    else:
        target_text += f" · {L['gap'].get(lang)} {fmt(result.gap, places, lang)}"
    upper = result.next_band
    if upper is not None and result.to_next_band is not None:
        target_text += (
            f" · {L['next'].get(lang)} ({upper.label(lang)}, "
            f"{fmt(fw.band_floor(upper), places, lang)}): "
            f"{fmt(result.to_next_band, places, lang)}"
        )
    lines.append(RichText(target_text))
    if not result.target_reached:
        steps = result.min_steps_to_target
        steps_text = (
            f"{L['steps'].get(lang)}: {steps} {L['steps_unit'].get(lang)}"
            if steps is not None
            else f"{L['steps'].get(lang)}: {L['unreachable'].get(lang)}"
        )
        lines.append(RichText(steps_text, style="dim"))
    if fw.provisional:
        lines.append(RichText(L["provisional"].get(lang), style="yellow"))
    return Group(*lines)


def node_table(result: Result, tier: Tier, nodes: Sequence[NodeResult], lang: Lang) -> Table:
    """One tier's nodes (domains, aspects): weight, index, rating, share of the gap."""
    places = result.framework.rounding.places
    table = Table(title=tier.heading(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["weight"].get(lang), justify="right")
    table.add_column(L["value"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang))
    table.add_column(L["share"].get(lang), justify="right")
    for node in nodes:
        table.add_row(
            RichText(node.id),
            RichText(pick(lang, node.name, node.name_en)),
            weight_text(node.weight, lang),
            fmt(node.published, places, lang),
            RichText(node.band.label(lang), style=band_style(result, node.band)),
            fmt(node.gap_points, places, lang),
        )
    return table


def indicator_table(result: Result, lang: Lang, top: int | None) -> Table:
    """All indicators (``top=None``) or the ``top`` with the largest gain per level."""
    fw = result.framework
    items = list(result.indicators) if top is None else result.top_gains(top)
    title = fw.leaf_tier.heading(lang) if top is None else L["top"].get(lang)
    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["opd"].get(lang))
    table.add_column(L["weight"].get(lang), justify="right")
    table.add_column(L["level"].get(lang), justify="right")
    table.add_column(L["gain"].get(lang), justify="right")
    for item in items:
        info = fw.level_info(item.indicator, item.level)
        level = value_text(item.level, lang)
        if info:
            level += f" {pick(lang, info.name, info.name_en)}"
        if item.assumed:
            level += "*"
        table.add_row(
            RichText(item.id),
            RichText(indicator_name(item.indicator, lang)),
            RichText(item.opd or ""),
            weight_text(item.weight, lang),
            level,
            fmt(item.gain_per_level, 4, lang),
        )
    return table


def tracks_table(
    comparison: TrackComparison | None, lang: Lang, limit: int | None = 10
) -> Table | None:
    """Indicators whose tracks differ, largest effect first (``None`` with one track)."""
    if comparison is None or not comparison.differences:
        return None
    names = [n for n in comparison.names if n != "target"]
    table = Table(title=L["tracks_title"].get(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    for name in names:
        table.add_column(track_label(name, lang), justify="right")
    table.add_column(L["effect"].get(lang), justify="right")
    table.add_column(L["opd"].get(lang))
    shown = comparison.differences if limit is None else comparison.differences[:limit]
    for diff in shown:
        table.add_row(
            RichText(diff.indicator.id),
            RichText(indicator_name(diff.indicator, lang)),
            *[value_text(diff.values[n], lang) if n in diff.values else "" for n in names],
            signed(diff.effect, 4, lang),
            RichText(diff.opd or ""),
        )
    rest = len(comparison.differences) - len(shown)
    if rest > 0:
        table.caption = L["more"].format(n=rest).get(lang)
    return table


def assumption_lines(result: Result, lang: Lang) -> list[RenderableType]:
    """One line per kind of filled-in value (blank cells, external indicators)."""
    from spbe_cli.framework import compress_ids

    lines: list[RenderableType] = []
    missing = [a.indicator.id for a in result.assumptions if a.reason == "missing"]
    if missing:
        lines.append(
            RichText(f"* {L['missing'].get(lang)}: {compress_ids(missing)}", style="yellow")
        )
    by_value: dict[tuple[str, str], list[str]] = {}
    for item in result.assumptions:
        external = item.indicator.external
        if item.reason == "external" and external is not None:
            basis = pick(lang, external.default_basis or "", external.default_basis_en)
            by_value.setdefault((value_text(item.value, lang), basis), []).append(item.indicator.id)
    for (value, basis), ids in by_value.items():
        text = L["external"].format(value=value).get(lang)
        if basis:
            text += f" ({basis})"
        lines.append(RichText(f"* {compress_ids(ids)}: {text}", style="yellow"))
    return lines


def agency_view(agency_score: AgencyScore, lang: Lang, *, detail: bool, top: int) -> RenderableType:
    """Everything ``spbe score`` shows for one agency-year."""
    result = agency_score.result
    parts: list[RenderableType] = [headline(agency_score, lang), ""]
    for tier, nodes in result.tier_pairs():
        parts.append(node_table(result, tier, nodes, lang))
    tracks = tracks_table(agency_score.tracks, lang)
    if tracks is not None:
        parts.append(tracks)
    if detail:
        parts.append(indicator_table(result, lang, None))
    elif top > 0 and any(item.raisable for item in result.indicators):
        parts.append(indicator_table(result, lang, top))
    parts.extend(assumption_lines(result, lang))
    return Group(*parts)


def ranking_table(view: ScoreView, lang: Lang, limit: int | None = None) -> Table:
    """One row per agency-year, best index first, with the top tier's indices.

    ``limit`` keeps the first rows and says how many more there are (a caption). A year
    column that would hold one value throughout is left out (the title says the year).
    """
    ranked = view.ranking
    first = ranked[0].result
    fw = first.framework
    years = {r.result.assessment.year for r in ranked}
    title = L["rank"].get(lang)
    one_year = len(years) == 1
    if one_year and first.assessment.year is not None:
        title += f" · {first.assessment.year}"
    title += f" · {fw.index_label(lang)}"
    shown = ranked if limit is None else ranked[:limit]
    longest = max((len(r.result.assessment.agency or "") for r in shown), default=0)
    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column("#", justify="right")
    table.add_column(L["agency"].get(lang), overflow="fold", min_width=min(longest, 28))
    if not one_year:
        table.add_column(L["year"].get(lang), justify="right")
    table.add_column(L["value"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang), no_wrap=True)
    code = fw.group_tiers[0].code if fw.group_tiers else ""
    for node in first.top:
        table.add_column(f"{code}{node.id}", justify="right")
    places = fw.rounding.places
    for item in shown:
        result = item.result
        cells: list[RenderableType] = [str(item.rank), RichText(result.assessment.agency or "")]
        if not one_year:
            cells.append(str(result.assessment.year or ""))
        cells += [
            fmt(result.published, places, lang),
            RichText(result.band.label(lang), style=band_style(result, result.band)),
            *[fmt(n.published, places, lang) for n in result.top],
        ]
        table.add_row(*cells)
    rest = len(ranked) - len(shown)
    if rest > 0:
        table.caption = L["more"].format(n=rest).get(lang)
    return table


def ranking_summary(view: ScoreView, lang: Lang) -> RichText:
    """``630 instansi · rata-rata 2,31 · median 2,25 · Kurang 120 · Cukup 300 ...``."""
    fw = view.agencies[0].result.framework
    stats = view.statistics
    places = fw.rounding.places
    parts = [f"{stats.count} {L['agencies'].get(lang)}"]
    if stats.mean is not None and stats.median is not None:
        parts.append(f"{L['mean'].get(lang)} {fmt(stats.mean, places, lang)}")
        parts.append(f"{L['median'].get(lang)} {fmt(stats.median, places, lang)}")
    parts.extend(f"{b.band.label(lang)} {b.count}" for b in stats.bands if b.count)
    return RichText(" · ".join(parts), style="dim")


def show(view: ScoreView, sink: Sink) -> None:
    """``--format table`` drawn by rich: one agency in full, or many as a ranking (the first
    rows, every row with ``--all``) and a summary line. :mod:`spbe_cli.render.score_plain`
    sends here what rich draws (a terminal, or one agency anywhere)."""
    lang = sink.lang
    if view.single:
        sink.console().print(agency_view(view.agencies[0], lang, detail=sink.detail, top=sink.top))
        return
    console = sink.console()
    console.print(ranking_table(view, lang, None if sink.show_all else TERMINAL_ROWS))
    console.print(ranking_summary(view, lang))
