"""Check an assessment's claims against its evidence: folder, *Bukti Dukung* cells, items.

See the package docstring (:mod:`spbe_cli.evidence`) for the rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

from spbe_cli.assessment import Assessment, fold_opds
from spbe_cli.engine import score
from spbe_cli.evidence.folder import FileEntry, FolderScan, duplicates, scan_folder
from spbe_cli.evidence.items import STATUS_TEXT, ItemList, read_items
from spbe_cli.evidence.mapping import MappedItem, parse_mapping
from spbe_cli.evidence.model import (
    FINDING_CODES,
    Basis,
    EvidenceReport,
    Finding,
    IndicatorRow,
    OpdSummary,
    ScanSummary,
)
from spbe_cli.evidence.names import NameParser, Resolve, level_in
from spbe_cli.exact import format_exact
from spbe_cli.framework import Framework, Indicator, Value
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem

_KIND_TEXT = {
    "not-pdf": Text(
        "bukan PDF; tidak dihitung sebagai bukti", "not a PDF; not counted as evidence"
    ),
    "empty": Text("PDF kosong (0 byte); tidak dihitung", "empty PDF (0 bytes); not counted"),
    "broken": Text(
        "PDF rusak (tanpa %PDF- di awal atau %%EOF di akhir); tidak dihitung",
        "broken PDF (no %PDF- at the start or %%EOF at the end); not counted",
    ),
    "unreadable": Text("tidak dapat dibaca; tidak dihitung", "cannot be read; not counted"),
}


def place_of(indicator: str) -> str:
    """How an indicator is named as a finding's place: ``I13``."""
    return f"I{indicator}"


@dataclass
class _Evidence:
    """Evidence gathered for one indicator from the folder: files by level."""

    levels: dict[int, list[str]] = field(default_factory=dict)
    whole_claim: list[str] = field(default_factory=list)

    def add(self, level: int | None, path: str) -> None:
        if level is None:
            self.whole_claim.append(path)
        else:
            self.levels.setdefault(level, []).append(path)


def evidence_track(assessment: Assessment, asked: str | None = None) -> str | None:
    """The track whose claims the evidence is checked against, the one rule of every
    command (``evidence``, ``report --dir``, ``plan --from evidence``): the track asked for
    (``--track``) when given, else the self-assessment (``mandiri``) when the file has
    one, else the scored track."""
    if asked is not None:
        return asked
    if "mandiri" in assessment.tracks:
        return "mandiri"
    return assessment.track


def claimed_levels(
    assessment: Assessment, track: str | None
) -> tuple[dict[str, Value], str | None]:
    """The values claimed: the ``track`` when the assessment has it, else its scored
    levels; with the name of the track used."""
    if track is not None and track in assessment.tracks:
        return dict(assessment.tracks[track]), track
    return dict(assessment.levels), assessment.track


def supported_value(claimed: Value, evidenced: Iterable[int], scale_min: int) -> Value:
    """``min(claimed, L)`` where ``L`` is the highest level with every level ``1..L``
    evidenced (at least the scale's minimum)."""
    have = set(evidenced)
    run = 0
    while run + 1 in have:
        run += 1
    whole = max(run, scale_min)
    return claimed if claimed <= whole else whole


def needed_levels(claimed: Value) -> range:
    """The levels a claim needs evidence for: ``1..ceil(claimed)`` (1.26 needs 1 and 2)."""
    return range(1, math.ceil(claimed) + 1)


