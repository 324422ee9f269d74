"""``spbe plan``: the cheapest level raises that reach the target, or a year-by-year path."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    EffortOpt,
    EvidenceDirOpt,
    EvidenceItemsOpt,
    FormatOpt,
    FrameworkOpt,
    InputFile,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    LockOpt,
    MaxLevelOpt,
    MaxStepOpt,
    OutputFormat,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    UntilOpt,
    YearOpt,
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.framework import Framework
    from spbe_cli.i18n import Lang
    from spbe_cli.loading import Scored
    from spbe_cli.planner import Plan


MAX_EFFORT_BYTES = 1024 * 1024
"""The largest --effort file read (a mapping of 47 ids is under 1 KiB)."""


class Start(StrEnum):
    """Where a plan starts: the scored values, or only what the evidence supports."""

    scored = "scored"
    evidence = "evidence"


class GroupBy(StrEnum):
    """How the raises are listed."""

    step = "step"
    opd = "opd"


def plan(
    file: InputFile,
    target: TargetOpt = None,
    effort: EffortOpt = None,
    max_step: MaxStepOpt = None,
    max_level: MaxLevelOpt = None,
    lock: LockOpt = None,
    by: Annotated[
        GroupBy,
        typer.Option(
            "--by",
            help=h(
                "step: kenaikan menurut urutan tambahan nilainya; opd: dikelompokkan per OPD "
                "beserta bagian tiap OPD dalam tambahan nilai.",
                "step: raises in order of gain; opd: grouped per OPD with "
                "each OPD's share of the gain.",
            ),
        ),
    ] = GroupBy.step,
    until: UntilOpt = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            min=1,
            metavar="N",
            help=h(
                "Peta jalan N tahun: pertama target, lalu tiap predikat berikutnya, tiap tahun "
                "optimal mengingat tahun sebelumnya. Di sini --max-step bawaannya 1.",
                "A roadmap over N years: first the target, then each next rating, each "
                "year optimal given the one before. --max-step defaults to 1 here.",
            ),
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
    framework: FrameworkOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    start: Annotated[
        Start | None,
        typer.Option(
            "--from",
            show_default=False,
            help=h(
                "Titik awal rencana: scored (nilai yang dinilai) atau evidence (hanya "
                "nilai yang didukung bukti dukung; perlu --dir dan/atau --items), agar "
                "rencana tidak bergantung pada klaim yang akan gugur. Bawaan: evidence "
                "bila --dir atau --items diberikan (seperti report --dir), bila tidak "
                "scored.",
                "Where the plan starts: scored (the values scored) or evidence (only the "
                "values the evidence supports; needs --dir and/or --items), so a plan "
                "never counts on a claim that will fall. Default: evidence when --dir or "
                "--items is given (as report --dir does), else scored.",
            ),
        ),
    ] = None,
    evidence_dir: EvidenceDirOpt = None,
    evidence_items: EvidenceItemsOpt = None,
    language: LangOpt = Language.id,
) -> None:
    """Plan the raises: the least total effort that lifts the published index to the target.

    Realistic by default: at most one level per indicator per evaluation round (the
    framework may say otherwise), in the fewest rounds that reach the target, laid out
    round by round. Exact, not greedy: every combination of level raises is weighed (a
    covering knapsack solved in integer weight units). Ties go to fewer level steps, then
    to lower indicator numbers. Each raise shows the OPD, the levels, what the next level
    requires, its effort and the index after it. When the target is out of reach under the
    constraints, the plan says so, goes as far as it can and names the constraint that
    binds. Examples:

      spbe plan examples/pematangsiantar-2021.xlsx

      spbe plan examples/pematangsiantar-2021.xlsx --until 2027       # the target by 2027, or the best by then

      spbe plan examples/pematangsiantar-2021.xlsx --target baik --max-step 2 --lock 13,21-31

      spbe plan examples/pematangsiantar-2021.xlsx --by opd --max-level 4

      spbe plan examples/pematangsiantar-2021.xlsx --years 3          # year by year, one level a year

      spbe plan examples/pematangsiantar-2021.xlsx --format json > rencana.json
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import emit
    from spbe_cli.cli.scoring import load_and_score
    from spbe_cli.views.plan import plan_view, roadmap_view

    lang = lang_of(language)
    refuse_clobber(STDOUT, [effort, evidence_items], lang)
    scored = load_and_score(
        [file],
        framework=framework,
        target=target,
        sheet=sheet,
        layout=layout.value,
        agency=agency,
        year=year,
        allow_missing=allow_missing,
        track=track,
        lang=lang,
    )
    given = evidence_dir is not None or evidence_items is not None
    if start is Start.evidence or (start is None and given):
        scored = [_evidenced(s, evidence_dir, evidence_items, lang, track) for s in scored]
    fw = scored[0].result.framework
    locked = _locked(lock or [], fw, lang)
    efforts = _effort_file(effort, fw, lang) if effort is not None else None
    if until is not None and years is not None:
        from spbe_cli.cli.output import fail_usage
        from spbe_cli.i18n import Text

        fail_usage(
            Text(
                "--until dan --years tidak dapat dipakai bersama",
                "--until and --years cannot be used together",
            ),
            lang,
        )
    step = fw.planning.max_step if max_step is None else max_step
    limits = (efforts, step, max_level, locked)
    sources = [s.source for s in scored]
    by_opd = by is GroupBy.opd
    if years is None:
        plans = [_plan(s, limits, rounds_until(s, until, lang), lang) for s in scored]
        emit("plan", output_format.value, plan_view(plans, sources, by_opd), lang)
    else:
        paths = [_roadmap(s, years, limits, lang) for s in scored]
        starts = [s.result for s in scored]
        emit("roadmap", output_format.value, roadmap_view(starts, paths, sources, by_opd), lang)


