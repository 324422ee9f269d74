"""The words every output shares, said once: a column called Predikat in the terminal is
called Predikat in the report, the template and the plan.

Each module keeps its own sentences next to its code (:mod:`spbe_cli.i18n`); a word that
two outputs show for the same thing lives here, so a change of wording reaches them all.
"""

from __future__ import annotations

from spbe_cli.i18n import Text

NO = Text("No", "No")
NAME = Text("Nama", "Name")
OPD = Text("OPD", "OPD")
AGENCY = Text("Instansi", "Agency")
YEAR = Text("Tahun", "Year")
FRAMEWORK = Text("Kerangka", "Framework")
INDEX = Text("Indeks", "Index")
INDICATOR = Text("Indikator", "Indicator")
INDICATORS = Text("Indikator", "Indicators")
LEVEL = Text("Level", "Level")
VALUE = Text("Nilai", "Value")
WEIGHT = Text("Bobot", "Weight")
RATING = Text("Predikat", "Rating")
RATINGS = Text("Predikat", "Ratings")
RANK = Text("Peringkat", "Rank")
TARGET = Text("Target", "Target")
TARGET_REACHED = Text("Target tercapai", "Target reached")
CRITERIA = Text("Kriteria", "Criteria")
SOURCE = Text("Sumber", "Source")
NOTE = Text("Catatan", "Note")
ERROR = Text("Kesalahan", "Error")
COUNT = Text("Jumlah", "Count")
CLAIM = Text("Klaim", "Claim")
EVIDENCED = Text("Didukung bukti", "Evidenced")
EVIDENCE_READINESS = Text("Kesiapan bukti dukung", "Evidence readiness")
LEVELS_WITHOUT_EVIDENCE = Text("Level tanpa bukti", "Levels without evidence")
LEVEL_STEPS = Text("Langkah level", "Level steps")
EFFORT = Text("Upaya", "Effort")
ROUND = Text("Putaran", "Round")
BY_OPD = Text("Per OPD", "By OPD")
NO_OPD = Text("(tanpa OPD)", "(no OPD)")
SHARE_OF_GAP = Text("Bagian selisih", "Share of gap")
GAIN = Text("+Indeks", "+Index")
GAIN_PER_LEVEL = Text("+Indeks/level", "+Index/level")
INDEX_RANGE = Text("Rentang indeks", "Index range")
SUMMARY = Text("Ringkasan", "Summary")
PREPARED_BY = Text("Disusun oleh,", "Prepared by,")
ACKNOWLEDGED_BY = Text("Mengetahui,", "Acknowledged by,")

TRACK_NAMES = {
    "mandiri": Text("Mandiri", "Self-assessment"),
    "verifikasi": Text("Verifikasi", "Verification"),
    "akhir": Text("Akhir", "Final"),
    "nilai": VALUE,
    "target": TARGET,
}
"""The names of the score tracks a workbook may hold (its value columns), for people."""
