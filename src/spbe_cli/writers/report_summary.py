"""The first page of a one-agency report, like the LHE's *Ringkasan Eksekutif*.

Four small tables answer four questions: where we are (index, rating, the rating's range
and the next one), where we must get (target, gap, what the plan reaches), what to do (the
three to five raises of the plan that add most to the index, with their OPDs) and who
does it (the plan's work per OPD). :func:`basis_notes` states the framework and every
assumption in plain sentences; :func:`signature` is the block under them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.exact import fixed, round_half_up, value_text
from spbe_cli.framework import compress_ids
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.results import IndicatorResult, Result
from spbe_cli.writers.report_document import (
    ReportTable,
    Signature,
    Value,
    band_range,
    band_value,
    fine,
    level_text,
    safe,
)
from spbe_cli.writers.report_words import L, date_text, t, yes_no

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spbe_cli.evidence.model import EvidenceReport
    from spbe_cli.planner import Plan
    from spbe_cli.tracks import TrackComparison
    from spbe_cli.views.report import OpdWork, Raise, ReportView

FRONT_OPDS = 8

N = {
    "framework": Text(
        "Kerangka: {label} ({id}), dasar {source}.", "Framework: {label} ({id}), based on {source}."
    ),
    "provisional": Text("Kerangka ini sementara: {note}", "This framework is provisional: {note}"),
    "provisional_plain": Text(
        "belum dicocokkan dengan naskah resmi; angka dapat berubah.",
        "not yet checked against the official text; figures may change.",
    ),
    "sources": Text("Sumber kerangka: {sources}.", "Framework sources: {sources}."),
    "missing": Text(
        "Indikator {ids} kosong di berkas dan dihitung pada level terendah ({low}).",
        "Indicators {ids} were blank in the file and are scored at the lowest level ({low}).",
    ),
    "external": Text(
        "Indikator dari indeks eksternal belum diisi dan dihitung dengan nilai bawaan: {items}.",
        "Indicators fed by an external index were not given and are scored at "
        "their default value: {items}.",
    ),
    "tracks": Text(
        "Nilai yang dihitung: jalur {scored} ({index}); {others}.",
        "Scored track: {scored} ({index}); {others}.",
    ),
    "other_track": Text("jalur {name} memberi {index}", "the {name} track gives {index}"),
    "plan": Text("Rencana: {limits}.", "Plan: {limits}."),
    "per_round": Text(
        "paling banyak {n} level per indikator per putaran",
        "at most {n} level(s) per indicator per round",
    ),
    "one_round": Text("semua kenaikan dalam satu putaran", "every raise in one round"),
    "until": Text("paling lambat {year} ({n} putaran)", "by {year} ({n} rounds)"),
    "max_level": Text("tidak melebihi level {n}", "no level above {n}"),
    "locked": Text("indikator {ids} tidak diubah", "indicators {ids} left as they are"),
    "effort": Text(
        "upaya per kenaikan menurut berkas upaya atau kolom upaya, bawaan 1",
        "effort per raise from the effort file or column, default 1",
    ),
    "source": Text("Berkas sumber: {name}.", "Source file: {name}."),
    "scored_index": Text("{index} (jalur {track})", "{index} ({track} track)"),
    "claimed_index": Text(
        "Indeks menurut klaim (jalur {track})", "Index as claimed ({track} track)"
    ),
    "evidenced_index": Text("Indeks menurut bukti dukung", "Index as evidenced"),
    "evidenced_partial": Text(
        "Indeks menurut bukti dukung (sebagian: batas bawah)",
        "Index as evidenced (partial: a lower bound)",
    ),
    "evidenced_rating": Text("Predikat menurut bukti dukung", "Rating as evidenced"),
    "at_risk": Text("Berisiko (poin indeks)", "At risk (index points)"),
    "at_risk_count": Text("Indikator berisiko", "Indicators at risk"),
    "plan_steps": Text("Langkah level dalam rencana", "Level steps in the plan"),
    "fewest_scored": Text(
        "{n} (paling sedikit dari nilai yang dinilai, tanpa batasan rencana)",
        "{n} (fewest from the scored values, without the plan's limits)",
    ),
    "fewest_free": Text(
        "{n} (paling sedikit tanpa batasan rencana per putaran dan upaya)",
        "{n} (fewest without the plan's per-round limits and effort)",
    ),
    "same_plan": Text(
        ", seperti spbe plan dengan --dir/--items yang sama.",
        ", as spbe plan gives with the same --dir/--items.",
    ),
    "start_capped": Text(
        "nilai yang didukung bukti, tidak di atas jalur {track} ({index}; klaim {claimed})",
        "the evidenced values, never above the {track} track ({index}; claimed {claimed})",
    ),
    "plan_start": Text("Titik awal rencana", "The plan starts from"),
    "start_scored": Text("nilai yang dinilai ({index})", "the scored values ({index})"),
    "start_evidenced": Text(
        "nilai yang didukung bukti ({index}; klaim {claimed})",
        "the evidenced values ({index}; claimed {claimed})",
    ),
    "assumed_mark": Text(
        "* nilai diasumsikan (lihat Dasar dan asumsi).",
        "* value assumed (see Basis and assumptions).",
    ),
}


def _n(key: str, lang: Lang, **values: object) -> str:
    return N[key].format(**values).get(lang)


def indicator_text(item: IndicatorResult, lang: Lang) -> str:
    """``42 Layanan Pengaduan Pelayanan Publik``: the id and the official short name."""
    return f"{item.id} {item.indicator.short_label(lang)}"


def opd_text(opd: str | None, lang: Lang) -> str:
    """An OPD's name as written, or a mark that none was assigned."""
    return safe(opd) if opd else t("no_opd", lang)


