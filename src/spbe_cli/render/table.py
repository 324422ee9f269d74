"""Rich tables for people at a terminal. Computes nothing: it shows a :class:`Result`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.engine import NodeResult, Result
from spbe_cli.framework import Band, format_exact
from spbe_cli.i18n import Lang, Text, pick

BAND_STYLES = ("red", "yellow", "green", "cyan", "bold magenta")

L = {
    "index": Text("Indeks SPBE", "SPBE index"),
    "target": Text("Target", "Target"),
    "gap": Text("selisih", "gap"),
    "reached": Text("target tercapai", "target reached"),
    "next": Text("ke predikat berikutnya", "to the next rating"),
    "steps": Text("Kenaikan level paling sedikit untuk mencapai target",
                  "Fewest level raises that reach the target"),
    "unreachable": Text("target tidak dapat dicapai dalam skala ini",
                        "the target cannot be reached on this scale"),
    "domains": Text("Domain", "Domains"),
    "aspects": Text("Aspek", "Aspects"),
    "indicators": Text("Indikator", "Indicators"),
    "top": Text("Indikator dengan kenaikan indeks terbesar per level",
                "Indicators that lift the index most per level"),
    "no": Text("No", "No"),
    "name": Text("Nama", "Name"),
    "weight": Text("Bobot", "Weight"),
    "value": Text("Indeks", "Index"),
    "rating": Text("Predikat", "Rating"),
    "share": Text("Bagian selisih", "Share of gap"),
    "level": Text("Level", "Level"),
    "opd": Text("OPD", "OPD"),
    "gain": Text("+Indeks/level", "+Index/level"),
    "agency": Text("Instansi", "Agency"),
    "year": Text("Tahun", "Year"),
    "rank": Text("Peringkat", "Rank"),
    "assumed": Text("diisi level terendah", "filled with the lowest level"),
    "steps_unit": Text("kenaikan level", "level raises"),
}


def band_style(result: Result, band: Band) -> str:
    """A colour per rating, lowest red to highest magenta."""
    position = result.framework.bands.index(band)
    top = len(result.framework.bands) - 1
    scaled = round(position * (len(BAND_STYLES) - 1) / top) if top else 0
    return BAND_STYLES[scaled]


def fmt(value: Decimal | Fraction, places: int = 2) -> str:
    """A figure with ``places`` decimals (exact values rounded half-up)."""
    if isinstance(value, Fraction):
        from spbe_cli.framework import round_half_up

        value = round_half_up(value, places)
    return f"{value:.{places}f}"


def weight_text(weight: Fraction) -> str:
    """A weight as the regulation prints it (``1.30``, ``16.50``), or ``10/3`` if inexact."""
    text = format_exact(weight)
    if "/" in text:
        return text
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def short_name(name: str) -> str:
    """An indicator name without the prefix every indicator shares ("Tingkat Kematangan")."""
    for prefix in ("Tingkat Kematangan ", "Maturity of "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name


def headline(result: Result, lang: Lang, source: str | None = None) -> RenderableType:
    """Agency, year, framework, index with rating, target, gap and next rating."""
    fw = result.framework
    places = fw.rounding.places
    agency = result.assessment.agency or (source or "")
    title = " · ".join(
        part for part in (agency, str(result.assessment.year or ""), fw.label(lang)) if part
    )
    lines: list[RenderableType] = [RichText(title, style="bold")]
    index_line = RichText()
    index_line.append(f"{L['index'].get(lang)} ")
    index_line.append(f"{result.published:.{places}f}", style="bold")
    index_line.append("  ")
    index_line.append(result.band.label(lang), style=band_style(result, result.band))
    lines.append(index_line)
    target_band = fw.band_for(result.target)
    target_text = (
        f"{L['target'].get(lang)} {fmt(result.target, places)} ({target_band.label(lang)})"
    )
    if result.target_reached:
        target_text += f" · {L['reached'].get(lang)}"
    else:
        target_text += f" · {L['gap'].get(lang)} {fmt(result.gap, places)}"
    upper = result.next_band
    if upper is not None and result.to_next_band is not None:
        target_text += (
            f" · {L['next'].get(lang)} ({upper.label(lang)}, {fmt(upper.min, places)}): "
            f"{fmt(result.to_next_band, places)}"
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
    return Group(*lines)


def node_table(
    result: Result, nodes: Sequence[NodeResult], title: Text, lang: Lang
) -> Table:
    """Domains or aspects: weight, index, rating, share of the gap."""
    places = result.framework.rounding.places
    table = Table(title=title.get(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["weight"].get(lang), justify="right")
    table.add_column(L["value"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang))
    table.add_column(L["share"].get(lang), justify="right")
    for node in nodes:
        table.add_row(
            node.id,
            pick(lang, node.name, node.name_en),
            weight_text(node.weight),
            f"{node.published:.{places}f}",
            RichText(node.band.label(lang), style=band_style(result, node.band)),
            fmt(node.gap_points, places),
        )
    return table


def indicator_table(result: Result, lang: Lang, top: int | None) -> Table:
    """All indicators (``top=None``) or the ``top`` with the largest gain per level."""
    items = list(result.indicators) if top is None else result.top_gains(top)
    title = L["indicators"] if top is None else L["top"]
    table = Table(title=title.get(lang), title_justify="left", title_style="bold")
    table.add_column(L["no"].get(lang), justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["opd"].get(lang))
    table.add_column(L["weight"].get(lang), justify="right")
    table.add_column(L["level"].get(lang), justify="right")
    table.add_column(L["gain"].get(lang), justify="right")
    for item in items:
        info = result.framework.level_info(item.indicator, item.level)
        level = f"{item.level} {info.name}" if info else str(item.level)
        if item.assumed:
            level += "*"
        table.add_row(
            item.id,
            short_name(item.indicator.label(lang)),
            item.opd or "",
            weight_text(item.weight),
            level,
            fmt(item.gain_per_level, 4),
        )
    return table


def score_view(
    result: Result, lang: Lang, *, detail: bool, top: int, source: str | None = None
) -> RenderableType:
    """Everything ``spbe score`` shows for one agency-year."""
    parts: list[RenderableType] = [headline(result, lang, source), ""]
    parts.append(node_table(result, result.domains, L["domains"], lang))
    parts.append(node_table(result, result.aspects, L["aspects"], lang))
    if detail:
        parts.append(indicator_table(result, lang, None))
    elif top > 0 and any(item.headroom for item in result.indicators):
        parts.append(indicator_table(result, lang, top))
    if result.assumed:
        parts.append(RichText(f"* {L['assumed'].get(lang)}", style="yellow"))
    return Group(*parts)


def ranking_table(results: Sequence[Result], lang: Lang) -> Table:
    """One row per agency-year, best index first, with domain indices."""
    from spbe_cli.ranking import rank_results

    ranked = rank_results(results)
    first = ranked[0].result
    table = Table(title=L["rank"].get(lang), title_justify="left", title_style="bold")
    table.add_column(L["rank"].get(lang), justify="right")
    table.add_column(L["agency"].get(lang), no_wrap=True)
    table.add_column(L["year"].get(lang), justify="right")
    table.add_column(L["index"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang))
    for domain in first.domains:
        table.add_column(f"D{domain.id}", justify="right")
    places = first.framework.rounding.places
    for item in ranked:
        result = item.result
        table.add_row(
            str(item.rank),
            result.assessment.agency or "",
            str(result.assessment.year or ""),
            f"{result.published:.{places}f}",
            RichText(result.band.label(lang), style=band_style(result, result.band)),
            *[f"{d.published:.{places}f}" for d in result.domains],
        )
    return table
