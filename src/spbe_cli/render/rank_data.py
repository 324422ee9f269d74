"""``spbe rank`` as data: a JSON document, JSON Lines, CSV and Markdown; and the words and
figures the terminal view (:mod:`spbe_cli.render.rank`) shares.

The layouts are public (``schema_version``; docs/json.md documents them). Lays out a
:class:`~spbe_cli.views.rank.RankView`; computes nothing (the statistics are in each
:class:`~spbe_cli.ranking.YearRanking`), and imports no rich.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from spbe_cli import glossary
from spbe_cli.framework import Framework, format_exact
from spbe_cli.i18n import Lang, Text
from spbe_cli.ranking import Ranked, Statistics, YearRanking
from spbe_cli.render.common import fmt
from spbe_cli.render.formats import SCHEMA_VERSION, csv_text, markdown_table, number
from spbe_cli.render.json_parts import dumps_json, write_lines

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.results import Result
    from spbe_cli.views.rank import RankView

L = {
    "index": glossary.INDEX,
    "rating": glossary.RATING,
    "agency": glossary.AGENCY,
    "rank": glossary.RANK,
    "year": glossary.YEAR,
    "count": glossary.COUNT,
    "share": Text("Bagian", "Share"),
    "mean": Text("Rata-rata", "Mean"),
    "median": Text("Median", "Median"),
    "at_target": Text("Mencapai target", "At or above target"),
    "of": Text("dari", "of"),
    "none": Text("Tidak ada instansi yang lolos filter.", "No agency passes the filters."),
}


def percent(share: Fraction, lang: Lang = "en") -> str:
    """A share as a percentage with one decimal, half-up (``33.3%``, ``33,3%``)."""
    return f"{fmt(share * 100, 1, lang)}%"


def top_values(ranking: YearRanking, result: Result, lang: Lang = "en") -> list[str]:
    """Top-tier figures of a result, blank where its framework differs from the year's."""
    if result.framework is not ranking.framework:
        return ["" for _ in ranking.framework.top_level]
    return [fmt(d.published, 2, lang) for d in result.top]


def _value_number(value: Decimal | None) -> float | int | None:
    return None if value is None else number(value)


def _statistics_dict(stats: Statistics, fw: Framework) -> dict[str, Any]:
    mean, middle = stats.published(fw, stats.mean), stats.published(fw, stats.median)
    target = stats.target if stats.target is not None else fw.target
    return {
        "count": stats.count,
        "mean": _value_number(mean),
        "mean_exact": None if stats.mean is None else format_exact(stats.mean),
        "median": _value_number(middle),
        "median_exact": None if stats.median is None else format_exact(stats.median),
        "target": number(fw.publish(target)),
        "at_target": stats.at_target,
        "predikat": [
            {
                "name": b.band.name,
                "name_en": b.band.name_en,
                "count": b.count,
                "share": number(b.share),
                "share_exact": format_exact(b.share),
            }
            for b in stats.bands
        ],
    }


def ranking_document(rankings: Sequence[YearRanking]) -> dict[str, Any]:
    """The ``spbe rank --format json`` document: per year, statistics and ranked rows."""
    return {
        "schema_version": SCHEMA_VERSION,
        "years": [
            {
                "year": r.year,
                "framework": r.framework.id,
                "total": r.total,
                "statistics": _statistics_dict(r.statistics, r.framework),
                "rows": [ranked_dict(x) for x in r.rows],
            }
            for r in rankings
        ],
    }


def ranked_dict(ranked: Ranked) -> dict[str, Any]:
    """One ranked agency-year (a row of :func:`ranking_document`)."""
    result = ranked.result
    return {
        "rank": ranked.rank,
        "agency": result.assessment.agency,
        "year": result.assessment.year,
        "source": ranked.source,
        "framework": result.framework.id,
        "index": number(result.published),
        "index_exact": format_exact(result.index),
        "predikat": result.band.name,
        "target_reached": result.target_reached,
        "domains": [],
        **{
            tier.key: [{"id": d.id, "index": number(d.published)} for d in nodes]
            for tier, nodes in result.tier_pairs()[:1]
        },
    }