def front_tables(view: ReportView) -> tuple[ReportTable, ...]:
    """The first page's four tables (with an evidence check, the evidenced index and the
    risk stand beside the scored index, and the plan starts from the evidenced values)."""
    result, plan, lang, evidence = view.result, view.shown_plan, view.lang, view.evidence
    return (
        position_table(result, lang, evidence),
        goal_table(result, plan, lang, evidence),
        raises_table(result, view.raises, lang, toward_next=plan is None),
        work_table(view.work, lang),
    )


def position_table(
    result: Result, lang: Lang, evidence: EvidenceReport | None = None
) -> ReportTable:
    """Index, rating, the rating's range, the next rating and the distance to it; with an
    evidence check, the claimed index (when another track was checked), the evidenced index
    and the points at risk, each named: the scored and evidenced figures side by side."""
    fw = result.framework
    upper = result.next_band
    label = fw.index_label(lang)
    scored_track = result.assessment.track
    if evidence is not None and scored_track and len(result.assessment.tracks) > 1:
        from spbe_cli.render.common import track_label

        label = _n("scored_index", lang, index=label, track=track_label(scored_track, lang))
    rows: list[tuple[Value, ...]] = [
        (label, result.published),
        (t("rating", lang), band_value(fw, result.band, lang, full=True)),
        (t("rating_range", lang), band_range(fw, result.band, lang)),
    ]
    if evidence is not None:
        rows += _evidence_rows(result, evidence, lang)
    if upper is None:
        rows.append((t("next", lang), t("top_rating", lang)))
    else:
        to_next = result.to_next_band or Fraction(0)
        rows += [
            (t("next", lang), band_value(fw, upper, lang, full=True)),
            (t("next_from", lang), fw.publish(fw.band_floor(upper))),
            (t("to_next", lang), fw.publish(to_next)),
        ]
    header = (t("item", lang), t("value", lang))
    return ReportTable("position", t("position", lang), t("position", lang), header, tuple(rows))


def goal_table(
    result: Result, plan: Plan | None, lang: Lang, evidence: EvidenceReport | None = None
) -> ReportTable:
    """Target, its rating, the gap, the fewest raises and what the plan reaches.

    With a plan, one step count leads: the plan's level steps; the fewest raises stand
    beside it only when they differ, saying why (the plan's limits, or its evidenced start).
    """
    fw = result.framework
    steps = result.min_steps_to_target
    rows: list[tuple[Value, ...]] = [
        (t("target", lang), fw.publish(result.target)),
        (t("target_rating", lang), band_value(fw, fw.band_for(result.target), lang, full=True)),
        (t("gap", lang), fw.publish(result.gap)),
        (t("reached", lang), yes_no(result.target_reached, lang)),
    ]
    if plan is None and not result.target_reached:
        rows.append((t("steps", lang), steps if steps is not None else t("unreachable", lang)))
    if plan is not None:
        rows.append(
            (N["plan_start"].get(lang), plan_start(plan, evidence, lang, result.assessment.track))
        )
        rows.append((N["plan_steps"].get(lang), plan.level_steps))
        if steps is not None and steps != plan.level_steps:
            key = "fewest_scored" if evidence is not None else "fewest_free"
            rows.append((t("steps", lang), _n(key, lang, n=steps)))
        rows += [
            (t("plan_result", lang), plan_outcome(plan, lang)),
            (t("plan_index", lang), fw.publish(plan.after.index)),
        ]
    header = (t("item", lang), t("value", lang))
    return ReportTable("goal", t("goal", lang), t("goal", lang), header, tuple(rows))


