"""The words of plan, roadmap and what-if output, Indonesian and English."""

from __future__ import annotations

from spbe_cli import glossary
from spbe_cli.i18n import Text

L = {
    "target": glossary.TARGET,
    "by_plan": Text(
        "tercapai bila rencana ini dijalankan", "reached once this plan is carried out"
    ),
    "reached": Text("tercapai", "reached"),
    "at_target": Text("sudah tercapai, tidak perlu kenaikan", "already reached, nothing to raise"),
    "not_reached": Text("belum tercapai", "not reached"),
    "unreachable": Text("tidak dapat dicapai", "cannot be reached"),
    "best": Text("indeks tertinggi yang dapat dicapai", "best reachable index"),
    "binds": Text("Batasan yang mengikat", "Binding constraints"),
    "without": Text("tanpanya", "without it"),
    "steps": Text("Kenaikan level", "Level raises"),
    "no": glossary.NO,
    "step": Text("#", "#"),
    "indicator": glossary.INDICATOR,
    "opd": glossary.OPD,
    "level": glossary.LEVEL,
    "effort": glossary.EFFORT,
    "gain": glossary.GAIN,
    "after": glossary.INDEX,
    "raises": Text("kenaikan", "raises"),
    "raises_head": Text("Kenaikan", "Raises"),
    "level_steps_head": glossary.LEVEL_STEPS,
    "level_steps": Text("langkah level", "level steps"),
    "total": Text("Jumlah", "Total"),
    "share": Text("Bagian kenaikan", "Share of gain"),
    "by_opd": glossary.BY_OPD,
    "no_opd": glossary.NO_OPD,
    "constraints": Text("Batasan", "Constraints"),
    "year": Text("Tahun ke-{n}", "Year {n}"),
    "round": glossary.ROUND,
    "year_col": glossary.YEAR,
    "criteria": Text("Yang dibutuhkan tiap level", "What each level takes"),
    "own_criteria": Text(
        "Kriteria rinci tiap indikator: kolom requires (JSON, CSV) dan",
        "Each indicator's own criteria: the requires column (JSON, CSV) and",
    ),
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
    "name": glossary.NAME,
    "before": Text("Sebelum", "Before"),
    "after_short": Text("Sesudah", "After"),
    "delta": Text("Δ", "Δ"),
    "rating": glossary.RATING,
}
CONSTRAINT_NAMES = {
    "lock": Text("--lock (indikator terkunci)", "--lock (locked indicators)"),
    "scale": Text("puncak skala", "the top of the scale"),
    "rounds": Text("jumlah putaran (--until)", "the number of rounds (--until)"),
}


# -- JSON -----------------------------------------------------------------------------------
