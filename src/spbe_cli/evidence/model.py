"""The evidence report: one row per indicator, findings, and the index at risk.

Pure data (frozen dataclasses); :mod:`.check` builds it, :mod:`.export` writes it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.evidence.items import Item
from spbe_cli.framework import Value
from spbe_cli.glossary import TRACK_NAMES
from spbe_cli.i18n import Text
from spbe_cli.results import Result

Basis = Literal[
    "names", "mapping", "items", "names+items", "mapping+items", "external", "unclaimed"
]

FINDING_CODES: tuple[str, ...] = (
    "missing-evidence",
    "unmatched-file",
    "no-level",
    "level-out-of-scale",
    "not-pdf",
    "empty",
    "broken",
    "unreadable",
    "duplicate-name",
    "link-not-followed",
    "mapped-not-found",
    "not-in-mapping",
    "item-blocking",
    "symlink-skipped",
    "folder-unreadable",
    "scan-capped",
)
"""Every finding code, in the order findings are listed."""


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the check found: a stable ``code``, where (``place``: a path relative to
    the folder, an indicator, or a cell of the item list), what (``text``), and the
    indicator and OPD it concerns when known."""

    code: str
    place: str
    text: Text
    indicator: str | None = None
    opd: str | None = None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator: the claim, the evidence found and what the evidence supports.

    ``claimed`` and ``supported`` are ``None`` for an indicator the track does not give;
    ``evidenced_levels`` are the levels with evidence (from 1), ``missing_levels`` the
    levels ``1..ceil(claimed)`` without; ``files`` the counted files (relative paths);
    ``accepted_level`` the item list's accepted level (``None`` without a list);
    ``blockers`` the items holding the next level back; ``risk`` the index points the
    indicator loses if only the supported level stands (``weight x (claimed - supported)
    / total weight``).
    """

    id: str
    name: str
    opd: str | None
    claimed: Value | None
    supported: Value | None
    evidenced_levels: tuple[int, ...]
    missing_levels: tuple[int, ...]
    files: tuple[str, ...]
    basis: Basis
    accepted_level: int | None = None
    blockers: tuple[Item, ...] = ()
    risk: Fraction = Fraction(0)

    @property
    def at_risk(self) -> bool:
        """Whether the evidence supports less than the claim."""
        return self.risk > 0


@dataclass(frozen=True, slots=True)
class OpdSummary:
    """One OPD's part: its indicators, those at risk, levels missing, findings, risk."""

    opd: str | None
    indicators: tuple[str, ...]
    at_risk: tuple[str, ...]
    missing_levels: int
    findings: int
    risk: Fraction


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """What the folder scan saw: files, those passing the PDF check, files by kind,
    whether a bound stopped it (``capped``: ``entries`` or ``depth``), the entries seen and
    how many folders could not be read."""

    root: str
    files: int
    valid_pdfs: int
    kinds: dict[str, int]
    capped: str | None
    entries_seen: int = 0
    unreadable_folders: int = 0

    @property
    def complete(self) -> bool:
        """Whether every file under the folder was looked at (no bound stopped the scan
        and every folder could be read)."""
        return self.capped is None and not self.unreadable_folders

    def partial_text(self) -> Text:
        """Why the scan is partial, in a few words (for headlines and notes)."""
        if self.capped == "entries":
            return Text(
                f"pemindaian berhenti pada batas {self.entries_seen:,} entri".replace(",", "."),
                f"the scan stopped at the limit of {self.entries_seen:,} entries",
            )
        if self.capped == "depth":
            return Text(
                "pemindaian berhenti pada batas kedalaman folder",
                "the scan stopped at the folder depth limit",
            )
        return Text(
            f"{self.unreadable_folders} folder tidak dapat dibaca",
            f"{self.unreadable_folders} folders could not be read",
        )