Limits = tuple[dict[str, Fraction] | None, int | None, int | None, tuple[str, ...]]


def _evidenced(
    scored: Scored,
    folder: Path | None,
    items: Path | None,
    lang: Lang,
    track: str | None = None,
) -> Scored:
    """The agency re-scored with only the values its evidence supports (the claims of the
    track :func:`~spbe_cli.evidence.check.evidence_track` picks, as everywhere)."""
    from dataclasses import replace

    from spbe_cli.cli.output import say
    from spbe_cli.cli.scoring import evidence_report
    from spbe_cli.i18n import Text

    result = scored.result
    report = evidence_report(scored, folder, items, lang, track)
    evidenced = report.plan_start(result)
    say(report.start_text(evidenced, result), lang)
    if report.partial and report.scan is not None:
        why = report.scan.partial_text()
        say(
            Text(
                f"Perhatian: {why.id}; sebagian berkas tidak diperiksa, jadi nilai awal "
                "rencana hanya batas bawah",
                f"Warning: {why.en}; some files were not checked, so the plan's starting "
                "values are only a lower bound",
            ),
            lang,
            "yellow",
        )
    return replace(scored, result=evidenced)


def rounds_until(scored: Scored, until: int | None, lang: Lang) -> int | None:
    """The rounds left until ``until`` (``None``: as many as the target needs).

    Rounds fall every ``planning.round_years`` years after the evaluation year: from 2026
    with yearly rounds, ``--until 2028`` leaves two (2027, 2028). Exits 2 when the file
    has no year or ``until`` is not after it.
    """
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text

    if until is None:
        return None
    start = scored.result.assessment.year
    if start is None:
        fail_usage(
            Text(
                "--until memerlukan tahun evaluasi (isi Tahun di berkas atau --year)",
                "--until needs the evaluation year (a Tahun cell or --year)",
            ),
            lang,
        )
    spacing = scored.result.framework.planning.round_years
    rounds = (until - start) // spacing
    if rounds < 1:
        fail_usage(
            Text(
                f"--until {until}: tidak ada putaran evaluasi setelah {start} sampai "
                f"{until} (setiap {spacing} tahun)",
                f"--until {until}: no evaluation round after {start} by {until} "
                f"(every {spacing} year(s))",
            ),
            lang,
        )
    return rounds