def check_assessment(
    assessment: Assessment,
    framework: Framework,
    *,
    scan: FolderScan | str | Path | None = None,
    items: ItemList | str | Path | None = None,
    resolve: Resolve | None = None,
    track: str | None = None,
) -> EvidenceReport:
    """Check every claim of ``assessment`` against the evidence folder (``scan``: a
    :class:`FolderScan` or a folder to scan) and/or an item list (``items``: an
    :class:`ItemList` or a file to read). At least one of them is needed.

    ``resolve`` maps text to an indicator id (default: ``framework.indicator_id``);
    ``track`` the claim track asked for (default: :func:`evidence_track`'s rule, the
    self-assessment when there is one, else the scored levels).
    Raises :class:`~spbe_cli.problems.InputError` for a bad item list or a folder that
    is not there, and ``ValueError`` without any evidence source.
    """
    if scan is None and items is None:
        raise ValueError("check_assessment needs an evidence folder (scan) or an item list")
    lookup: Resolve = resolve or framework.indicator_id
    scale = framework.scale
    if scan is not None and not isinstance(scan, FolderScan):
        scan = _scan(scan)
    if items is not None and not isinstance(items, ItemList):
        items = read_items(items, lookup, scale_min=scale.min, scale_max=scale.max)
    claims, used_track = claimed_levels(assessment, evidence_track(assessment, track))
    findings: list[Finding] = []
    spellings: dict[str, str] = {}
    opd = fold_opds(assessment.opd, spellings)
    if items is not None:
        for key, group in items.by_indicator.items():
            item_opd = next((i.opd for i in group.items if i.opd), None)
            if key not in opd and item_opd:
                opd[key] = item_opd
        opd = fold_opds(opd, spellings)

    mapping = {lookup(k) or k: v for k, v in parse_mapping(assessment.evidence).items()}
    folder: dict[str, _Evidence] = {}
    if scan is not None:
        folder = _folder_evidence(scan, framework, lookup, mapping, opd, findings)
    for key, entries in mapping.items():
        for entry in entries:
            if entry.link:
                findings.append(
                    Finding(
                        "link-not-followed",
                        place_of(key),
                        Text(
                            f"tautan di Bukti Dukung tidak dibuka dan tidak dihitung: {entry.text}",
                            f"link in Bukti Dukung not followed and not counted: {entry.text}",
                        ),
                        key,
                        opd.get(key),
                    )
                )

    rows: list[IndicatorRow] = []
    for indicator in framework.indicators:
        row = _row(
            indicator, framework, claims, folder if scan is not None else None, items, mapping, opd
        )
        rows.append(row)
        if row.missing_levels:
            missing = ", ".join(map(str, row.missing_levels))
            findings.append(
                Finding(
                    "missing-evidence",
                    place_of(row.id),
                    Text(
                        f"klaim level {_show(row.claimed)} tanpa bukti untuk level {missing}; "
                        f"didukung {_show(row.supported)}",
                        f"claim of level {_show(row.claimed)} has no evidence for level {missing}; "
                        f"supported {_show(row.supported)}",
                    ),
                    row.id,
                    row.opd,
                )
            )
        for item in row.blockers:
            status = STATUS_TEXT[item.status]
            note = f": {item.note}" if item.note else ""
            findings.append(
                Finding(
                    "item-blocking",
                    item.place,
                    Text(
                        f"{item.code} {status.id}{note} (menahan level {item.level})",
                        f"{item.code} {status.en}{note} (holds back level {item.level})",
                    ),
                    row.id,
                    row.opd,
                )
            )

    claimed_assessment = replace(assessment, levels=claims, track=used_track)
    claimed = score(claimed_assessment, framework)
    supported = {r.id: r.supported for r in rows if r.supported is not None}
    evidenced = score(replace(claimed_assessment, levels=supported), framework)
    order = {i.id: n for n, i in enumerate(framework.indicators)}
    codes = {c: n for n, c in enumerate(FINDING_CODES)}
    findings.sort(
        key=lambda f: (
            codes.get(f.code, len(codes)),
            order.get(f.indicator or "", len(order)),
            f.place,
        )
    )
    return EvidenceReport(
        framework=framework.id,
        agency=assessment.agency,
        year=assessment.year,
        track=used_track,
        column=assessment.columns.get(used_track) if used_track is not None else None,
        self_assessed="mandiri" in assessment.tracks,
        rows=tuple(rows),
        findings=tuple(findings),
        claimed=claimed,
        evidenced=evidenced,
        opds=_opds(rows, findings),
        scan=_scan_summary(scan) if scan is not None else None,
        items_source=items.source if items is not None else None,
    )


def _scan(folder: str | Path) -> FolderScan:
    """:func:`scan_folder`, with a missing or unreadable folder as an :class:`InputError`."""
    try:
        return scan_folder(folder)
    except OSError as error:
        what = (
            "bukan folder"
            if isinstance(error, NotADirectoryError)
            else ("tidak ada" if isinstance(error, FileNotFoundError) else "tidak dapat dibaca")
        )
        what_en = (
            "is not a folder"
            if isinstance(error, NotADirectoryError)
            else ("does not exist" if isinstance(error, FileNotFoundError) else "cannot be read")
        )
        raise InputError(
            str(folder),
            [
                Problem(
                    "evidence-folder",
                    str(folder),
                    Text(f"folder bukti {what}", f"evidence folder {what_en}"),
                )
            ],
        ) from None


