"""Results as data: the public JSON document, CSV rows and Markdown tables.

The JSON layout is a public interface (``schema_version`` below); docs/json.md documents it.
Published figures are JSON numbers with the framework's decimal places; exact values sit
beside them as strings (``"1.53"``, ``"10/3"``) so nothing is lost to binary floats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from operator import getitem, itemgetter
from typing import TYPE_CHECKING, Any, BinaryIO

from spbe_cli.framework import Tier, Value, format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.render.formats import (
    SCHEMA_VERSION,
    csv_text,
    framework_dict,
    markdown_table,
    neutralise,
    number,
)
from spbe_cli.render.json_parts import Layout, dumps, dumps_json
from spbe_cli.results import Assumption, IndicatorKey, IndicatorResult, NodeResult, Result
from spbe_cli.tracks import TrackComparison
from spbe_cli.views.score import AgencyScore, ScoreView

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink


def published(result: Result, value: Fraction) -> float | int:
    """``value`` rounded as the framework publishes figures, as a JSON number."""
    return number(result.framework.publish(value))


def _node_dict(
    result: Result, node: NodeResult, *, tier: Tier, parent: Tier | None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "name": node.name,
        "name_en": node.name_en,
        "weight": number(node.weight),
        "weight_exact": format_exact(node.weight),
        "index": number(node.published),
        "index_exact": format_exact(node.index),
        "predikat": node.band.name,
        "predikat_en": node.band.name_en,
        "gap_points": published(result, node.gap_points),
    }
    if parent is not None:
        data[f"{parent.id}_id"] = node.parent_id
    return data


def _indicator_dict(result: Result, item: IndicatorResult) -> dict[str, Any]:
    fw = result.framework
    info = fw.level_info(item.indicator, item.level)
    data: dict[str, Any] = {
        "id": item.id,
        "name": item.indicator.name,
        "name_en": item.indicator.name_en,
    }
    for tier, group_id in zip(fw.group_tiers, item.path, strict=True):
        data[f"{tier.id}_id"] = group_id
    data.update(
        {
            "weight": number(item.weight),
            "weight_exact": format_exact(item.weight),
            "level": number(item.level) if isinstance(item.level, Fraction) else item.level,
            "level_name": info.name if info else None,
            "assumed": item.assumed,
            "opd": item.opd,
            "contribution_exact": format_exact(item.contribution),
            "gain_per_level_exact": format_exact(item.gain_per_level),
            "level_exact": format_exact(item.level),
        }
    )
    return data


def _indicator_json(result: Result, key: IndicatorKey) -> dict[str, Any]:
    return _indicator_dict(result, result.indicator_for(key))


def _assumption_dict(item: Assumption) -> dict[str, Any]:
    external = item.indicator.external
    return {
        "indicator": item.indicator.id,
        "value": number(Fraction(item.value)),
        "value_exact": format_exact(item.value),
        "reason": item.reason,
        "source": external.source if external is not None else None,
        "default_basis": external.default_basis if external is not None else None,
    }


def tracks_dict(comparison: TrackComparison) -> dict[str, Any]:
    """Every score track of the assessment scored (see :mod:`spbe_cli.tracks`)."""
    return {
        name: {
            "index": number(track.published),
            "index_exact": format_exact(track.index),
            "predikat": track.band.name,
            "scored": name == comparison.scored,
            "tiers": {
                tier.key: [
                    {"id": n.id, "index": number(n.published), "index_exact": format_exact(n.index)}
                    for n in nodes
                ]
                for tier, nodes in track.tier_pairs()
            },
            "values": {
                key: number(Fraction(value)) for key, value in track.assessment.levels.items()
            },
        }
        for name, track in comparison.results.items()
    }


def track_effects_dict(comparison: TrackComparison) -> dict[str, Any] | None:
    """The indicators whose tracks differ, as the terminal's table lists them (largest
    effect first): ``from`` (the reference track), ``to`` (the final track), ``change``
    (the published index's change between them, as the headline shows it),
    ``index_change_exact`` (the unrounded indices' change), and per indicator ``id``, ``opd``,
    ``values`` (per track), ``effect`` (index points, ``weight x (to - from) / 100``)."""
    if comparison.reference is None or comparison.final is None:
        return None
    start = comparison.results[comparison.reference]
    end = comparison.results[comparison.final]
    return {
        "from": comparison.reference,
        "to": comparison.final,
        "change": number(end.published - start.published),
        "change_exact": format_exact(Fraction(end.published - start.published)),
        "index_change_exact": format_exact(end.index - start.index),
        "indicators": [
            {
                "id": d.indicator.id,
                "opd": d.opd,
                "values": {name: number(Fraction(v)) for name, v in d.values.items()},
                "values_exact": {name: format_exact(Fraction(v)) for name, v in d.values.items()},
                "effect": number(d.effect),
                "effect_exact": format_exact(d.effect),
            }
            for d in comparison.differences
        ],
    }


def result_to_dict(agency_score: AgencyScore) -> dict[str, Any]:
    """One scored agency-year as a JSON-ready dict (without ``schema_version``)."""
    return _result_dict(agency_score, {})


def _result_dict(
    agency_score: AgencyScore, figures: dict[object, dict[str, Any]]
) -> dict[str, Any]:
    """:func:`result_to_dict`; ``figures`` keeps the fields that follow from the index and
    target alone, by both (many agencies share an index, all share a target)."""
    result, source = agency_score.result, agency_score.source
    fw = result.framework
    index, target = result.index, result.target
    # Integer parts: hashing a Fraction costs a modular inverse.
    key = (id(fw), index.numerator, index.denominator, target.numerator, target.denominator)
    summary = figures.get(key)
    if summary is None:
        summary = figures[key] = _summary(result, figures)
    data: dict[str, Any] = {
        "agency": result.assessment.agency,
        "year": result.assessment.year,
        "source": source,
        "framework": framework_dict(fw),
        **summary,
        "min_steps_to_target": result.min_steps_to_target,
        "assumed_indicators": list(result.assumed),
        "assumptions": [_assumption_dict(a) for a in result.assumptions],
        "track": result.assessment.track,
        "domains": [],
        "aspects": [],
    }
    tiers = fw.group_tiers
    for depth, (tier, nodes) in enumerate(result.tier_pairs()):
        parent = tiers[depth - 1] if depth else None
        data[tier.key] = [_node_dict(result, n, tier=tier, parent=parent) for n in nodes]
    data["indicators"] = [_indicator_json(result, key) for key in result.indicator_keys()]
    comparison = agency_score.tracks
    if comparison is not None:
        data["tracks"] = tracks_dict(comparison)
        effects = track_effects_dict(comparison)
        if effects is not None:
            data["track_effects"] = effects
    return data


def _summary(result: Result, figures: dict[object, dict[str, Any]]) -> dict[str, Any]:
    """The fields from ``index`` to ``to_next_predikat``: they depend on the index and
    the target only. Most follow from the published figure, its rating and the target
    alone, and are kept in ``figures`` by those (many indices share a published figure);
    ``index_exact``, ``predikat_exact`` and ``target_reached`` are made here."""
    fw, goal, band = result.framework, result.target, result.band
    key = (id(fw), result.published, id(band), goal.numerator, goal.denominator)
    shown = figures.get(key)
    if shown is None:
        shown = figures[key] = _published_fields(result, figures)
    return {
        "index": shown["index"],
        "index_exact": format_exact(result.index),
        "predikat": band.name,
        "predikat_en": band.name_en,
        "predikat_alias": band.alias,
        "predikat_exact": result.exact_band.name,
        "target": shown["target"],
        "target_predikat": shown["target_predikat"],
        "target_reached": result.target_reached,
        "gap": shown["gap"],
        "next_predikat": shown["next_predikat"],
        "next_predikat_from": shown["next_predikat_from"],
        "to_next_predikat": shown["to_next_predikat"],
    }


def _published_fields(result: Result, figures: dict[object, dict[str, Any]]) -> dict[str, Any]:
    """The fields of :func:`_summary` that follow from the published figure, its rating
    (the next one above) and the target alone (the target's are kept in ``figures`` too)."""
    fw = result.framework
    upper = result.next_band
    to_next = result.to_next_band
    goal = result.target
    aim = figures.get((id(fw), goal.numerator, goal.denominator))
    if aim is None:
        aim = figures[(id(fw), goal.numerator, goal.denominator)] = {
            "target": number(fw.publish(goal)),
            "target_predikat": fw.band_for(goal).name,
        }
    return {
        "index": number(result.published),
        **aim,
        "gap": number(fw.publish(result.gap)),
        "next_predikat": upper.name if upper else None,
        "next_predikat_from": number(fw.publish(fw.band_floor(upper))) if upper else None,
        "to_next_predikat": number(fw.publish(to_next)) if to_next is not None else None,
    }


def score_document(view: ScoreView) -> dict[str, Any]:
    """The ``spbe score --format json`` document: one result, or ``results`` for many.

    The CLI writes the same bytes one result at a time (:func:`write_score_json`)."""
    figures: dict[object, dict[str, Any]] = {}
    items = [_result_dict(agency, figures) for agency in view.agencies]
    if len(items) == 1:
        return {"schema_version": SCHEMA_VERSION, **items[0]}
    return {"schema_version": SCHEMA_VERSION, "results": items}


def write_score_json(view: ScoreView, out: BinaryIO) -> None:
    """:func:`score_document` as :func:`dumps_json` writes it, one result at a time: the
    whole document is never in memory, and shared parts are serialised once
    (:class:`ResultBytes`)."""
    if view.single:
        out.write(dumps_json(score_document(view)).encode())
        return
    write = ResultBytes(Layout(depth=2))
    out.write(b'{\n  "schema_version": ' + dumps(SCHEMA_VERSION) + b',\n  "results": [')
    separator = b"\n    {"
    for agency in view.agencies:
        out.write(b"".join(write.pieces(agency, [separator])))
        separator = b",\n    {"
    out.write(b"\n  ]\n}\n" if view.agencies else b"]\n}\n")


def write_jsonl_lines(view: ScoreView, out: BinaryIO) -> None:
    """One result per line (``--format jsonl``): each line a whole :func:`result_to_dict`
    object with ``schema_version`` first."""
    layout = Layout(depth=0, indent=False)
    write = ResultBytes(layout)
    first = b"{" + layout.members({"schema_version": SCHEMA_VERSION}) + b","
    for agency in view.agencies:
        pieces = write.pieces(agency, [first])
        pieces.append(b"\n")
        out.write(b"".join(pieces))


class ResultBytes:
    """Each result's JSON object (:func:`result_to_dict`) as pieces of bytes laid out by
    ``layout``; the pieces many agencies share are serialised once and kept:

    * the framework, by framework;
    * the fields from ``index`` to ``to_next_predikat``, by framework, index and target;
    * ``year`` and ``source``, by their values;
    * ``min_steps_to_target`` .. ``track`` (nothing assumed), by their values;
    * each node result's object (agencies share node results), by the node;
    * each indicator's object: it depends only on the framework and the
      :data:`~spbe_cli.results.IndicatorKey`; for a result with nothing assumed and no
      OPD (the usual wide row) by indicator position and value, else by key.

    Objects that keys hold by ``id`` are kept alive beside their text."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._figures: dict[object, dict[str, Any]] = {}
        self._summaries: dict[tuple[int, int, int, int, int], bytes] = {}
        self._rests: dict[tuple[int | None, str | None], bytes] = {}
        self._heads: dict[tuple[object, str | None], bytes] = {}
        self._nodes: dict[int, bytes] = {}
        self._keep: list[object] = []
        # Per framework: the order of group members, and per indicator column its texts.
        self._plans: dict[int, _Plan] = {}

    def pieces(self, agency_score: AgencyScore, pieces: list[bytes]) -> list[bytes]:
        """``pieces`` (up to the object's opening brace) followed by the pieces of the
        result's object, from its first member."""
        layout = self._layout
        result = agency_score.result
        fw, assessment = result.framework, result.assessment
        plan = self._plans.get(id(fw))
        if plan is None:
            plan = self._plans[id(fw)] = _Plan(result, layout)
            self._keep.append(fw)
        index, target = result.index, result.target
        # Integer parts: hashing a Fraction costs a modular inverse.
        key = (id(fw), index.numerator, index.denominator, target.numerator, target.denominator)
        summary = self._summaries.get(key)
        if summary is None:
            data = _summary(result, self._figures)
            summary = self._summaries[key] = b"," + layout.members(data)
        heads = self._heads
        tail = heads.get((assessment.year, agency_score.source))
        if tail is None:
            tail = heads[(assessment.year, agency_score.source)] = b"," + layout.members(
                {"year": assessment.year, "source": agency_score.source}
            )
        steps, track = result.min_steps_to_target, assessment.track
        plain = not result.assumed and not assessment.opd
        if plain:
            rest = self._rests.get((steps, track))
            if rest is None:
                rest = self._rests[(steps, track)] = b"," + layout.members(_rest(result))
        else:
            rest = b"," + layout.members(_rest(result))
        pieces += (plan.head, dumps(assessment.agency), tail, plan.framework, summary, rest)
        nodes = self._nodes
        for position, empty, opening in plan.groups:
            tier_nodes = result.tiers[position] if position is not None else ()
            if not tier_nodes:
                pieces.append(empty)
                continue
            texts = list(map(nodes.get, map(id, tier_nodes)))
            if None in texts:
                texts = [self._node(result, node, position) for node in tier_nodes]  # type: ignore[arg-type]
            pieces += (opening, layout.item_separator.join(texts), layout.list_close)  # type: ignore[arg-type]
        if plain and plan.columns:
            levels = assessment.levels
            values = (
                plan.values(levels) if levels.__class__ is dict else assessment.values_of(plan.ids)
            )
            start = len(pieces)
            try:
                pieces += map(getitem, plan.columns, values)
            except KeyError:  # a value not seen yet in its column
                del pieces[start:]
                pieces += map(plan.column_text, range(len(values)), values)
            pieces.append(layout.list_close)
        else:
            pieces.append(b"," + plan.keyed(result))
        comparison = agency_score.tracks
        if comparison is not None:
            extra: dict[str, Any] = {"tracks": tracks_dict(comparison)}
            effects = track_effects_dict(comparison)
            if effects is not None:
                extra["track_effects"] = effects
            pieces.append(b"," + layout.members(extra))
        pieces.append(layout.close)
        return pieces

    def _node(self, result: Result, node: NodeResult, position: int) -> bytes:
        text = self._nodes.get(id(node))
        if text is None:
            tiers = result.framework.group_tiers
            parent = tiers[position - 1] if position else None
            data = _node_dict(result, node, tier=tiers[position], parent=parent)
            text = self._nodes[id(node)] = self._layout.item(data)
            self._keep.append(node)
        return text


def _rest(result: Result) -> dict[str, Any]:
    """The fields from ``min_steps_to_target`` to ``track``."""
    return {
        "min_steps_to_target": result.min_steps_to_target,
        "assumed_indicators": list(result.assumed),
        "assumptions": [_assumption_dict(a) for a in result.assumptions],
        "track": result.assessment.track,
    }


class _Plan:
    """What :class:`ResultBytes` keeps per framework: the group members in order (the
    tiers' keys after ``domains`` and ``aspects``, which are always there, with the
    position of their tier, ``None`` for an empty one), and each indicator's text."""

    def __init__(self, result: Result, layout: Layout) -> None:
        self._layout = layout
        self._result = result  # indicator results from keys need only its framework
        tiers = result.framework.group_tiers
        groups: dict[str, int | None] = {"domains": None, "aspects": None}
        for position, tier in enumerate(tiers):
            groups[tier.key] = position
        self.head = layout.member_pad + dumps("agency") + layout.colon
        """What comes before the agency's name, the first member."""
        self.framework = b"," + layout.members({"framework": framework_dict(result.framework)})
        self.groups = [
            (position, b"," + layout.empty_list(name), b"," + layout.list_open(name))
            for name, position in groups.items()
        ]
        """Per group member: its tier's position (``None``: always empty), its text when
        empty, and its opening up to the first item."""
        self.ids = tuple(key[0] for key in result.indicator_keys())
        pick = itemgetter(*self.ids) if len(self.ids) > 1 else None
        self.values: Callable[[dict[str, Value]], tuple[Value, ...]] = (
            pick if pick is not None else lambda levels: tuple(levels[i] for i in self.ids)
        )
        """The values of the indicators in column order."""
        # Column texts carry what comes before them: the member's opening, or a separator.
        self.columns: list[dict[Value, bytes]] = [{} for _ in self.ids]
        self._by_key: dict[IndicatorKey, bytes] = {}

    def column_text(self, position: int, level: Value) -> bytes:
        """The text of the indicator in column ``position`` at ``level`` (nothing assumed,
        no OPD), with what comes before it."""
        column = self.columns[position]
        text = column.get(level)
        if text is None:
            layout = self._layout
            before = (
                b"," + layout.list_open("indicators") if position == 0 else layout.item_separator
            )
            item = self._text((self.ids[position], level, False, None))
            text = column[level] = before + item
        return text

    def keyed(self, result: Result) -> bytes:
        """The ``indicators`` member of ``result``, from its indicator keys."""
        layout = self._layout
        keys = result.indicator_keys()
        if not keys:
            return layout.empty_list("indicators")
        texts = list(map(self._text, keys))
        return (
            layout.list_open("indicators") + layout.item_separator.join(texts) + layout.list_close
        )

    def _text(self, key: IndicatorKey) -> bytes:
        text = self._by_key.get(key)
        if text is None:
            data = _indicator_json(self._result, key)
            text = self._by_key[key] = self._layout.item(data)
        return text


def tree_rows(agency_score: AgencyScore, lang: Lang, detail: bool) -> list[list[object]]:
    """Rows for CSV and Markdown under :func:`tree_header`: ``kind, id, name, weight,
    index/level, predikat, opd, track`` (the scored track), then, when the file holds two
    or more tracks, the figure of each track and the indicator's ``effect`` (as the
    terminal's track table: ``weight x (final - reference) / 100``). Indicator rows come
    with ``detail``, and for the indicators whose tracks differ in any case."""
    result, comparison = agency_score.result, agency_score.tracks
    fw = result.framework
    track = result.assessment.track or ""
    others = list(comparison.results.values()) if comparison is not None else []
    effects = {d.indicator.id: d for d in comparison.differences} if comparison else {}
    blank = [""] if comparison is not None else []
    nodes_of = [[n for _, nodes in r.tier_pairs() for n in nodes] for r in others]
    rows: list[list[object]] = [
        [
            "index",
            "",
            fw.label(lang),
            "100",
            str(result.published),
            result.band.label(lang),
            "",
            track,
            *(str(r.published) for r in others),
            *blank,
        ]
    ]
    count = 0
    for tier, nodes in result.tier_pairs():
        for node in nodes:
            rows.append(
                [
                    tier.id,
                    node.id,
                    pick(lang, node.name, node.name_en),
                    format_exact(node.weight),
                    str(node.published),
                    node.band.label(lang),
                    "",
                    track,
                    *(str(each[count].published) for each in nodes_of),
                    *blank,
                ]
            )
            count += 1
    for item in result.indicators:
        diff = effects.get(item.id)
        if not detail and diff is None:
            continue
        default = fw.default_value(item.indicator)
        values = [format_exact(r.assessment.levels.get(item.id, default)) for r in others]
        effect = (
            [_exact_number(diff.effect if diff is not None else Fraction(0))]
            if comparison is not None
            else []
        )
        rows.append(
            [
                fw.leaf_tier.id,
                item.id,
                item.indicator.label(lang),
                format_exact(item.weight),
                format_exact(item.level),
                "",
                item.opd or "",
                track,
                *values,
                *effect,
            ]
        )
    return rows


def _exact_number(value: Fraction) -> object:
    """An exact value as a number cell (``-0.013``; a CSV never marks it as a formula),
    or its exact text where it has no finite decimal (``10/3``)."""
    text = format_exact(value)
    return text if "/" in text else Decimal(text)


def tree_header(agency_score: AgencyScore) -> list[str]:
    """The columns of :func:`tree_rows`: :data:`TREE_HEADER`, ``opd``, ``track``, and with
    two or more tracks ``value_<track>`` for each and ``effect``."""
    header = [*TREE_HEADER, "opd", "track"]
    comparison = agency_score.tracks
    if comparison is not None:
        header += [f"value_{name}" for name in comparison.results]
        header.append("effect")
    return header


TREE_HEADER = ["kind", "id", "name", "weight", "value", "predikat"]


def ranking_header(view: ScoreView) -> list[str]:
    """Columns of the one-row-per-agency table: ``<tier>_<id>`` for every group of the
    first result's framework (``domain_1`` .. ``aspect_8``; Pemdi ``aspect_1`` ..)."""
    first = view.agencies[0].result
    return ["rank", "agency", "year", "framework", "index", "predikat"] + [
        f"{tier.id}_{node.id}" for tier, nodes in first.tier_pairs() for node in nodes
    ]


def ranking_rows(view: ScoreView, lang: Lang, *, safe: bool = False) -> list[list[object]]:
    """One row per result, best first; equal published figures share a rank. ``safe``:
    text a spreadsheet would read as a formula is neutralised (:func:`neutralise`) in the
    cells that can hold it (agency, framework id, rating; the figures are numbers), so a
    CSV writer need not look at every cell."""
    texts = SharedText(str)
    clean = neutralise if safe else _as_is
    words: dict[int, tuple[object, object]] = {}
    rows: list[list[object]] = []
    for ranked in view.ranking:
        result = ranked.result
        band, fw = result.band, result.framework
        said = words.get(id(band))
        if said is None:
            said = words[id(band)] = (band, clean(band.label(lang)))
        rows.append(
            [
                ranked.rank,
                clean(result.assessment.agency or ""),
                result.assessment.year or "",
                clean(fw.id),
                str(result.published),
                said[1],
                *texts.each([n for nodes in result.tiers for n in nodes]),
            ]
        )
    return rows


def _as_is(value: object) -> object:
    return value


class SharedText:
    """Each node result's published figure as text, made once per node: agencies share
    node results (:mod:`spbe_cli.engine`), so a ranking of many formats few figures."""

    def __init__(self, show: Callable[[Decimal], str]) -> None:
        self._show = show
        self._text: dict[int, str] = {}
        self._kept: list[NodeResult] = []  # alive, so no other object takes their ids

    def each(self, nodes: Sequence[NodeResult]) -> list[str]:
        """The text of every node's published figure (looked up in C; made where new)."""
        found = list(map(self._text.get, map(id, nodes)))
        if None in found:
            for position, node in enumerate(nodes):
                if found[position] is None:
                    text = self._text.get(id(node))
                    if text is None:
                        text = self._text[id(node)] = self._show(node.published)
                        self._kept.append(node)
                    found[position] = text
        return found  # type: ignore[return-value]


def _table(
    view: ScoreView,
    lang: Lang,
    detail: bool,
    layout: Callable[[Sequence[str], Iterable[Sequence[object]]], str],
) -> str:
    """One agency's tree, or many agencies' ranking, laid out by ``layout``."""
    if view.single:
        agency = view.agencies[0]
        return layout(tree_header(agency), tree_rows(agency, lang, detail))
    return layout(ranking_header(view), ranking_rows(view, lang))


def write_json(view: ScoreView, sink: Sink) -> None:
    """``--format json``: :func:`score_document`, streamed (:func:`write_score_json`)."""
    write_score_json(view, sink.stream)


def write_jsonl(view: ScoreView, sink: Sink) -> None:
    """``--format jsonl``: one result per line."""
    write_jsonl_lines(view, sink.stream)


def write_csv(view: ScoreView, sink: Sink) -> None:
    """``--format csv``: the tree of one agency, or the ranking of many."""
    if view.single:
        sink.text(_table(view, sink.lang, sink.detail, csv_text))
    else:  # the hot path: rows neutralised where text can be, written by csv in C
        rows = ranking_rows(view, sink.lang, safe=True)
        sink.text(csv_text(ranking_header(view), rows, neutralised=True))


def write_markdown(view: ScoreView, sink: Sink) -> None:
    """``--format markdown``: as :func:`write_csv`, as a Markdown table."""
    sink.text(_table(view, sink.lang, sink.detail, markdown_table))
