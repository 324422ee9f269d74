"""The words of the input workbook (``spbe template``), Indonesian and English."""

from __future__ import annotations

from spbe_cli import glossary
from spbe_cli.i18n import Text

TEXT = {
    "hint": Text(
        "Isi kolom Nilai ({range}) untuk setiap indikator; OPD, Catatan dan Bukti Dukung "
        "boleh diisi. Arti setiap level: arahkan penunjuk ke sel Nilai, atau lihat lembar "
        "{help}; hasilnya di lembar {summary}.",
        "Fill in the {value} column ({range}) for every indicator; OPD, Notes and Evidence "
        "are optional. What each level means: rest the pointer on the {value} cell, or see "
        "the {help} sheet; the result is on the {summary} sheet.",
    ),
    "range_whole": Text("level {min}-{max}", "level {min}-{max}"),
    "range_decimal": Text(
        "{min} sampai {max}, boleh desimal, mis. {example}",
        "{min} to {max}, decimals allowed, e.g. {example}",
    ),
    "error_title": Text("Nilai tidak sah", "Invalid value"),
    "error_whole": Text(
        "Nilai harus bilangan bulat {min} sampai {max}.",
        "The level must be a whole number from {min} to {max}.",
    ),
    "error_decimal": Text(
        "Nilai harus angka {min} sampai {max} (boleh desimal, mis. {example}).",
        "The value must be a number from {min} to {max} (decimals allowed, e.g. {example}).",
    ),
    "prompt_title": glossary.VALUE,
    "prompt_whole": Text(
        "Pilih level {min}-{max} (lihat lembar {help}).",
        "Pick a level {min}-{max} (see the {help} sheet).",
    ),
    "prompt_decimal": Text(
        "Isi nilai {min}-{max}, boleh desimal (lihat lembar {help}).",
        "Enter a value {min}-{max}, decimals allowed (see the {help} sheet).",
    ),
    "year_error": Text("Tahun harus angka, mis. 2024.", "The year must be a number, e.g. 2024."),
    "external": Text(
        "Diisi dari indeks eksternal: {source}. Bila kosong dihitung bawaan {default}.",
        "Filled in from an external index: {source}. While empty it counts at the default "
        "{default}.",
    ),
    "decimal_note": Text(
        "Nilai boleh desimal (mis. {example}); level dibaca dari bagian bulatnya.",
        "Values may be decimals (e.g. {example}); the level is the whole part.",
    ),
    "decimal_range_note": Text(
        "Nilai boleh desimal (mis. {example}); level dibaca dari rentang tempat nilai itu "
        "berada (1,6 ada di rentang level 2).",
        "Values may be decimals (e.g. {example}); the level is the range the value lies in "
        "(1.6 is in level 2's range).",
    ),
    "place_date": Text("……………………, tanggal ……………………", "……………………, date ……………………"),
    "approved": glossary.ACKNOWLEDGED_BY,
    "prepared": glossary.PREPARED_BY,
    "position": Text("Jabatan: ……………………………", "Position: ……………………………"),
    "name_line": Text("(……………………………………)", "(……………………………………)"),
    "nip": Text("NIP. ……………………………", "NIP (staff no.) ……………………………"),
    "help_title": Text("Petunjuk pengisian", "How to fill in"),
    "steps": Text(
        "1. Di lembar {input}, isi Instansi dan Tahun (sel kuning di sebelah kanan label).\n"
        "2. Untuk setiap indikator isi kolom Nilai: {range}; nilai lain ditolak. Arti setiap "
        "level tampil saat penunjuk diarahkan ke sel Nilai.\n"
        "3. Kolom OPD (perangkat daerah penanggung jawab), Catatan dan Bukti Dukung (nama "
        "berkas atau tautan) boleh diisi.\n"
        "4. Jangan mengubah kolom No, urutan baris, atau judul kolom: spbe-cli membaca "
        "indikator dari kolom No dan nilai dari kolom Nilai.\n"
        "5. Lembar {summary} menghitung indeks {tiers} dan {index} saat Anda mengetik. "
        "Angka eksak dan rencana kenaikan: spbe score NAMA-BERKAS.xlsx\n"
        "6. Cetak lembar {input} (A4, satu halaman lebar) dan tanda tangani di bagian "
        "bawahnya.",
        "1. On the {input} sheet fill in Agency and Year, in the yellow cell right of each "
        "label.\n"
        "2. For every indicator fill in the {value} column: {range}; other values are "
        "refused. What each level means shows when the pointer rests on the cell.\n"
        "3. The OPD (responsible unit), Notes and Evidence (file names or links) columns "
        "are optional.\n"
        "4. Do not change the No column, the row order or the column headers: spbe-cli "
        "reads the indicator from No and the value from {value}.\n"
        "5. The {summary} sheet computes the {tiers} indices and the {index} as you type. "
        "The exact figure and a plan to raise it: spbe score FILE.xlsx\n"
        "6. Print the {input} sheet (A4, one page wide) and sign at its foot.",
    ),
    "and": Text("dan", "and"),
    "weights_note": Text(
        "Bobot dalam persen. Angka dibulatkan ke {places} desimal (setengah ke atas).",
        "Weights in percent. Figures are rounded to {places} decimals (half up).",
    ),
    "levels_title": Text("Nama level", "Level names"),
    "criteria_title": Text("Kriteria tiap indikator", "Each indicator's criteria"),
    "criteria": glossary.CRITERIA,
    "type": Text("Jenis kapabilitas", "Capability type"),
    "level": glossary.LEVEL,
    "name": glossary.NAME,
    "requires": Text("Artinya", "Meaning"),
    "indicators": glossary.INDICATORS,
    "externals_title": Text("Indikator eksternal", "External indicators"),
    "externals_note": Text(
        "Nilainya berasal dari indeks instansi lain; sel Nilai-nya hijau. Bila kosong "
        "dihitung dengan nilai bawaan.",
        "Their values come from other agencies' indices; their value cells are green. "
        "While empty they count at the default.",
    ),
    "source": glossary.SOURCE,
    "default": Text("Bawaan", "Default"),
    "rating_basis_rounded": Text(
        "Predikat dibaca dari indeks yang sudah dibulatkan.",
        "The rating is read from the rounded index.",
    ),
    "rating_basis_exact": Text(
        "Predikat dibaca dari indeks sebelum pembulatan.",
        "The rating is read from the index before rounding.",
    ),
    "exists": Text(
        "berkas sudah ada; tidak ditimpa",
        "the file already exists; not overwritten",
    ),
    "exists_hint": Text(
        "pakai --force untuk menimpanya, atau pilih nama lain",
        "use --force to overwrite it, or choose another name",
    ),
}
