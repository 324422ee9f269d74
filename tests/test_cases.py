"""Golden cases: the shipped files pass and agree with an independent hand-coded formula;
mismatches are reported one by one; invalid files list every problem with its line."""

from __future__ import annotations

import re
import textwrap
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from spbe_cli.framework import Framework, load_framework
from spbe_cli.framework import cases as cases_module
from spbe_cli.framework.cases import bundled_cases, parse_cases, run_cases
from spbe_cli.problems import InputError

# Reference weights typed in from the reference tables: (ids, weight each, aspect, domain).
REF_59 = [
    ([str(i) for i in range(1, 11)], "1.30", "1", "1"),
    ([str(i) for i in range(11, 15)], "2.50", "2", "2"),
    ([str(i) for i in range(15, 19)], "2.50", "3", "2"),
    (["19", "20"], "2.50", "4", "2"),
    ([str(i) for i in range(21, 29)], "1.50", "5", "3"),
    (["29", "30", "31"], "1.50", "6", "3"),
    ([str(i) for i in range(32, 42)], "2.75", "7", "4"),
    ([str(i) for i in range(42, 48)], "3.00", "8", "4"),
]
REF_5 = [
    ([str(i) for i in range(1, 8)], "1", "1", "1"),
    ([str(i) for i in range(8, 18)], "1", "2", "1"),
    (["18", "19"], "4", "3", "2"),
    (["20", "21"], "4", "4", "2"),
    (["22", "23", "24"], "4", "5", "2"),
    ([str(i) for i in range(25, 32)], "5", "6", "3"),
    (["32", "33", "34", "35-1", "35-2", "35-3"], "20/6", "7", "3"),
]
REFERENCE = {"permenpanrb-59-2020": REF_59, "permenpanrb-5-2018": REF_5}
BANDS = [
    ("Kurang", "0"),
    ("Cukup", "1.8"),
    ("Baik", "2.6"),
    ("Sangat Baik", "3.5"),
    ("Memuaskan", "4.2"),
]