def _show(value: Value | None) -> str:
    return "-" if value is None else format_exact(value)


def _row(
    indicator: Indicator,
    framework: Framework,
    claims: dict[str, Value],
    folder: dict[str, _Evidence] | None,
    items: ItemList | None,
    mapping: dict[str, list[MappedItem]],
    opd: dict[str, str],
) -> IndicatorRow:
    key = indicator.id
    claim = claims.get(key)
    owner = opd.get(key)
    total = framework.total_weight
    group = items.get(key) if items is not None else None
    accepted = None if items is None else (group.accepted_level if group else framework.scale.min)
    blockers = group.blockers if group is not None else ()
    if claim is None or indicator.external is not None:
        basis: Basis = "unclaimed" if claim is None else "external"
        return IndicatorRow(
            key, indicator.name, owner, claim, claim, (), (), (), basis, accepted, blockers
        )
    top = framework.scale.max
    sets: list[set[int]] = []
    files: list[str] = []
    parts: list[str] = []
    if folder is not None:
        found = folder.get(key, _Evidence())
        levels = {lv for lv in found.levels if 1 <= lv <= top}
        if found.whole_claim:
            levels |= set(needed_levels(claim))
        sets.append(levels)
        files = sorted({p for ps in found.levels.values() for p in ps} | set(found.whole_claim))
        parts.append("mapping" if key in mapping else "names")
    if items is not None:
        sets.append(set(group.accepted_levels()) if group is not None else set())
        parts.append("items")
    evidenced = set.intersection(*sets)
    needed = needed_levels(claim)
    missing = tuple(lv for lv in needed if lv not in evidenced)
    supported = supported_value(claim, evidenced, framework.scale.min)
    basis = "+".join(parts)  # type: ignore[assignment]
    return IndicatorRow(
        key,
        indicator.name,
        owner,
        claim,
        supported,
        tuple(sorted(evidenced)),
        missing,
        tuple(files),
        basis,
        accepted,
        blockers,
        indicator.weight * (claim - supported) / total,
    )