@dataclass(frozen=True)
class EvidenceReport:
    """The whole check of one assessment.

    ``track`` is the track whose claims were checked (see
    :func:`~spbe_cli.evidence.check.evidence_track`) and ``column`` the header it was read
    from; ``claimed_index`` scores the claimed track; ``evidenced_index`` the same assessment
    with every claim lowered to its supported value; ``risk`` is their difference (exact;
    the sum of the rows' risks). ``claimed`` and ``evidenced`` are the engine results.
    """

    framework: str
    agency: str | None
    year: int | None
    track: str | None
    rows: tuple[IndicatorRow, ...]
    findings: tuple[Finding, ...]
    claimed: Result = field(repr=False)
    evidenced: Result = field(repr=False)
    opds: tuple[OpdSummary, ...] = ()
    scan: ScanSummary | None = None
    items_source: str | None = None
    column: str | None = None
    """The header cell the claims were read from (``E5 'Nilai Mandiri'``), when known."""
    self_assessed: bool = False
    """Whether the file holds a self-assessment (``mandiri``) track at all."""

    @property
    def partial(self) -> bool:
        """Whether the evidenced index rests on a partial scan of the folder: files were
        left unchecked, so it is a lower bound, not the figure."""
        return self.scan is not None and not self.scan.complete

    @property
    def claimed_index(self) -> Fraction:
        """The exact index of the claims."""
        return self.claimed.index

    @property
    def evidenced_index(self) -> Fraction:
        """The exact index when only evidenced levels stand."""
        return self.evidenced.index

    @property
    def risk(self) -> Fraction:
        """Index points at risk: claimed index less evidenced index (exact, >= 0)."""
        return self.claimed.index - self.evidenced.index

    @property
    def claimed_published(self) -> Decimal:
        """The claimed index as published (rounded)."""
        return self.claimed.published

    @property
    def evidenced_published(self) -> Decimal:
        """The evidenced index as published (rounded)."""
        return self.evidenced.published

    def claim_text(self) -> Text:
        """Which claims were checked, for every screen and page that shows the check:
        ``Klaim dari jalur Mandiri, kolom E5 'Nilai Mandiri'``; a file without a
        self-assessment says the scored track stood in for it."""
        name = TRACK_NAMES.get(self.track or "", Text(self.track or "-", self.track or "-"))
        where = (
            Text(f", kolom {self.column}", f", column {self.column}")
            if self.column
            else Text("", "")
        )
        text = Text(
            f"Klaim dari jalur {name.id}{where.id}", f"Claims from the {name.en} track{where.en}"
        )
        if self.self_assessed or self.track == "mandiri":
            return text
        return Text(
            text.id + " (berkas tanpa penilaian mandiri)",
            text.en + " (the file has no self-assessment)",
        )

    def plan_start(self, scored: Result) -> Result:
        """Where a plan from the evidence starts (``plan --dir``, ``report --dir``): each
        checked claim at its evidenced value, never above the scored track's value when
        another track was checked (a cut the assessor already made stands), scored against
        ``scored``'s target."""
        levels = self.supported_levels()
        base = scored.assessment
        if base.track != self.track:
            for key, value in levels.items():
                official = base.levels.get(key)
                if official is not None and official < value:
                    levels[key] = official
        assessment = replace(self.evidenced_assessment(), levels=levels)
        return score(assessment, scored.framework, scored.target)

    def start_text(self, start: Result, scored: Result) -> Text:
        """Where a plan from the evidence starts (``start``: :meth:`plan_start` of
        ``scored``), said the
        same by ``plan`` and ``report``: ``Rencana dimulai dari nilai yang didukung bukti:
        1,45 (klaim 1,53, jalur Nilai)``."""
        from spbe_cli.exact import fixed

        places = self.claimed.framework.rounding.places

        def name(track: str | None) -> Text:
            return TRACK_NAMES.get(track or "", Text(track or "-", track or "-"))

        claim = name(self.track)
        text = Text(
            f"Rencana dimulai dari nilai yang didukung bukti: "
            f"{fixed(start.published, places, 'id')} (klaim "
            f"{fixed(self.claimed_published, places, 'id')}, jalur {claim.id})",
            f"The plan starts from the evidenced values: "
            f"{fixed(start.published, places)} (claimed "
            f"{fixed(self.claimed_published, places)}, {claim.en} track)",
        )
        if start.index == self.evidenced_index:
            return text
        cap = name(scored.assessment.track)
        return Text(
            text.id + f"; tidak di atas nilai jalur {cap.id} (menurut bukti saja "
            f"{fixed(self.evidenced_published, places, 'id')})",
            text.en + f"; never above the {cap.en} track's values (evidence alone "
            f"{fixed(self.evidenced_published, places)})",
        )

    def supported_levels(self) -> dict[str, Value]:
        """Supported value by indicator id, for every claimed indicator."""
        return {r.id: r.supported for r in self.rows if r.supported is not None}

    def evidenced_assessment(self) -> Assessment:
        """The assessment with only the evidenced levels: the start of ``plan --from
        evidence`` (OPD, effort and notes kept; ``track`` names ``evidenced``)."""
        base = self.claimed.assessment
        return replace(
            base,
            levels=self.supported_levels(),
            track="evidenced",
            tracks={**base.tracks, "evidenced": self.supported_levels()},
        )

    def findings_of(self, code: str) -> tuple[Finding, ...]:
        """The findings with ``code``."""
        return tuple(f for f in self.findings if f.code == code)

    def row(self, indicator: str) -> IndicatorRow:
        """The row of ``indicator`` (a framework id); ``KeyError`` when there is none."""
        for row in self.rows:
            if row.id == indicator:
                return row
        raise KeyError(indicator)