def half_up(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reference_figures(
    table: list[tuple[list[str], str, str, str]], levels: dict[str, int]
) -> dict[str, object]:
    """Index, domains and aspects by the formula, independently of the engine."""
    aspect_sum: dict[str, Fraction] = {}
    aspect_weight: dict[str, Fraction] = {}
    domain_of: dict[str, str] = {}
    for ids, weight, aspect, domain in table:
        w = Fraction(weight)
        aspect_sum[aspect] = aspect_sum.get(aspect, Fraction(0)) + sum(w * levels[i] for i in ids)
        aspect_weight[aspect] = aspect_weight.get(aspect, Fraction(0)) + w * len(ids)
        domain_of[aspect] = domain
    domain_sum: dict[str, Fraction] = {}
    domain_weight: dict[str, Fraction] = {}
    for aspect, total in aspect_sum.items():
        domain = domain_of[aspect]
        domain_sum[domain] = domain_sum.get(domain, Fraction(0)) + total
        domain_weight[domain] = domain_weight.get(domain, Fraction(0)) + aspect_weight[aspect]
    index = sum(domain_sum.values(), Fraction(0)) / 100
    published = half_up(index)
    band = [name for name, edge in BANDS if published >= Decimal(edge)][-1]
    return {
        "index": published,
        "index_exact": index,
        "predikat": band,
        "domains": {d: half_up(s / domain_weight[d]) for d, s in domain_sum.items()},
        "aspects": {a: half_up(s / aspect_weight[a]) for a, s in aspect_sum.items()},
    }


def all_ids(table: list[tuple[list[str], str, str, str]]) -> list[str]:
    return [i for ids, *_ in table for i in ids]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_shipped_cases_pass(name: str) -> None:
    fw = load_framework(name)
    path = bundled_cases(name)
    assert path is not None and path.name == f"{name}.cases.yaml"
    report = run_cases(fw, path)
    assert report.cases and report.ok, [m for c in report.cases for m in c.mismatches]
    assert report.passed == len(report.cases) and report.notes == ()


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_shipped_expectations_agree_with_the_reference_formula(name: str) -> None:
    """Every expected figure in the shipped file equals the hand-coded formula's result."""
    table = REFERENCE[name]
    path = bundled_cases(name)
    assert path is not None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for case in data["cases"]:
        given = {str(k): v for k, v in case["levels"].items()}
        levels = {i: given.get(i, given.get("default")) for i in all_ids(table)}
        figures = reference_figures(table, levels)  # type: ignore[arg-type]
        expect = case["expect"]
        if "index" in expect:
            assert Decimal(expect["index"]) == figures["index"], case["name"]
        if "index_exact" in expect:
            assert Fraction(expect["index_exact"]) == figures["index_exact"], case["name"]
        if "predikat" in expect:
            assert expect["predikat"] == figures["predikat"], case["name"]
        for kind in ("domains", "aspects"):
            for node, value in expect.get(kind, {}).items():
                got = figures[kind][str(node)]  # type: ignore[index]
                assert Decimal(value) == got, (case["name"], kind, node)


def test_shipped_59_cases_cover_the_brief() -> None:
    path = bundled_cases("permenpanrb-59-2020")
    assert path is not None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_name = {c["name"]: c["expect"] for c in data["cases"]}
    assert by_name["Tabel 10 - indeks aspek 2"]["aspects"]["2"] == "3.00"
    assert by_name["Tabel 11 - indeks domain 2"]["domains"]["2"] == "3.40"
    tabel12 = by_name["Tabel 12 - indeks SPBE"]
    assert tabel12["domains"] == {"1": "3.70", "2": "3.40", "3": "3.00", "4": "3.20"}
    assert tabel12["index"] == "3.28"
    assert by_name["Kota Pematangsiantar (ilustratif)"]["index"] == "1.53"
    expected_edges = {(e["index"], e["predikat"]) for e in by_name.values() if "index" in e}
    assert {
        ("2.60", "Baik"),
        ("2.59", "Cukup"),
        ("1.00", "Kurang"),
        ("5.00", "Memuaskan"),
    } <= expected_edges


def test_docstring_example_passes() -> None:
    doc = cases_module.__doc__ or ""
    block = doc.split("::\n", 1)[1].split("\n\n", 1)[0]
    fw = load_framework()
    spec = parse_cases(textwrap.dedent(block), fw, "docstring")
    report = cases_module.evaluate_cases(fw, spec, "docstring")
    assert report.ok and len(report.cases) == 1


# -- reporting mismatches --------------------------------------------------------------------


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("permenpanrb-59-2020")


def write(tmp_path: Path, text: str, name: str = "c.cases.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_every_broken_expectation_is_listed(fw: Framework, tmp_path: Path) -> None:
    # All 3 except indicator 11 at 4: 300 + 2.5 = 302.5 -> 3.025 -> 3.03; domain 2 =
    # 77.5 / 25 = 3.10; aspect 2 = 32.5 / 10 = 3.25.
    path = write(
        tmp_path,
        """
        cases:
          - name: benar
            levels: {default: 3, 11: 4}
            expect: {index: "3.03", index_exact: "3.025", predikat: Good,
                     domains: {2: "3.10"}, aspects: {"2": "3.25"}}
          - name: salah
            levels: {default: 3, 11: 4}
            expect: {index: "3.02", index_exact: "3.02", predikat: Cukup,
                     domains: {"2": "3.10", "1": "3.01"}, aspects: {"2": "3.20"}}
        """,
    )
    report = run_cases(fw, path)
    good, bad = report.cases
    assert good.passed and not bad.passed
    assert (report.passed, report.failed, report.ok) == (1, 1, False)
    rendered = [m.render(bad.name, "en") for m in bad.mismatches]
    assert rendered == [
        "salah: index expected 3.02, got 3.03",
        "salah: exact index expected 3.02, got 3.025",
        "salah: predikat expected Cukup, got Baik",
        "salah: domain 1 expected 3.01, got 3.00",
        "salah: aspect 2 expected 3.20, got 3.25",
    ]
    assert bad.mismatches[0].render("salah", "id") == "salah: indeks diharapkan 3.02, hasil 3.03"


def test_unquoted_figures_and_integer_ids(fw: Framework, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        cases:
          - name: a
            levels: {default: 2}
            expect: {index: 2.0, domains: {1: 2, 4: 2.00}}
        """,
    )
    assert run_cases(fw, path).ok


def test_note_when_file_names_another_framework(fw: Framework, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        framework: permenpanrb-5-2018
        cases:
          - {name: a, levels: {default: 1}, expect: {index: "1.00"}}
        """,
    )
    report = run_cases(fw, path)
    assert report.ok and [n.code for n in report.notes] == ["cases-framework-differs"]
    alias = write(
        tmp_path,
        "framework: 59/2020\ncases:\n"
        "  - {name: a, levels: {default: 1}, expect: {index: '1.00'}}\n",
        "b.yaml",
    )
    assert run_cases(fw, alias).notes == ()


# -- invalid files ---------------------------------------------------------------------------


def problems(fw: Framework, text: str) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        parse_cases(textwrap.dedent(text), fw, "k.yaml")
    return [(p.code, p.render("en")) for p in caught.value.problems]


def test_duplicate_key_with_line(fw: Framework) -> None:
    found = problems(
        fw,
        """\
        cases:
          - name: a
            levels: {default: 1}
            expect: {index: "1.00"}
            expect: {index: "2.00"}
        """,
    )
    assert found == [("duplicate-key", "k.yaml:5: key 'expect' appears twice in the same mapping")]


def test_unknown_keys(fw: Framework) -> None:
    found = problems(
        fw,
        """\
        framwork: x
        cases:
          - name: a
            levels: {default: 1}
            expect: {indeks: "1.00"}
        """,
    )
    assert ("schema-extra_forbidden", "k.yaml:1: framwork: unknown key") in found
    assert any(
        code == "schema-extra_forbidden"
        and text.startswith("k.yaml:5: cases[0].expect.indeks: unknown key (the tiers of ")
        and "domains, aspects" in text
        for code, text in found
    )


def test_ids_levels_names_and_figures(fw: Framework) -> None:
    found = problems(
        fw,
        """\
        cases:
          - name: a
            levels:
              default: 1
              "48": 2
              "12": 0
              "13": 6
            expect:
              index: "1.005"
              predikat: Hebat
              domains: {"5": "1.00"}
              aspects: {"9": "1.00"}
          - name: a
            levels: {"1": 1}
            expect: {}
        """,
    )
    codes = [code for code, _ in found]
    assert codes.count("level-out-of-scale") == 2
    assert {
        "unknown-indicator",
        "figure-precision",
        "unknown-predikat",
        "unknown-id",
        "duplicate-case",
        "missing-indicators",
        "empty-expect",
    } <= set(codes)
    rendered = [m for _, m in found]
    assert (
        "k.yaml:5: cases[0].levels.48: indicator '48' does not exist in "
        "permenpanrb-59-2020" in rendered
    )
    assert "k.yaml:7: cases[0].levels.13: value 6 is not a value of the scale 1-5" in rendered
    assert "k.yaml:13: cases[1].name: case name 'a' is used twice" in rendered
    missing = next(m for c, m in found if c == "missing-indicators")
    assert "2, 3, 4" in missing and "47 (or add 'default')" in missing


def test_level_zero_is_fine_only_where_the_scale_has_it(fw: Framework) -> None:
    text = "cases:\n  - {name: a, levels: {default: 0}, expect: {index: '0.00'}}\n"
    assert [c for c, _ in problems(fw, text)] == ["level-out-of-scale"]
    spec = parse_cases(text, load_framework("permenpanrb-5-2018"))
    assert spec.cases[0].levels == {"default": 0}


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ("{default: true}", "expected a number, got true/false"),
        ("{default: 2.5}", "value 2.5 is not a value of the scale 1-5"),
        ("{default: x}", "'x' is not a number such as 3, 1.26 or 7/6"),
        ("{11: 2, '11': 3, default: 1}", "given twice"),
    ],
)
def test_level_values_and_keys(fw: Framework, levels: str, message: str) -> None:
    found = problems(fw, f"cases:\n  - {{name: a, levels: {levels}, expect: {{index: '1.00'}}}}\n")
    assert len(found) == 1 and message in found[0][1] and found[0][1].startswith("k.yaml:2:")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("cases: [\n", "yaml-syntax"),
        ("- a\n- b\n", "not-a-mapping"),
        ("cases: []\n", "schema-too_short"),
        ("description: x\n", "schema-missing"),
    ],
)
def test_malformed_files(fw: Framework, text: str, code: str) -> None:
    assert [c for c, _ in problems(fw, text)] == [code]