def _folder_evidence(
    scan: FolderScan,
    framework: Framework,
    lookup: Resolve,
    mapping: dict[str, list[MappedItem]],
    opd: dict[str, str],
    findings: list[Finding],
) -> dict[str, _Evidence]:
    top = framework.scale.max
    parse_path = NameParser(lookup).path
    evidence: dict[str, _Evidence] = {}
    named: dict[str, list[FileEntry]] = {}
    unmatched: list[FileEntry] = []
    listed_anywhere: set[str] = set()

    def level_ok(level: int | None, entry: FileEntry, key: str | None) -> int | None:
        if level is not None and not 1 <= level <= top:
            findings.append(
                Finding(
                    "level-out-of-scale",
                    entry.path,
                    Text(
                        f"level {level} pada nama di luar skala 1-{top}; level diabaikan",
                        f"level {level} in the name is outside the scale 1-{top}; level ignored",
                    ),
                    key,
                    opd.get(key) if key else None,
                )
            )
            return None
        return level

    for entry in scan.files:
        match = parse_path(entry.path)
        key = match.indicator
        owner = opd.get(key) if key else None
        if entry.kind != "pdf":
            findings.append(Finding(entry.kind, entry.path, _KIND_TEXT[entry.kind], key, owner))
            continue
        if key is None:
            unmatched.append(entry)
            continue
        level = level_ok(match.level, entry, key)
        if level is None and match.level is not None:
            continue  # reported as level-out-of-scale
        if key in mapping:
            named.setdefault(key, []).append(entry)
            continue
        if level is None:
            findings.append(
                Finding(
                    "no-level",
                    entry.path,
                    Text(
                        f"nama menunjuk indikator {key} tetapi tanpa level (mis. L2); "
                        "tidak dihitung",
                        f"name points to indicator {key} but gives no level (such as L2); "
                        "not counted",
                    ),
                    key,
                    owner,
                )
            )
            continue
        evidence.setdefault(key, _Evidence()).add(level, entry.path)

    for key, entries in mapping.items():
        owner = opd.get(key)
        listed: set[str] = set()
        for item in entries:
            if item.link:
                continue
            matches = scan.find(item.text)
            if not matches:
                findings.append(
                    Finding(
                        "mapped-not-found",
                        place_of(key),
                        Text(
                            f"berkas di Bukti Dukung tidak ada di folder: {item.text}",
                            f"file in Bukti Dukung not found in the folder: {item.text}",
                        ),
                        key,
                        owner,
                    )
                )
                continue
            for entry in matches:
                listed.add(entry.path)
                if not entry.counts:
                    continue
                level = parse_path(entry.path).level
                if level is None:
                    level = level_in(item.text)
                evidence.setdefault(key, _Evidence()).add(level_ok(level, entry, key), entry.path)
        listed_anywhere |= listed
        for entry in named.get(key, []):
            if entry.path not in listed:
                findings.append(
                    Finding(
                        "not-in-mapping",
                        entry.path,
                        Text(
                            f"bernama indikator {key} tetapi tidak disebut di Bukti Dukung; "
                            "tidak dihitung",
                            f"named for indicator {key} but not listed in Bukti Dukung; "
                            "not counted",
                        ),
                        key,
                        owner,
                    )
                )

    for entry in unmatched:
        if entry.path not in listed_anywhere:
            findings.append(
                Finding(
                    "unmatched-file",
                    entry.path,
                    Text(
                        "nama tidak menunjuk indikator mana pun (mis. I13_L2_nama.pdf)",
                        "name matches no indicator (such as I13_L2_name.pdf)",
                    ),
                )
            )
    for group in duplicates(scan):
        paths = ", ".join(e.path for e in group)
        key = next((k for e in group if (k := parse_path(e.path).indicator)), None)
        findings.append(
            Finding(
                "duplicate-name",
                group[0].name,
                Text(
                    f"nama berkas yang sama di {len(group)} tempat: {paths}",
                    f"the same file name in {len(group)} places: {paths}",
                ),
                key,
                opd.get(key) if key else None,
            )
        )
    for path in scan.symlinks:
        findings.append(
            Finding(
                "symlink-skipped",
                path,
                Text("tautan simbolik tidak diikuti", "symbolic link not followed"),
            )
        )
    for path in scan.unreadable_dirs:
        findings.append(
            Finding(
                "folder-unreadable",
                path,
                Text("folder tidak dapat dibaca", "folder cannot be read"),
            )
        )
    if scan.capped is not None:
        limit = f"{scan.entries_seen:,} entri" if scan.capped == "entries" else "kedalaman folder"
        limit_en = f"{scan.entries_seen:,} entries" if scan.capped == "entries" else "folder depth"
        findings.append(
            Finding(
                "scan-capped",
                scan.root,
                Text(
                    f"pemindaian berhenti pada batas {limit}; sebagian berkas tidak diperiksa",
                    f"the scan stopped at the limit of {limit_en}; some files were not checked",
                ),
            )
        )
    return evidence


def _opds(rows: list[IndicatorRow], findings: list[Finding]) -> tuple[OpdSummary, ...]:
    groups: dict[str | None, list[IndicatorRow]] = {}
    for row in rows:
        if row.claimed is not None:
            groups.setdefault(row.opd, []).append(row)
    summaries = [
        OpdSummary(
            opd,
            tuple(r.id for r in members),
            tuple(r.id for r in members if r.at_risk),
            sum(len(r.missing_levels) for r in members),
            sum(1 for f in findings if f.opd == opd and f.indicator is not None),
            sum((r.risk for r in members), Fraction(0)),
        )
        for opd, members in groups.items()
    ]
    summaries.sort(key=lambda s: (-s.risk, s.opd is None, s.opd or ""))
    return tuple(summaries)


def _scan_summary(scan: FolderScan) -> ScanSummary:
    kinds: dict[str, int] = {}
    for entry in scan.files:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    return ScanSummary(
        scan.root,
        len(scan.files),
        kinds.get("pdf", 0),
        kinds,
        scan.capped,
        scan.entries_seen,
        len(scan.unreadable_dirs),
    )