def plan_start(
    plan: Plan, evidence: EvidenceReport | None, lang: Lang, scored_track: str | None = None
) -> str:
    """Where the plan starts: the scored values, or the evidenced ones (with the claim)."""
    fw = plan.framework
    places = fw.rounding.places
    if evidence is None:
        return _n("start_scored", lang, index=fixed(plan.start.published, places, lang))
    if plan.start.index != evidence.evidenced_index:
        from spbe_cli.render.common import track_label

        return _n(
            "start_capped",
            lang,
            index=fixed(plan.start.published, places, lang),
            claimed=fixed(evidence.claimed_published, places, lang),
            track=track_label(scored_track or "-", lang),
        )
    return _n(
        "start_evidenced",
        lang,
        index=fixed(plan.start.published, places, lang),
        claimed=fixed(evidence.claimed_published, places, lang),
    )


def _evidence_rows(result: Result, evidence: EvidenceReport, lang: Lang) -> list[tuple[Value, ...]]:
    """The claimed index (when not the scored one), the evidenced index and the risk."""
    from spbe_cli.render.common import track_label

    fw = result.framework
    rows: list[tuple[Value, ...]] = []
    if evidence.track != result.assessment.track:
        rows.append(
            (
                _n("claimed_index", lang, track=track_label(evidence.track or "-", lang)),
                evidence.claimed_published,
            )
        )
    key = "evidenced_partial" if evidence.partial else "evidenced_index"
    rows += [
        (N[key].get(lang), evidence.evidenced_published),
        (N["evidenced_rating"].get(lang), band_value(fw, evidence.evidenced.band, lang, full=True)),
        (N["at_risk"].get(lang), fine(evidence.risk)),
        (N["at_risk_count"].get(lang), sum(1 for r in evidence.rows if r.at_risk)),
    ]
    return rows


def plan_outcome(plan: Plan, lang: Lang) -> str:
    """``target tercapai pada 2023 (2 putaran)`` or what the plan reaches at best."""
    fw = plan.framework
    last = plan.rounds[-1] if plan.rounds else None
    when = L["in_year"].format(year=last.year).get(lang) if last and last.year else ""
    if len(plan.rounds) > 1:
        when += L["in_rounds"].format(n=len(plan.rounds)).get(lang)
    if plan.target_reached:
        return L["plan_reaches"].format(when=when).get(lang)
    best = fw.publish(plan.after.index)
    label = fw.band_for(plan.after.index).label(lang)
    best_text = f"{fixed(best, fw.rounding.places, lang)} ({label})"
    return L["plan_short"].format(best=best_text, when=when).get(lang)


def raises_table(
    result: Result, raises: Sequence[Raise], lang: Lang, *, toward_next: bool = False
) -> ReportTable:
    """The raises that add most, with their OPD, levels and gain."""
    header = (t("indicators", lang), t("opd", lang), t("level", lang), t("plus_index", lang))
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (
            indicator_text(r.item, lang),
            opd_text(r.item.opd, lang),
            f"{level_text(r.from_level, lang)} → {r.to_level}",
            fine(r.gain),
        )
        for r in raises
    )
    title = t("raises_next" if toward_next else "raises", lang)
    return ReportTable("raises", title, t("raises", lang), header, rows)


def work_table(shares: Sequence[OpdWork], lang: Lang) -> ReportTable:
    """Per OPD: indicators raised, level steps and share of the index gain."""
    header = (t("opd", lang), t("raise_count", lang), t("level_steps", lang), t("share_gain", lang))
    rows: list[tuple[Value, ...]] = []
    shown = shares if len(shares) <= FRONT_OPDS else shares[: FRONT_OPDS - 1]
    for work in shown:
        rows.append(
            (opd_text(work.opd, lang), work.indicators, work.level_steps, _percent(work.share))
        )
    rest = shares[len(shown) :]
    if rest:
        rows.append(
            (
                L["other_opds"].format(n=len(rest)).get(lang),
                sum(r.indicators for r in rest),
                sum(r.level_steps for r in rest),
                _percent(sum((r.share for r in rest), Fraction(0))),
            )
        )
    return ReportTable("work", t("work", lang), t("work", lang), header, tuple(rows))


def _percent(share: Fraction) -> Decimal:
    return round_half_up(share * 100, 1)


