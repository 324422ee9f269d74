"""The words of plan, roadmap and what-if output, Indonesian and English."""

from __future__ import annotations

from spbe_cli.i18n import Text

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
    "level_steps_head": Text("Langkah level", "Level steps"),
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
    "own_criteria": Text("Kriteria rinci tiap indikator: kolom requires (JSON, CSV) dan",
                         "Each indicator's own criteria: the requires column (JSON, CSV) and"),
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
