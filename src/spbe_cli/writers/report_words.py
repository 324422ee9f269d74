"""The report's words: every label, title and phrase of the report in both languages.

:data:`L` holds them (shared terms come from :mod:`spbe_cli.glossary`); :func:`t` picks one
in a language; :func:`date_text` and :func:`yes_no` are the dates and answers a report
writes. The Excel, HTML and Markdown reports all take their words from here.
"""

from __future__ import annotations

import datetime

from spbe_cli import glossary
from spbe_cli.i18n import Lang, Text

MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


L = {
    "title": Text("Laporan {index}", "{index} report"),
    "ranking_title": Text("Peringkat {index}", "{index} ranking"),
    "trend_title": Text("Tren {index}", "{index} trend"),
    "front": Text("Ringkasan Eksekutif", "Executive summary"),
    "details": Text("Rincian", "Details"),
    "notes": Text("Dasar dan asumsi", "Basis and assumptions"),
    "summary": glossary.SUMMARY,
    "position": Text("Posisi saat ini", "Where we are"),
    "goal": Text("Target yang harus dicapai", "Where we must get"),
    "raises": Text("Kenaikan yang paling berpengaruh", "The raises that matter most"),
    "raises_next": Text(
        "Kenaikan yang paling berpengaruh menuju predikat berikutnya",
        "The raises that matter most toward the next rating",
    ),
    "work": Text("Pembagian kerja per OPD", "Work per OPD"),
    "plan": Text("Rencana", "Plan"),
    "plan_opd": Text("Rencana per OPD", "Plan per OPD"),
    "ranking": Text("Peringkat", "Ranking"),
    "trend": Text("Tren", "Trend"),
    "trend_nodes": Text("Tren per domain dan aspek", "Trend per group"),
    "moves": Text("Indikator yang naik dan turun", "Indicators that rose and fell"),
    "moves_summary": Text("Perubahan antartahun", "Changes between years"),
    "distribution": Text("Sebaran", "Distribution"),
    "distribution_front": Text("Sebaran per predikat", "Agencies per rating"),
    "top_title": Text("{n} teratas dari {total} instansi", "Top {n} of {total} agencies"),
    "bottom_title": Text("{n} terbawah dari {total} instansi", "Bottom {n} of {total} agencies"),
    "n_of_m": Text("{n} dari {m}", "{n} of {m}"),
    "chart_page": Text("Grafik", "Chart"),
    "chart_top_sheet": Text("Grafik teratas", "Chart top"),
    "chart_bottom_sheet": Text("Grafik terbawah", "Chart bottom"),
    "bands": glossary.RATINGS,
    "bands_title": Text("Arti predikat", "What the ratings mean"),
    "codes": Text("Kode", "Codes"),
    "codes_title": Text("Arti kode kolom", "What the column codes mean"),
    "codes_note": Text(
        "Kolom {first} sampai {last}: indeks per {tiers}; lihat tabel {table}.",
        "Columns {first} to {last}: the index per {tiers}; see the table {table}.",
    ),
    "tracks": Text("Jalur nilai", "Score tracks"),
    "item": Text("Uraian", "Item"),
    "value": glossary.VALUE,
    "no": glossary.NO,
    "name": glossary.NAME,
    "code": Text("Kode", "Code"),
    "weight": glossary.WEIGHT,
    "index": glossary.INDEX,
    "rating": glossary.RATING,
    "range": glossary.INDEX_RANGE,
    "rating_range": Text("Rentang predikat ini", "This rating's range"),
    "target": glossary.TARGET,
    "target_rating": Text("Predikat target", "Target rating"),
    "gap": Text("Selisih ke target", "Gap to the target"),
    "gap_share": glossary.SHARE_OF_GAP,
    "reached": glossary.TARGET_REACHED,
    "next": Text("Predikat berikutnya", "Next rating"),
    "next_from": Text("Predikat berikutnya mulai dari", "Next rating starts at"),
    "to_next": Text("Jarak ke predikat berikutnya", "Distance to the next rating"),
    "top_rating": Text("sudah predikat tertinggi", "already the top rating"),
    "steps": Text("Kenaikan level paling sedikit ke target", "Fewest level raises to the target"),
    "unreachable": Text("tidak dapat dicapai", "not reachable"),
    "agency": glossary.AGENCY,
    "year": glossary.YEAR,
    "round": glossary.ROUND,
    "framework": glossary.FRAMEWORK,
    "level": glossary.LEVEL,
    "level_name": Text("Nama level", "Level name"),
    "opd": glossary.OPD,
    "no_opd": Text("(OPD belum ditetapkan)", "(no OPD assigned)"),
    "other_opds": Text("{n} OPD lainnya", "{n} other OPDs"),
    "contribution": Text("Kontribusi", "Contribution"),
    "gain": glossary.GAIN_PER_LEVEL,
    "plus_index": glossary.GAIN,
    "from": Text("Dari", "From"),
    "to": Text("Ke", "To"),
    "requires": Text("Syarat level berikutnya", "What the next level requires"),
    "index_after": Text("Indeks sesudahnya", "Index after"),
    "plan_index": Text("Indeks setelah rencana", "Index after the plan"),
    "plan_result": Text("Hasil rencana", "The plan's outcome"),
    "plan_reaches": Text("target tercapai{when}", "target reached{when}"),
    "plan_short": Text(
        "target tidak tercapai dengan batasan rencana; terbaik {best}{when}",
        "target not reached under the plan's limits; best {best}{when}",
    ),
    "in_year": Text(" pada {year}", " in {year}"),
    "in_rounds": Text(" ({n} putaran)", " ({n} rounds)"),
    "indicators": glossary.INDICATORS,
    "raise_count": Text("Indikator dinaikkan", "Indicators raised"),
    "level_steps": glossary.LEVEL_STEPS,
    "effort": glossary.EFFORT,
    "share_gain": Text("Bagian kenaikan indeks (%)", "Share of the index gain (%)"),
    "count": glossary.COUNT,
    "share": Text("Persen", "Percent"),
    "mean": Text("Rata-rata indeks", "Mean index"),
    "median": Text("Median indeks", "Median index"),
    "at_target": Text("Mencapai target", "At or above the target"),
    "change": Text("Perubahan", "Change"),
    "period": Text("Periode", "Period"),
    "direction": Text("Arah", "Direction"),
    "rose": Text("naik", "rose"),
    "fell": Text("turun", "fell"),
    "rose_count": Text("Indikator naik", "Indicators up"),
    "fell_count": Text("Indikator turun", "Indicators down"),
    "missing_year": Text("tidak ada data", "no data"),
    "missing_note": Text(
        "Tahun tanpa data: {years} (ditandai di tabel; perubahan dihitung "
        "dari tahun sebelumnya yang ada).",
        "Years without data: {years} (marked in the table; changes are "
        "from the previous year with data).",
    ),
    "remark": Text("Keterangan", "Remark"),
    "rank": glossary.RANK,
    "yes": Text("Ya", "Yes"),
    "no_": Text("Tidak", "No"),
    "bar_chart": Text("Indeks {tier} dan target", "{tier} indices and the target"),
    "radar_chart": Text("Indeks {tier} dan target", "{tier} indices and the target"),
    "ranking_chart": Text("Indeks per instansi dan target", "Index per agency and the target"),
    "trend_chart": Text("Indeks per tahun dan target", "Index per year and the target"),
    "top_n": Text("{n} teratas", "top {n}"),
    "made": Text("Dibuat {date}", "Made on {date}"),
    "prepared": glossary.PREPARED_BY,
    "approved": glossary.ACKNOWLEDGED_BY,
    "made_by": Text(
        "Dibuat dengan spbe-cli; angka dihitung eksak dan dibulatkan seperti dipublikasikan.",
        "Made with spbe-cli; figures computed exactly and rounded as published.",
    ),
}


def t(key: str, lang: Lang) -> str:
    """The label ``key`` in ``lang``."""
    return L[key].get(lang)


def yes_no(flag: bool, lang: Lang) -> str:
    """``Ya``/``Tidak`` (``Yes``/``No``)."""
    return (L["yes"] if flag else L["no_"]).get(lang)


def date_text(day: datetime.date, lang: Lang) -> str:
    """``12 Mei 2025`` (``12 May 2025``)."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"
