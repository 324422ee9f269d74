"""A national-size ranking input: 200 agencies of 2024, SPBE levels from a fixed seed.

``tests/benchmarks/agencies-200.xlsx`` is this workbook, saved (rebuild it with
``python tests/ranking_files.py``); tests build their own copy with :func:`write_agencies`.
Names are Indonesian regencies, cities and provinces, some of them long (the longest
official ones), so that a report's agency names can be checked for legibility. Each
agency has its own "maturity" around which its levels scatter, so every rating occurs.
ILLUSTRATIVE: no figure here is an official result.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl

AGENCIES = 200
YEAR = 2024
INDICATORS = 47
SEED = 19

PLACES = (
    "Aceh Besar",
    "Aceh Tengah",
    "Aceh Utara",
    "Agam",
    "Asahan",
    "Badung",
    "Balangan",
    "Bandung",
    "Bandung Barat",
    "Banggai Kepulauan",
    "Bangka Tengah",
    "Banjar",
    "Banyumas",
    "Banyuwangi",
    "Barito Kuala",
    "Batang Hari",
    "Bekasi",
    "Belitung Timur",
    "Bengkalis",
    "Berau",
    "Bima",
    "Blitar",
    "Bogor",
    "Bojonegoro",
    "Bone Bolango",
    "Boyolali",
    "Brebes",
    "Buleleng",
    "Bulukumba",
    "Buton Utara",
    "Ciamis",
    "Cianjur",
    "Cilacap",
    "Cirebon",
    "Dairi",
    "Deli Serdang",
    "Demak",
    "Dharmasraya",
    "Empat Lawang",
    "Ende",
    "Enrekang",
    "Fakfak",
    "Garut",
    "Gayo Lues",
    "Gianyar",
    "Gorontalo Utara",
    "Gowa",
    "Gresik",
    "Grobogan",
    "Gunungkidul",
    "Halmahera Selatan",
    "Humbang Hasundutan",
    "Indragiri Hilir",
    "Indramayu",
    "Jember",
    "Jembrana",
    "Jeneponto",
    "Jepara",
    "Jombang",
    "Kampar",
    "Karanganyar",
    "Karawang",
    "Karo",
    "Kebumen",
    "Kediri",
    "Kendal",
    "Klaten",
    "Kolaka",
    "Kotawaringin Barat",
    "Kuantan Singingi",
    "Kudus",
    "Kulon Progo",
    "Kuningan",
    "Lamongan",
    "Lampung Selatan",
    "Langkat",
    "Lebak",
    "Lombok Timur",
    "Lumajang",
    "Luwu Timur",
    "Madiun",
    "Magelang",
    "Magetan",
    "Majalengka",
    "Malang",
    "Mamuju",
    "Mandailing Natal",
    "Manggarai Barat",
    "Maros",
    "Merangin",
    "Minahasa Utara",
    "Mojokerto",
    "Muara Enim",
    "Musi Banyuasin",
    "Nganjuk",
    "Ngawi",
    "Nias Selatan",
    "Ogan Komering Ilir",
    "Pacitan",
    "Padang Pariaman",
    "Pamekasan",
    "Pandeglang",
    "Pangandaran",
    "Pasaman Barat",
    "Pati",
    "Pekalongan",
    "Pelalawan",
    "Pemalang",
    "Pesisir Selatan",
    "Pidie Jaya",
    "Pinrang",
    "Ponorogo",
    "Probolinggo",
    "Purbalingga",
    "Purwakarta",
    "Purworejo",
    "Rembang",
    "Rokan Hulu",
    "Sambas",
    "Sampang",
    "Sanggau",
    "Semarang",
    "Serang",
    "Serdang Bedagai",
    "Siak",
    "Sidenreng Rappang",
    "Sidoarjo",
    "Sijunjung",
    "Simalungun",
    "Sinjai",
    "Situbondo",
    "Sleman",
    "Solok",
    "Sragen",
    "Subang",
    "Sukabumi",
    "Sukoharjo",
    "Sumedang",
    "Sumenep",
    "Tabalong",
    "Tabanan",
    "Takalar",
    "Tanah Datar",
    "Tanah Laut",
    "Tangerang",
    "Tapanuli Utara",
    "Tasikmalaya",
    "Tegal",
    "Temanggung",
    "Toba",
    "Trenggalek",
    "Tuban",
    "Tulungagung",
    "Wajo",
    "Wonogiri",
    "Wonosobo",
)
CITIES = (
    "Ambon",
    "Balikpapan",
    "Banda Aceh",
    "Bandar Lampung",
    "Banjarmasin",
    "Batu",
    "Bengkulu",
    "Bitung",
    "Blitar",
    "Bontang",
    "Bukittinggi",
    "Cimahi",
    "Denpasar",
    "Depok",
    "Gorontalo",
    "Jambi",
    "Kendari",
    "Kupang",
    "Madiun",
    "Makassar",
    "Malang",
    "Manado",
    "Mataram",
    "Medan",
    "Padang",
    "Palembang",
    "Palu",
    "Pematangsiantar",
    "Pontianak",
    "Salatiga",
    "Samarinda",
    "Semarang",
    "Sibolga",
    "Surabaya",
    "Surakarta",
    "Tangerang Selatan",
    "Tebing Tinggi",
    "Ternate",
    "Yogyakarta",
)
LONG = (
    "Kabupaten Kepulauan Siau Tagulandang Biaro",
    "Kabupaten Penukal Abab Lematang Ilir",
    "Kabupaten Musi Rawas Utara",
    "Kota Administrasi Jakarta Selatan",
    "Pemerintah Provinsi Kepulauan Bangka Belitung",
    "Kabupaten Tulang Bawang Barat",
    "Kabupaten Ogan Komering Ulu Selatan",
    "Kabupaten Kepulauan Talaud",
)


def agency_names(count: int = AGENCIES) -> list[str]:
    """``count`` distinct names: the long ones first, then cities, then regencies."""
    names = [*LONG, *(f"Kota {c}" for c in CITIES), *(f"Kabupaten {p}" for p in PLACES)]
    if len(names) < count:
        raise ValueError(f"only {len(names)} names")
    return names[:count]


def levels(rng: random.Random) -> list[int]:
    """47 levels scattered around one agency's maturity (1.2 to 4.6)."""
    maturity = rng.uniform(1.2, 4.6)
    return [min(5, max(1, round(maturity + rng.gauss(0, 0.8)))) for _ in range(INDICATORS)]


def write_agencies(path: Path, count: int = AGENCIES, seed: int = SEED) -> Path:
    """The wide ``Instansi | Tahun | 1 .. 47`` workbook of ``count`` agencies of 2024."""
    rng = random.Random(seed)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rekap"
    sheet.append(["Instansi", "Tahun", *range(1, INDICATORS + 1)])
    for name in agency_names(count):
        sheet.append([name, YEAR, *levels(rng)])
    book.save(path)
    return path


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "benchmarks" / "agencies-200.xlsx"
    out.parent.mkdir(exist_ok=True)
    print(write_agencies(out))
