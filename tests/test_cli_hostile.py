"""Hostile and broken files through the command line: exit 2, one plain sentence, no
traceback, and the file left as it was."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corpus_files import (
    SPBE,
    Sheet,
    column_of,
    digest,
    ids_of,
    long_sheet,
    run_spbe,
    whole_levels,
    write_csv,
    write_xlsx,
)
from spbe_cli.cli.app import app

# Slow (40 s of the suite): most run the command in a subprocess under resource limits, and
# one writes a folder of 100,010 entries. `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pematangsiantar-2021.xlsx"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def truncated(path: Path) -> None:
    path.write_bytes(EXAMPLE.read_bytes()[:3000])


def text_named_xlsx(path: Path) -> None:
    path.write_text("indikator,nilai\n1,3\n", encoding="utf-8")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def encrypted(path: Path) -> None:
    # An encrypted .xlsx is an OLE2 compound file holding an "EncryptedPackage" stream.
    path.write_bytes(OLE2 + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512))


def old_xls_renamed(path: Path) -> None:
    path.write_bytes(OLE2 + bytes(2048))


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(120):
                entry.write(chunk)


def empty_workbook(path: Path) -> None:
    import openpyxl

    openpyxl.Workbook().save(path)


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (random_bytes, "is not a readable Excel workbook"),
        (truncated, "is not a readable Excel workbook"),
        (text_named_xlsx, "is not a readable Excel workbook"),
        (empty_file, "empty"),
        (encrypted, "password"),
        (old_xls_renamed, ".xls"),
        (zip_bomb, "zip bomb"),
        (empty_workbook, "no data"),
    ],
)
def test_hostile_file_is_refused_plainly(tmp_path: Path, make: object, english: str) -> None:
    path = tmp_path / "masukan.xlsx"
    assert callable(make)
    make(path)
    before = path.read_bytes()
    result = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert english.lower() in message.lower()
    assert "masukan.xlsx" in message
    assert len(message.splitlines()) == 1
    assert "Traceback" not in result.output and result.stdout == ""
    assert path.read_bytes() == before


def test_debug_shows_a_traceback_without_local_variables() -> None:
    import subprocess
    import sys

    # An unexpected error (a bug) is one line without --debug, a plain traceback with it.
    script = (
        "import sys, spbe_cli.engine as e\n"
        "def boom(*a, **k):\n    secret_local = 'do-not-print'\n    raise RuntimeError('x')\n"
        "e.score = boom\nimport spbe_cli.cli.scoring as s\ns.score = boom\n"
        "from spbe_cli.cli.app import main\nsys.argv = ['spbe'] + sys.argv[1:]\nmain()\n"
    )
    args = [sys.executable, "-c", script, "score", str(EXAMPLE)]
    quiet = subprocess.run(args, capture_output=True, text=True, check=False)
    assert quiet.returncode == 3
    assert "internal error" in quiet.stderr and "Traceback" not in quiet.stderr
    loud = subprocess.run(
        [*args[:3], "--debug", *args[3:]], capture_output=True, text=True, check=False
    )
    assert loud.returncode == 3
    assert "Traceback" in loud.stderr and "do-not-print" not in loud.stderr


# -- targets on the framework's scale (issue 18) --------------------------------------------

LONG_NUMBER = "9" * 401


@pytest.mark.parametrize(
    ("command", "value", "words"),
    [
        ("score", "-1", "is outside the scale of permenpanrb-59-2020 (1-5)"),
        ("score", "0", "is outside the scale"),
        ("score", "5,01", "is outside the scale"),
        ("score", "6", "is outside the scale"),
        ("score", LONG_NUMBER, "(401 characters) is not a valid target"),
        ("score", "9" * 60, "(60 characters) is outside the scale"),
        ("score", "9" * 5000, "(5,000 characters) is not a valid target"),
        ("score", "1e999999999", "is not a valid target"),
        ("score", "-0,5", "is outside the scale"),
        ("plan", "-1", "is outside the scale"),
        ("whatif", "7", "is outside the scale"),
        ("rank", "-1", "is outside the scale"),
    ],
)
def test_a_target_off_the_scale_is_refused(command: str, value: str, words: str) -> None:
    args = [command, str(EXAMPLE), f"--target={value}", "--lang", "en"]
    if command == "whatif":
        args.insert(2, "13=3")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert len(result.stderr) < 400, "the target was echoed in full"
    assert "already reached" not in result.output


def test_fail_under_off_the_scale_names_its_option() -> None:
    result = runner.invoke(app, ["score", str(EXAMPLE), "--fail-under=-1", "--lang", "en"])
    assert result.exit_code == 2
    assert "--fail-under '-1' is outside the scale" in result.stderr


def test_the_scale_ends_are_valid_targets() -> None:
    for value in ("1", "5", "baik"):
        result = runner.invoke(app, ["score", str(EXAMPLE), f"--target={value}", "-f", "json"])
        assert result.exit_code == 0, result.output


# -- numbers too large to build (issue 18): bounded before converting -------------------------

HUGE_NUMBERS = {
    "exponent": ("1e999999999", "exponent 999999999 is out of range"),
    "negative-exponent": ("1e-999999999", "exponent -999999999 is out of range"),
    "quoted-exponent": ('"2E+99999999"', "exponent +99999999 is out of range"),
    "5000-digit-int": ("9" * 5000, "5,000 characters is too long"),
    "5000-digit-text": ('"' + "9" * 5000 + '"', "5,000 characters is too long"),
    "150-digit-text": ('"' + "9" * 150 + '"', "150 digits is too long"),
    "huge-denominator": ('"1/' + "7" * 180 + '"', "181 digits is too long"),
    "yaml-float-infinity": ("1.0e+999999999", "is not an exact number"),
}


def test_every_huge_number_case_is_distinct() -> None:
    assert len({v for v, _ in HUGE_NUMBERS.values()}) == len(HUGE_NUMBERS)


@pytest.mark.parametrize("name", sorted(HUGE_NUMBERS))
def test_a_huge_effort_is_refused_at_once(name: str, tmp_path: Path) -> None:
    """Bound: 20 s of CPU and 512 MiB (RLIMIT_CPU, RLIMIT_AS); the hang took forever."""
    value, words = HUGE_NUMBERS[name]
    efforts = tmp_path / "upaya.yaml"
    efforts.write_text(f"13: {value}\n", encoding="utf-8")
    before = digest(efforts)
    run = run_spbe(
        ["plan", str(EXAMPLE), "--effort", str(efforts), "--lang", "en"],
        cpu_seconds=20,
        memory_mib=512,
    )
    assert run.code == 2, run.stderr
    assert words in run.stderr and "upaya.yaml" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr) < 2000
    assert digest(efforts) == before


@pytest.mark.parametrize("name", sorted(HUGE_NUMBERS))
def test_a_huge_weight_in_a_framework_file_is_refused_at_once(name: str, tmp_path: Path) -> None:
    """Bound: 20 s of CPU and 512 MiB (RLIMIT_CPU, RLIMIT_AS)."""
    from spbe_cli.framework import bundled_frameworks

    value, words = HUGE_NUMBERS[name]
    text = bundled_frameworks()["permenpanrb-8-2026"].read_text(encoding="utf-8")
    assert text.count('weight: "10"') >= 1
    rules = tmp_path / "aturan.yaml"
    rules.write_text(text.replace('weight: "10"', f"weight: {value}", 1), encoding="utf-8")
    run = run_spbe(
        ["framework", "validate", str(rules), "--lang", "en"], cpu_seconds=20, memory_mib=512
    )
    assert run.code == 2, run.stderr
    assert words in run.stderr and "aturan.yaml" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr) < 2000


SPBE_IDS = ids_of(SPBE)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("9" * 5000, "value '99999999999999999999999999999999…' is not a number"),
        ("1e999999999", "value '1e999999999' is not a number"),
        ("-" + "9" * 300, "is not a number"),
        ("1/" + "3" * 400, "is not a number"),
        (1e308, "10000000000000000109790636294404…"),
        (-1e308, "-1000000000000000010979063629440…"),
    ],
)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_huge_number_in_a_cell_names_the_cell(
    cell: object, words: str, suffix: str, tmp_path: Path
) -> None:
    values: list[object] = list(column_of(whole_levels(SPBE, 1), SPBE_IDS))
    values[4] = cell
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": values})
    path = tmp_path / f"besar{suffix}"
    if suffix == ".csv":
        write_csv(path, sheet.rows)
        place = sheet.cell("Nilai", 4)
    else:
        write_xlsx(path, Sheet("Penilaian", sheet.rows))
        place = "Penilaian!" + sheet.cell("Nilai", 4)
    if isinstance(cell, float) and suffix == ".csv":
        words = f"value '{cell!r}' is not a number"  # CSV text 1e+308: no exponents in cells
    before = digest(path)
    result = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert f"{place}: " in result.stderr and words in result.stderr
    assert "Traceback" not in result.output and len(result.stderr) < 600
    assert digest(path) == before


# -- no output is ever an input (issue 18) ----------------------------------------------------


def _input_copy(tmp_path: Path) -> Path:
    path = tmp_path / "masukan.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def _same_path(source: Path, tmp_path: Path) -> str:
    return str(source)


def _dotted_path(source: Path, tmp_path: Path) -> str:
    (tmp_path / "sub").mkdir()
    return str(tmp_path / "sub" / ".." / "." / source.name)


def _symlink(source: Path, tmp_path: Path) -> str:
    link = tmp_path / "tautan.xlsx"
    link.symlink_to(source)
    return str(link)


def _symlinked_folder(source: Path, tmp_path: Path) -> str:
    folder = tmp_path / "folder-tautan"
    folder.symlink_to(tmp_path)
    return str(folder / source.name)


def _hard_link(source: Path, tmp_path: Path) -> str:
    link = tmp_path / "keras.xlsx"
    os.link(source, link)
    return str(link)


def _relative(source: Path, tmp_path: Path) -> str:
    return os.path.relpath(source)


SAME_FILE_WAYS = [_same_path, _dotted_path, _symlink, _symlinked_folder, _hard_link, _relative]


@pytest.mark.parametrize("way", SAME_FILE_WAYS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("fmt", ["xlsx", "html", "md"])
def test_a_report_never_replaces_its_input(
    way: object, force: bool, fmt: str, tmp_path: Path
) -> None:
    source = _input_copy(tmp_path)
    before = digest(source)
    assert callable(way)
    output = way(source, tmp_path)
    args = ["report", str(source), "-o", output, "--format", fmt, "--lang", "en"]
    result = runner.invoke(app, [*args, "--force"] if force else args)
    assert result.exit_code == 2, result.output
    assert f"the output {output} is the same file as the input {source}" in result.stderr
    assert "Traceback" not in result.output
    assert digest(source) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("option", ["--logo", "--effort", "--items"])
def test_a_report_never_replaces_a_side_input(option: str, tmp_path: Path) -> None:
    side = tmp_path / "samping.md"
    side.write_bytes(b"13: 2\n")
    before = digest(side)
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "-o", str(side), option, str(side), "--force", "--lang", "en"]
    )
    assert result.exit_code == 2, result.output
    assert f"the output {side} is the same file as the input {side}" in result.stderr
    assert digest(side) == before


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_a_template_never_replaces_its_framework_file(force: bool, tmp_path: Path) -> None:
    from spbe_cli.framework import bundled_frameworks

    rules = tmp_path / "aturan.yaml"
    rules.write_bytes(bundled_frameworks()["permenpanrb-8-2026"].read_bytes())
    link = tmp_path / "aturan.xlsx"
    link.symlink_to(rules)
    before = digest(rules)
    args = ["template", str(link), "--framework", str(rules), "--lang", "en"]
    result = runner.invoke(app, [*args, "--force"] if force else args)
    assert result.exit_code == 2, result.output
    assert f"the output {link} is the same file as the input {rules}" in result.stderr
    assert digest(rules) == before


@pytest.mark.parametrize(
    "args",
    [
        ["score", "{input}", "--format", "json"],
        ["score", "{input}", "--format", "csv"],
        ["rank", "{input}"],
        ["plan", "{input}"],
        ["whatif", "{input}", "13=3"],
        ["compare", "{input}"],
        ["evidence", "{input}", "--dir", "{folder}"],
        ["framework", "show", "{input}"],
        ["framework", "validate", "{input}"],
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_stdout_appended_to_an_input_is_refused(args: list[str], tmp_path: Path) -> None:
    """Bound: 30 s of CPU and 1 GiB (RLIMIT_CPU, RLIMIT_AS)."""
    from spbe_cli.framework import bundled_frameworks

    if args[0] == "framework":
        source = tmp_path / "aturan.yaml"
        source.write_bytes(bundled_frameworks()["permenpanrb-8-2026"].read_bytes())
    else:
        source = _input_copy(tmp_path)
    before = digest(source)
    filled = [a.format(input=source, folder=tmp_path) for a in args]
    with source.open("ab") as stdout:
        run = run_spbe([*filled, "--lang", "en"], stdout=stdout)
    assert run.code == 2, run.stderr
    assert f"standard output is redirected to the input file {source}" in run.stderr
    assert "Traceback" not in run.stderr
    assert digest(source) == before


# -- side files: regular files only, at most limit + 1 bytes read (issue 18) ------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dev_null(path: Path) -> None:
    path.symlink_to("/dev/null")


def _folder(path: Path) -> None:
    path.mkdir()


def _socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))  # the file stays after the socket object is gone


SPECIAL_FILES = {
    "fifo": (_fifo, "is not a regular file but a named pipe"),
    "dev-zero": (_dev_zero, "is not a regular file but a device"),
    "dev-null": (_dev_null, "is not a regular file but a device"),
    "folder": (_folder, "is a folder, not a file"),
    "socket": (_socket, "is not a regular file but a socket"),
}

SIDE_FILE_USES = {
    "input-csv": ("nilai.csv", ["score", "{file}"]),
    "input-xlsx": ("nilai.xlsx", ["score", "{file}"]),
    "logo": ("logo.png", ["report", str(EXAMPLE), "-o", "{out}", "--logo", "{file}"]),
    "effort": ("upaya.yaml", ["plan", str(EXAMPLE), "--effort", "{file}"]),
    "framework": ("aturan.yaml", ["score", str(EXAMPLE), "--framework", "{file}"]),
    "validate": ("aturan.yaml", ["framework", "validate", "{file}"]),
    "cases": ("kasus.yaml", ["framework", "test", "permenpanrb-59-2020", "{file}"]),
    "items": ("butir.csv", ["evidence", str(EXAMPLE), "--items", "{file}"]),
}


@pytest.mark.parametrize("kind", sorted(SPECIAL_FILES))
@pytest.mark.parametrize("use", sorted(SIDE_FILE_USES))
def test_a_side_file_that_is_not_a_regular_file_is_refused_at_once(
    kind: str, use: str, tmp_path: Path
) -> None:
    """Bound: 10 s of CPU, 30 s of wall time, 512 MiB (RLIMIT_CPU, RLIMIT_AS, timeout): a
    named pipe used to block forever and /dev/zero to grow without end."""
    make, words = SPECIAL_FILES[kind]
    name, template = SIDE_FILE_USES[use]
    side = tmp_path / name
    make(side)
    args = [a.format(file=side, out=tmp_path / "laporan.html") for a in template]
    run = run_spbe([*args, "--lang", "en"], cpu_seconds=10, memory_mib=512)
    assert run.code == 2, run.stderr
    assert str(side) in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "laporan.html").exists()


@pytest.mark.parametrize(
    ("use", "size", "words"),
    [
        ("logo", 2 * 1024 * 1024 + 1, "larger than the limit of 2 MiB"),
        ("effort", 1024 * 1024 + 1, "larger than the limit of 1 MiB"),
        ("validate", 4 * 1024 * 1024 + 1, "larger than the limit of 4 MiB"),
        ("cases", 4 * 1024 * 1024 + 1, "larger than the limit of 4 MiB"),
        ("input-csv", 64 * 1024 * 1024 + 1, "larger than the CSV limit of 64 MiB"),
    ],
)
def test_a_side_file_over_its_limit_is_refused(
    use: str, size: int, words: str, tmp_path: Path
) -> None:
    """Bound: 10 s of CPU and 512 MiB (RLIMIT_CPU, RLIMIT_AS): at most limit + 1 bytes are
    read (the files are sparse: they cost no disk)."""
    name, template = SIDE_FILE_USES[use]
    side = tmp_path / name
    with side.open("wb") as stream:
        stream.truncate(size)
    args = [a.format(file=side, out=tmp_path / "laporan.html") for a in template]
    run = run_spbe([*args, "--lang", "en"], cpu_seconds=10, memory_mib=512)
    assert run.code == 2, run.stderr
    assert str(side) in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr


# -- no traceback on the way out (issue 18): a full disk, a closed pipe, odd encodings ---------

OUTPUT_COMMANDS = {
    "score-json": ["score", str(EXAMPLE), "-f", "json"],
    "score-jsonl": ["score", str(EXAMPLE), "-f", "jsonl"],
    "score-csv": ["score", str(EXAMPLE), "-f", "csv"],
    "score-markdown": ["score", str(EXAMPLE), "-f", "markdown"],
    "score-table": ["score", str(EXAMPLE)],
    "plan-json": ["plan", str(EXAMPLE), "-f", "json"],
    "plan-table": ["plan", str(EXAMPLE)],
    "whatif": ["whatif", str(EXAMPLE), "13=3"],
    "rank": ["rank", str(EXAMPLE)],
    "compare-json": ["compare", str(EXAMPLE), "-f", "json"],
    "evidence-json": [
        "evidence",
        str(EXAMPLE),
        "--dir",
        str(EXAMPLE.parent / "bukti-pematangsiantar-2021"),
        "-f",
        "json",
    ],
    "framework-show": ["framework", "show"],
}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("name", sorted(OUTPUT_COMMANDS))
def test_a_full_disk_on_stdout_is_a_message(name: str) -> None:
    """Bound: 30 s of CPU, 1 GiB (RLIMIT_CPU, RLIMIT_AS)."""
    with open("/dev/full", "wb") as full:
        run = run_spbe([*OUTPUT_COMMANDS[name], "--lang", "en"], stdout=full)
    assert run.code == 2, run.stderr
    assert "spbe: the output could not be written: No space left on device" in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "Exception ignored" not in run.stderr


def _many_agencies(tmp_path: Path, count: int = 300, name: str = "Kota") -> Path:
    from corpus_files import wide_rows

    levels = column_of(whole_levels(SPBE, 2), SPBE_IDS)
    records = [[f"{name} {n}", 2023, *levels] for n in range(count)]
    return write_xlsx(tmp_path / "rekap.xlsx", Sheet("Rekap", wide_rows(SPBE_IDS, records)))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "table"])
def test_a_closed_pipe_is_not_an_error(fmt: str, tmp_path: Path) -> None:
    """Bound: 30 s of CPU, 1 GiB; the reader takes 100 bytes and closes the pipe."""
    import subprocess
    import sys

    book = _many_agencies(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "spbe_cli", "score", str(book), "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert len(process.stdout.read(100)) == 100
    process.stdout.close()
    _, stderr = process.communicate(timeout=90)
    assert process.returncode == 0, stderr
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_agency_the_terminal_cannot_encode(fmt: str, encoding: str, tmp_path: Path) -> None:
    """Data formats stay UTF-8 whatever the locale says; the table escapes what the
    terminal cannot show. Bound: 30 s of CPU, 1 GiB."""
    book = _many_agencies(tmp_path, 2, "Bône ★")
    run = run_spbe(["score", str(book), "-f", fmt], env={"PYTHONIOENCODING": encoding})
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    if fmt == "table":
        shown = run.raw.decode(encoding)
        assert ("B\\xf4ne" if encoding == "ascii" else "Bône") in shown
    else:
        assert "Bône ★ 0" in run.raw.decode("utf-8")


def _odd_names(folder: Path) -> None:
    from evidence_files import pdf_bytes

    folder.mkdir()
    for raw in (b"I13_L1_\xff.pdf", b"I13_L2_\xe9t\xe9.pdf", b"catatan-\xfe.docx"):
        (Path(os.fsdecode(bytes(folder) + b"/" + raw))).write_bytes(pdf_bytes())
    sub = Path(os.fsdecode(bytes(folder) + b"/Indikator 14 \xff"))
    sub.mkdir()
    (sub / "L1.pdf").write_bytes(pdf_bytes())


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
def test_evidence_file_names_that_are_not_utf8(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "bukti"
    _odd_names(folder)
    result = runner.invoke(
        app, ["evidence", str(EXAMPLE), "--dir", str(folder), "-f", fmt, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        import json

        document = json.loads(result.stdout)
        (row,) = [r for r in document["indicators"] if r["id"] == "13"]
        assert "I13_L1_\\xff.pdf" in row["files"]
        assert "catatan-\\xfe.docx" in [f["place"] for f in document["findings"]]
    elif fmt == "csv":
        assert "I13_L1_\\xff.pdf" in result.stdout
    elif fmt == "markdown":
        assert "catatan-\\xfe.docx" in result.stdout
    else:  # the table lists the first 30 findings only
        assert "4 files checked, 3 valid PDFs" in result.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".html", ".md"])
def test_a_report_with_names_that_are_not_utf8(suffix: str, tmp_path: Path) -> None:
    folder = tmp_path / "bukti"
    _odd_names(folder)
    source = Path(os.fsdecode(bytes(tmp_path) + b"/masukan-\xff.xlsx"))
    source.write_bytes(EXAMPLE.read_bytes())
    output = tmp_path / f"laporan{suffix}"
    result = runner.invoke(
        app,
        [
            "report",
            str(source),
            "-o",
            str(output),
            "--dir",
            str(folder),
            "--agency",
            os.fsdecode(b"Kota \xff"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(output)  # a well-formed workbook
        assert "Kota \\xff" in (book.properties.title or "")
    else:
        assert "Kota \\xff" in output.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_an_input_named_in_bytes_that_are_not_utf8(fmt: str, tmp_path: Path) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/nilai-\xff.xlsx"))
    source.write_bytes(EXAMPLE.read_bytes())
    run = run_spbe(["score", str(source), "-f", fmt, "--lang", "en"])
    assert run.code == 0, run.stderr
    assert "nilai-\\xff.xlsx" in run.stderr and "Traceback" not in run.stderr
    if fmt == "json":
        assert '"source": "' in run.stdout and "nilai-\\\\xff.xlsx" in run.stdout


# -- a stopped evidence scan is partial in every format (issue 18) ---------------------------

BUKTI = EXAMPLE.parent / "bukti-pematangsiantar-2021"


def _stopped_by_depth(tmp_path: Path) -> Path:
    import shutil

    from evidence_files import deep_folder
    from spbe_cli.evidence.folder import MAX_DEPTH

    root = tmp_path / "bukti"
    shutil.copytree(BUKTI, root)
    deep_folder(root, MAX_DEPTH + 2)
    return root


PARTIAL_OUTPUTS = {
    "table": (
        "Evidenced (partial)",
        "The scan stopped at the folder depth limit: the rest "
        "was not checked, so the evidenced index is only a lower bound",
    ),
    "json": ('"evidenced_partial": true', '"complete": false'),
    "csv": ("scan_complete", ",false\n"),
    "markdown": ("(Poor, partial)", "> Warning: the scan stopped at the folder depth limit"),
}


@pytest.mark.parametrize("fmt", sorted(PARTIAL_OUTPUTS))
def test_a_stopped_scan_marks_the_evidenced_index_partial(fmt: str, tmp_path: Path) -> None:
    root = _stopped_by_depth(tmp_path)
    result = runner.invoke(
        app, ["evidence", str(EXAMPLE), "--dir", str(root), "-f", fmt, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    # The table wraps long lines: compare its words.
    shown = " ".join(result.stdout.split()) if fmt == "table" else result.stdout
    for words in PARTIAL_OUTPUTS[fmt]:
        assert words in shown
    if fmt == "csv":
        assert ",true\n" not in result.stdout


def test_a_complete_scan_is_not_marked_partial() -> None:
    for fmt, words in (
        ("table", "(partial)"),
        ("json", '"evidenced_partial": true'),
        ("csv", ",false\n"),
        ("markdown", "partial"),
    ):
        result = runner.invoke(
            app, ["evidence", str(EXAMPLE), "--dir", str(BUKTI), "-f", fmt, "--lang", "en"]
        )
        assert result.exit_code == 0 and words not in result.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".html", ".md"])
def test_a_report_built_on_a_stopped_scan_says_partial(suffix: str, tmp_path: Path) -> None:
    root = _stopped_by_depth(tmp_path)
    output = tmp_path / f"laporan{suffix}"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "-o", str(output), "--dir", str(root), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(output)
        text = " ".join(
            [
                *book.sheetnames,
                *(
                    str(c.value)
                    for ws in book.worksheets
                    for row in ws.iter_rows()
                    for c in row
                    if c.value is not None
                ),
            ]
        )
    else:
        text = output.read_text(encoding="utf-8")
    assert "Evidence readiness (partial)" in text
    assert "Partial: the scan stopped at the folder depth limit" in text


def test_plan_from_a_stopped_scan_warns(tmp_path: Path) -> None:
    root = _stopped_by_depth(tmp_path)
    result = runner.invoke(
        app, ["plan", str(EXAMPLE), "--from", "evidence", "--dir", str(root), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "Warning: the scan stopped at the folder depth limit" in result.stderr


def test_a_folder_over_the_entry_limit_is_partial(tmp_path: Path) -> None:
    """100,010 entries (issue 18's 99,851 files read as complete). Bound: the walk stops at
    MAX_ENTRIES; 60 s of CPU and 1 GiB (RLIMIT_CPU, RLIMIT_AS)."""
    import json

    from evidence_files import crowded_folder
    from spbe_cli.evidence.folder import MAX_ENTRIES

    root = tmp_path / "bukti"
    crowded_folder(root, MAX_ENTRIES + 10)
    run = run_spbe(
        ["evidence", str(EXAMPLE), "--dir", str(root), "-f", "json", "--lang", "en"], cpu_seconds=60
    )
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["evidenced_partial"] is True
    assert document["scan"]["capped"] == "entries" and document["scan"]["complete"] is False
    assert document["scan"]["partial"] == "the scan stopped at the limit of 100,000 entries"
    table = run_spbe(["evidence", str(EXAMPLE), "--dir", str(root), "--lang", "en"], cpu_seconds=60)
    head = table.stdout.splitlines()[1]
    assert "Evidenced (partial) 1.00" in head, head


def test_an_unreadable_subfolder_makes_the_scan_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    root = tmp_path / "bukti"
    shutil.copytree(BUKTI, root)
    locked = root / "Indikator 40"
    assert locked.is_dir()
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        # chmod 0 does not stop root (CI runs as root): refuse the way the OS would.
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = runner.invoke(
        app, ["evidence", str(EXAMPLE), "--dir", str(root), "-f", "json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert '"evidenced_partial": true' in result.stdout
    assert '"partial": "1 folders could not be read"' in result.stdout


# -- a cell far beyond the table (issue 18): refused before the parser allocates ------------


@pytest.mark.parametrize("cell", ["XFD1048576", "AZ1048576", "A1048576:XFD1", "ZZZ10000"])
@pytest.mark.parametrize("command", ["score", "report"])
def test_a_far_cell_is_refused_within_a_memory_cap(cell: str, command: str, tmp_path: Path) -> None:
    """Bound: 600 MiB of address space and 20 s of CPU (RLIMIT_AS, RLIMIT_CPU): before, the
    first aborted inside the Rust reader (exit 134) and the second took 2.2 GiB."""
    import openpyxl

    book = openpyxl.load_workbook(EXAMPLE)
    for one in cell.split(":"):
        book["Penilaian"][one] = 1
    path = tmp_path / "jauh.xlsx"
    book.save(path)
    before = digest(path)
    args = [command, str(path), "--lang", "en"]
    if command == "report":
        args += ["-o", str(tmp_path / "laporan.md")]
    run = run_spbe(args, cpu_seconds=20, memory_mib=600)
    assert run.code == 2, run.stderr
    far = cell.split(":")[0]
    assert f"Penilaian!{far}: the sheet's cells reach as far as {far}" in run.stderr
    assert "jauh.xlsx" in run.stderr and "Traceback" not in run.stderr
    assert "Ctrl+End" in run.stderr
    assert digest(path) == before and not (tmp_path / "laporan.md").exists()
