"""Evidence readiness (*kesiapan bukti dukung*): which claimed levels the evidence supports.

In SPBE and Pemdi evaluations the assessor lowers a level whose evidence is missing.
:func:`check_assessment` compares each indicator's claimed value with the evidence found
and scores the assessment twice: as claimed, and with only the supported values. The
difference is the index at risk, in exact index points.

Rules:

- **Claim.** The claim track is ``mandiri`` (the self-assessment) when the assessment has
  it, else its scored levels. Indicators the track does not give are not checked, and
  indicators fed by an external index (Pemdi) keep their value: offices hold no
  evidence for them.
- **Cumulative levels.** A claim of level ``L`` needs evidence for every level ``1..L``,
  level 1 included (a level-1 claim on a scale starting at 1 still costs nothing when
  unevidenced, but its missing level is reported). The *supported level* is the highest
  ``L`` with evidence for all of ``1..L``, never below the scale's minimum (an
  unevidenced claim falls to the minimum), never above the claim.
- **Decimal scales** (Pemdi): a claim ``c`` needs levels ``1..ceil(c)``; the supported
  value is ``min(c, supported whole level)`` (1.26 with evidence for levels 1 and 2 stays
  1.26; with level 1 only it becomes 1).
- **Folder** (:mod:`.folder`, :mod:`.names`): a file is matched to an indicator and a
  level by its name and its folders' names (``I13_L2_SK-Tim.pdf``,
  ``Indikator 13/Level 2/x.pdf``, ``I13/L2/x.pdf``; the deepest part naming each wins).
  Only ``.pdf`` files passing the PDF check count. A PDF naming an indicator but no level
  counts for nothing (``no-level``).
- **Mapping** (:mod:`.mapping`): an indicator's *Bukti Dukung* cell
  (``Assessment.evidence``) wins over names for that indicator: only the files it lists
  count (files named for the indicator but not listed are reported as
  ``not-in-mapping``). A listed file is found by its relative path or its name; its level
  comes from its path (or the listed text); a listed file with no level in either counts
  for the whole claim (every level ``1..ceil(claim)``): the cell stands beside the claim.
  Links are reported (``link-not-followed``) and not counted; listed files missing from
  the folder are reported (``mapped-not-found``). Without a folder the mapping is not
  used (only its links are reported).
- **Item list** (:mod:`.items`): a level is evidenced when it has items and all are
  accepted (*diterima*); *revisi*, *ditolak* and undecided items block it, and the items
  blocking the level above the accepted run are listed with their notes. With both a
  folder and an item list a level needs both.
- **Findings** (codes in :data:`.model.FINDING_CODES`): claims with missing levels,
  unmatched files, non-PDF, empty, broken and unreadable files (never counted), the same
  file name in several places (each still counts), links, mapped names not found, items
  blocking, symbolic links (never followed), unreadable folders and a capped scan, each
  with the indicator and OPD where known.
- **Bounds.** Nothing is opened beyond names, sizes (``stat``) and, for ``.pdf`` files, the
  first and last KiB; links are never followed; the walk stops at 100,000 entries or 12
  folders deep and says so.
"""

from __future__ import annotations

from spbe_cli.evidence.check import check_assessment, claimed_levels, supported_value
from spbe_cli.evidence.folder import FileEntry, FolderScan, scan_folder
from spbe_cli.evidence.items import Item, ItemList, read_items
from spbe_cli.evidence.mapping import MappedItem, parse_cell
from spbe_cli.evidence.model import (
    FINDING_CODES,
    EvidenceReport,
    Finding,
    IndicatorRow,
    OpdSummary,
    ScanSummary,
)
from spbe_cli.evidence.names import NameMatch, parse_path

__all__ = [
    "FINDING_CODES",
    "EvidenceReport",
    "FileEntry",
    "Finding",
    "FolderScan",
    "IndicatorRow",
    "Item",
    "ItemList",
    "MappedItem",
    "NameMatch",
    "OpdSummary",
    "ScanSummary",
    "check_assessment",
    "claimed_levels",
    "parse_cell",
    "parse_path",
    "read_items",
    "scan_folder",
    "supported_value",
]