def basis_notes(
    result: Result,
    plan: Plan | None,
    lang: Lang,
    source: str | None = None,
    evidence: EvidenceReport | None = None,
    tracks: TrackComparison | None = None,
) -> tuple[str, ...]:
    """The framework, its status and every assumption, as plain sentences (``tracks``:
    the result's score tracks side by side, when it was scored on one of several)."""
    fw = result.framework
    notes = [_n("framework", lang, label=fw.label(lang), id=fw.id, source=fw.source)]
    if fw.provisional:
        if fw.note:
            notes.append(pick(lang, fw.note, fw.note_en))
        else:
            notes.append(_n("provisional", lang, note=N["provisional_plain"].get(lang)))
        if fw.sources:
            notes.append(_n("sources", lang, sources="; ".join(fw.sources)))
    missing = [a.indicator.id for a in result.assumptions if a.reason == "missing"]
    if missing:
        notes.append(_n("missing", lang, ids=compress_ids(missing), low=fw.scale.min))
    external = [a for a in result.assumptions if a.reason == "external"]
    if external:
        items = "; ".join(
            f"{a.indicator.id} {a.indicator.short_label(lang)} = {value_text(a.value, lang)}"
            + (f" ({a.indicator.external.label(lang)})" if a.indicator.external else "")
            for a in external
        )
        bases = dict.fromkeys(
            pick(lang, x.default_basis, x.default_basis_en)
            for a in external
            if (x := a.indicator.external) is not None and x.default_basis
        )
        basis = f" ({'; '.join(bases)})" if bases else ""
        notes.append(_n("external", lang, items=items).removesuffix(".") + basis + ".")
    tracks_note = _tracks_note(result, tracks, lang) if tracks is not None else None
    if tracks_note:
        notes.append(tracks_note)
    if evidence is not None:
        notes.append(evidence.claim_text().get(lang) + ".")
        if plan is not None:
            notes.append(
                evidence.start_text(plan.start, result).get(lang) + N["same_plan"].get(lang)
            )
    if plan is not None:
        notes.append(_n("plan", lang, limits="; ".join(_plan_limits(plan, lang))))
    if source:
        notes.append(_n("source", lang, name=safe(source)))
    return tuple(notes)


def _tracks_note(result: Result, comparison: TrackComparison, lang: Lang) -> str | None:
    """Which score track was scored, and what the others give."""
    if len(result.assessment.tracks) < 2 or result.assessment.track is None:
        return None
    from spbe_cli.render.common import track_label

    fw = result.framework
    places = fw.rounding.places
    scored = result.assessment.track
    others = [
        _n(
            "other_track",
            lang,
            name=track_label(name, lang),
            index=fixed(other.published, places, lang),
        )
        for name, other in comparison.results.items()
        if name != scored
    ]
    if not others:
        return None
    return _n(
        "tracks",
        lang,
        scored=track_label(scored, lang),
        index=fixed(result.published, places, lang),
        others="; ".join(others),
    )


def _plan_limits(plan: Plan, lang: Lang) -> list[str]:
    parts = []
    if plan.max_step is not None:
        parts.append(_n("per_round", lang, n=plan.max_step))
    else:
        parts.append(N["one_round"].get(lang))
    if plan.rounds_allowed is not None:
        start = plan.start.assessment.year
        spacing = plan.framework.planning.round_years
        year = start + plan.rounds_allowed * spacing if start is not None else "?"
        parts.append(_n("until", lang, year=year, n=plan.rounds_allowed))
    if plan.max_level is not None:
        parts.append(_n("max_level", lang, n=plan.max_level))
    if plan.locked:
        parts.append(_n("locked", lang, ids=compress_ids(list(plan.locked))))
    parts.append(N["effort"].get(lang))
    return parts


def assumed_mark(lang: Lang) -> str:
    """The note under the indicator table explaining the ``*`` mark."""
    return N["assumed_mark"].get(lang)


def signature(
    lang: Lang,
    made: datetime.date,
    prepared_by: str | None = None,
    approved_by: str | None = None,
    place: str | None = None,
) -> Signature:
    """The block ``Disusun oleh`` / ``Mengetahui`` with names, or blank lines to sign on."""
    day = date_text(made, lang)
    line = f"{safe(place)}, {day}" if place else day
    return Signature(
        line,
        t("prepared", lang),
        safe(prepared_by) if prepared_by else None,
        t("approved", lang),
        safe(approved_by) if approved_by else None,
    )


def made_line(made: datetime.date, lang: Lang) -> str:
    """``Dibuat 12 Mei 2025``."""
    return L["made"].format(date=date_text(made, lang)).get(lang)


def round_label(year: int | None, number: int, lang: Lang) -> str | int:
    """A plan round as people name it: its year, else ``Putaran 2``."""
    return year if year is not None else f"{t('round', lang)} {number}"