def test_one_bad_case_does_not_hide_the_others(fw: Framework) -> None:
    found = problems(
        fw,
        """\
        cases:
          - {name: a, levels: {default: x}, expect: {index: "1.00"}}
          - {name: b, levels: {default: 1, "99": 1}, expect: {index: "1.00"}}
        """,
    )
    assert [c for c, _ in found] == ["schema-value_error", "unknown-indicator"]
    assert re.match(r"k\.yaml:3: cases\[1\]\.levels\.99", found[1][1])


def test_unreadable_file(fw: Framework, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        run_cases(fw, tmp_path / "nope.yaml")
    assert caught.value.problems[0].code == "file-not-found"


@pytest.mark.parametrize("name", ["indicators", "../cases/permenpanrb-5-2018", "x", "59/2020"])
def test_bundled_cases_only_for_bundled_names(name: str) -> None:
    found = bundled_cases(name)
    assert (found is not None) == (name == "59/2020")


# Pemdi (8/2026) as the reference describes it: aspect -> [(indicator, weight)], externals.
PEMDI = {
    "1": [("1", 5), ("2", 5)],
    "2": [("3", 5), ("4", 5)],
    "3": [("5", 5), ("6", 3), ("7", 3), ("8", 4)],
    "4": [("9", 4), ("10", 4), ("11", 3), ("12", 4)],
    "5": [("13", 5), ("14", 5)],
    "6": [("15", 4), ("16", 4), ("17", 4), ("18", 3)],
    "7": [("19", 10), ("20", 15)],
}
PEMDI_EXTERNAL = {"5", "6", "7", "18"}


def test_pemdi_shipped_cases_pass_and_agree_with_the_formula() -> None:
    from spbe_cli.exact import parse_number

    fw = load_framework("permenpanrb-8-2026")
    path = bundled_cases("permenpanrb-8-2026")
    assert path is not None
    report = run_cases(fw, path)
    assert report.cases and report.ok, [m for c in report.cases for m in c.mismatches]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases = {
        f"{a}.{n}": key for a, items in PEMDI.items() for n, (key, _) in enumerate(items, start=1)
    }
    for case in data["cases"]:
        given = {aliases.get(str(k), str(k)): v for k, v in case["levels"].items()}

        def value(key: str, given: dict[str, object] = given) -> Fraction:
            fallback = given.get("default", 1 if key in PEMDI_EXTERNAL else None)
            raw = given.get(key, fallback)
            number = parse_number(str(raw))
            assert number is not None
            return number

        total = sum(w * value(k) for items in PEMDI.values() for k, w in items) / 100
        expect = case["expect"]
        if "index" in expect:
            assert half_up(total) == Decimal(str(expect["index"])), case["name"]
        for aspect, figure in expect.get("aspects", {}).items():
            items = PEMDI[str(aspect)]
            index = sum(w * value(k) for k, w in items) / sum(w for _, w in items)
            assert half_up(index) == Decimal(str(figure)), (case["name"], aspect)