def ranking_lines_json(rankings: Sequence[YearRanking]) -> Iterator[dict[str, Any]]:
    """``spbe rank --format jsonl``: one object per ranked agency-year, ``schema_version``
    first, then :func:`ranked_dict` (the statistics are in the JSON document only)."""
    for ranking in rankings:
        for ranked in ranking.rows:
            yield {"schema_version": SCHEMA_VERSION, **ranked_dict(ranked)}


def ranking_header(rankings: Sequence[YearRanking]) -> list[str]:
    """CSV/Markdown columns: rank, agency, year, framework, index, predikat, then the top
    tier's ``<tier>_<id>`` (``domain_1`` for SPBE, ``aspect_1`` for Pemdi)."""
    fw = rankings[0].framework if rankings else None
    tier = fw.group_tiers[0].id if fw is not None and fw.group_tiers else ""
    nodes = fw.top_level if fw is not None else ()
    return [
        "rank",
        "agency",
        "year",
        "framework",
        "index",
        "predikat",
        *[f"{tier}_{d.id}" for d in nodes],
    ]


def ranking_rows(rankings: Sequence[YearRanking], lang: Lang) -> list[list[object]]:
    """One row per ranked agency-year, all years one after another."""
    first = rankings[0] if rankings else None
    rows: list[list[object]] = []
    for ranking in rankings:
        for ranked in ranking.rows:
            result = ranked.result
            domains = top_values(first, result) if first is not None else []
            rows.append(
                [
                    ranked.rank,
                    result.assessment.agency or "",
                    result.assessment.year or "",
                    result.framework.id,
                    str(result.published),
                    result.band.label(lang),
                    *domains,
                ]
            )
    return rows


def statistics_rows(ranking: YearRanking, lang: Lang) -> list[list[object]]:
    """Rating counts and shares, then mean, median and at-target, for Markdown."""
    stats, fw = ranking.statistics, ranking.framework
    rows: list[list[object]] = [
        [b.band.label(lang), b.count, percent(b.share, lang)] for b in stats.bands
    ]
    for label, value in ((L["mean"], stats.mean), (L["median"], stats.median)):
        shown = stats.published(fw, value)
        rows.append([label.get(lang), "-" if shown is None else shown, ""])
    share = percent(Fraction(stats.at_target, stats.count), lang) if stats.count else "-"
    rows.append([L["at_target"].get(lang), stats.at_target, share])
    return rows


# -- renderers ------------------------------------------------------------------------------


def write_json(view: RankView, sink: Sink) -> None:
    """``--format json``: :func:`ranking_document`."""
    sink.text(dumps_json(ranking_document(view.rankings)))


def write_jsonl(view: RankView, sink: Sink) -> None:
    """``--format jsonl``: :func:`ranking_lines_json`, one ranked agency-year a line."""
    write_lines(ranking_lines_json(view.rankings), sink.stream)


def write_csv(view: RankView, sink: Sink) -> None:
    """``--format csv``: the ranked rows only (:func:`ranking_header`, :func:`ranking_rows`)."""
    rankings = view.rankings
    sink.text(csv_text(ranking_header(rankings), ranking_rows(rankings, sink.lang)))


def write_markdown(view: RankView, sink: Sink) -> None:
    """``--format markdown``: the ranked rows, then per year the rating counts and
    statistics (:func:`statistics_rows`)."""
    rankings, lang = view.rankings, sink.lang
    parts = [markdown_table(ranking_header(rankings), ranking_rows(rankings, lang))]
    for ranking in rankings:
        title = f"### {ranking.year if ranking.year is not None else ''}\n\n"
        parts.append(title + markdown_table(["predikat", "n", "%"], statistics_rows(ranking, lang)))
    sink.text("\n".join(parts))