def _plan(scored: Scored, limits: Limits, rounds: int | None, lang: Lang) -> Plan:
    """The plan of one agency; a constraint the planner refuses exits 2."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.planner import PlanError, plan

    efforts, max_step, max_level, locked = limits
    result = scored.result
    try:
        return plan(
            result,
            result.target,
            effort=efforts,
            max_step=max_step,
            max_level=max_level,
            locked=locked,
            rounds=rounds,
        )
    except PlanError as error:
        fail_usage(error.text, lang)


def _roadmap(scored: Scored, years: int, limits: Limits, lang: Lang) -> list[Plan]:
    """The year-by-year plans of one agency (one level a year unless --max-step says)."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.planner import PlanError, roadmap

    efforts, max_step, max_level, locked = limits
    result = scored.result
    try:
        return roadmap(
            result,
            result.target,
            years,
            effort=efforts,
            max_step=max_step,
            max_level=max_level,
            locked=locked,
        )
    except PlanError as error:
        fail_usage(error.text, lang)


def _locked(values: Sequence[str], fw: Framework, lang: Lang) -> tuple[str, ...]:
    """``--lock`` values as indicator ids; exits 2 on bad syntax or unknown ids."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text
    from spbe_cli.planner import PlanError, parse_ids

    if not values:
        return ()
    try:
        return parse_ids(",".join(values), fw)
    except PlanError as error:
        fail_usage(Text(f"--lock: {error.text.id}", f"--lock: {error.text.en}"), lang)


def _effort_file(path: Path, fw: Framework, lang: Lang) -> dict[str, Fraction]:
    """Efforts from a YAML mapping ``id: effort``; exits 2 when it cannot be used."""
    from spbe_cli.cli.output import fail_input, fail_usage
    from spbe_cli.framework import read_yaml
    from spbe_cli.framework.load import read_text
    from spbe_cli.i18n import Text
    from spbe_cli.planner import PlanError, parse_efforts
    from spbe_cli.problems import InputError

    source = f"--effort {path}"
    try:
        data, _, duplicates = read_yaml(read_text(path, source, MAX_EFFORT_BYTES), source)
    except InputError as error:
        fail_input(error, lang)
    if duplicates:
        fail_input(InputError(f"--effort {path}", duplicates), lang)
    if not isinstance(data, dict):
        fail_usage(
            Text(
                f"--effort {path}: harus berupa pemetaan YAML 'nomor: upaya', misalnya '13: 2'",
                f"--effort {path}: must be a YAML mapping 'id: effort', for example '13: 2'",
            ),
            lang,
        )
    try:
        return parse_efforts(data, fw)
    except PlanError as error:
        fail_usage(
            Text(f"--effort {path}: {error.text.id}", f"--effort {path}: {error.text.en}"), lang
        )


HELP = h(
    """Rencanakan kenaikan: upaya total terkecil yang mengangkat indeks yang diumumkan ke target.

    Realistis sejak awal: paling banyak satu tingkat per indikator per putaran evaluasi
    (kecuali kerangka menentukan lain), dalam putaran sesedikit mungkin untuk mencapai
    target, disusun per putaran. Eksak, bukan serakah: setiap kombinasi kenaikan tingkat
    ditimbang (knapsack penutup yang diselesaikan dalam satuan bobot bulat). Bila setara,
    dipilih kenaikan tingkat yang lebih sedikit, lalu nomor indikator yang lebih kecil.
    Setiap kenaikan menampilkan OPD, tingkatnya, syarat tingkat berikutnya, upayanya dan
    indeks sesudahnya. Bila target tidak tercapai dengan batasan yang ada, rencana
    menyebutkannya, melangkah sejauh mungkin dan menyebut batasan yang menghalangi. Contoh:

      spbe plan examples/pematangsiantar-2021.xlsx

      spbe plan examples/pematangsiantar-2021.xlsx --until 2027       # target pada 2027, atau yang terbaik saat itu

      spbe plan examples/pematangsiantar-2021.xlsx --target baik --max-step 2 --lock 13,21-31

      spbe plan examples/pematangsiantar-2021.xlsx --by opd --max-level 4

      spbe plan examples/pematangsiantar-2021.xlsx --years 3          # tahun demi tahun, satu tingkat per tahun

      spbe plan examples/pematangsiantar-2021.xlsx --format json > rencana.json
    """,
    plan.__doc__ or "",
)
"""The help of ``spbe plan``: Indonesian, and the docstring in English."""
