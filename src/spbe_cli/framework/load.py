"""Loading framework files: strict YAML, the tree as the file's tiers name it, bundled files.

:func:`load_framework` reads a bundled framework (by id or alias, e.g. ``59/2020``) or a
path; :func:`parse_framework` validates text. Keys written twice are problems (YAML would
keep the last silently); pydantic checks the structure; :mod:`spbe_cli.framework.check`
the arithmetic. Every problem is reported with its path in the file's own words
(``domains[1].aspects[0].weight``), all in one pass.

Bundled frameworks are the YAML files in ``spbe_cli/frameworks/``; their ids, aliases and
years are read from each file's top-level lines without loading the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spbe_cli import store
from spbe_cli.bounded import read_regular
from spbe_cli.exact import MAX_TEXT
from spbe_cli.framework.model import Framework
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

DEFAULT_FRAMEWORK = "permenpanrb-59-2020"
"""The framework used where no file, year or indicator set decides (SPBE 2021-2025)."""

_ROOT_FILE = "indicators.yaml"
"""In a source checkout the current SPBE framework lives at the repository root."""


@cache
def _loader_class() -> Any:
    """A safe YAML loader (libyaml's where installed) that records duplicate mapping keys
    instead of keeping the last; built on first use, so scoring from the cache never
    imports yaml."""
    import yaml

    class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        duplicates: list[tuple[int, str]]

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    self.duplicates.append((key_node.start_mark.line + 1, str(key)))
                seen.add(key)
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return mapping

    def construct_bounded_int(loader: Any, node: yaml.ScalarNode) -> int:
        # int() of a 5,000-digit scalar fails on Python's conversion limit (a ValueError
        # YAML does not expect); a number this tool reads is never that long.
        if len(node.value) > MAX_TEXT:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"a number of {len(node.value):,} characters is too long (at most {MAX_TEXT})",
                node.start_mark,
            )
        value: int = loader.construct_yaml_int(node)
        return value

    UniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, UniqueKeyLoader.construct_mapping
    )
    UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", construct_bounded_int)
    return UniqueKeyLoader


MAX_YAML_BYTES = 4 * 1024 * 1024
"""The largest framework or cases file read (the bundled ones are 20-40 KiB)."""


def read_text(path: Path, source: str | None = None, limit: int = MAX_YAML_BYTES) -> str:
    """A UTF-8 file's text, read by :func:`spbe_cli.bounded.read_regular` (a regular file
    of at most ``limit`` bytes); :class:`InputError` when it cannot be read."""
    name = source or str(path)
    data = read_regular(path, name, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = Text(
            f"bukan teks UTF-8 (bita {error.start})", f"is not UTF-8 text (byte {error.start})"
        )
        raise InputError(name, [Problem("not-utf8", name, text)]) from None


def read_yaml(text: str, source: str) -> tuple[Any, Any, list[Problem]]:
    """The data and node tree of YAML ``text``, with a problem per key written twice.

    Raises :class:`InputError` for a syntax error (with its line).
    """
    import yaml

    loader = _loader_class()(text)
    loader.duplicates = []
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"{source}:{mark.line + 1}" if mark is not None else source
        reason = getattr(error, "problem", None) or str(error)
        message = Text(f"YAML tidak sah: {reason}", f"invalid YAML: {reason}")
        raise InputError(source, [Problem("yaml-syntax", place, message)]) from None
    finally:
        loader.dispose()
    problems = [
        Problem(
            "duplicate-key",
            f"{source}:{line}",
            Text(
                f"kunci '{key}' ditulis dua kali dalam satu pemetaan",
                f"key '{key}' appears twice in the same mapping",
            ),
        )
        for line, key in loader.duplicates
    ]
    return data, root, problems


# -- the tree in the file's words ------------------------------------------------------------

_NODES, _LEAVES = "nodes", "leaves"
RESERVED_KEYS = frozenset({_NODES, _LEAVES, "tiers", "id", "name", "weight", "scale", "bands"})


def tier_keys(data: dict[str, Any]) -> list[str] | None:
    """The YAML keys of the tiers a framework mapping declares, or ``None`` if unusable."""
    tiers = data.get("tiers")
    if not isinstance(tiers, list) or not tiers:
        return None
    keys = [t.get("key") if isinstance(t, dict) else None for t in tiers]
    if not all(isinstance(k, str) and k not in RESERVED_KEYS for k in keys):
        return None
    if len(set(keys)) != len(keys):
        return None
    return [str(k) for k in keys]


def to_tree(data: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """``data`` with each tier's list moved under ``nodes`` (groups) or ``leaves``
    (indicators), by depth; a list under the wrong key is left for pydantic to refuse."""

    def move(mapping: dict[str, Any], depth: int) -> dict[str, Any]:
        copy = dict(mapping)
        key = keys[depth]
        if key in copy:
            items = copy.pop(key)
            last = depth == len(keys) - 1
            if isinstance(items, list) and not last:
                items = [move(i, depth + 1) if isinstance(i, dict) else i for i in items]
            copy[_LEAVES if last else _NODES] = items
        return copy

    return move(data, 0)


def file_path(loc: tuple[int | str, ...], keys: list[str] | None) -> str:
    """A pydantic location in the file's words: ``nodes.1.leaves.0.weight`` ->
    ``domains[1].aspects[0].weight``."""
    text = ""
    depth = 0
    for part in loc:
        if keys and part in (_NODES, _LEAVES) and depth < len(keys):
            part = keys[depth] if part == _NODES else keys[-1]
            depth += 1
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def yaml_path(loc: tuple[int | str, ...]) -> str:
    """A location as ``a.b[2].c``."""
    return file_path(loc, None)


def pydantic_problems(
    error: ValidationError, source: str, keys: list[str] | None = None
) -> Iterator[Problem]:
    """Pydantic's errors as problems placed at their path in the file."""
    items = error.errors(include_url=False)
    locs = [tuple(p for p in item["loc"] if not str(p).startswith("function-")) for item in items]
    for item, loc in zip(items, locs, strict=True):
        message = item["msg"].removeprefix("Value error, ")
        kind = _KINDS.get(item["type"], item["type"])
        if kind == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue  # pydantic counts only the valid items; the real problem is below
        if kind == "extra_forbidden":
            text = Text("kunci tidak dikenal", "unknown key")
        elif kind == "missing":
            text = Text("wajib diisi tetapi tidak ada", "is required but missing")
        else:
            text = Text(message, message)
        yield Problem(f"schema-{kind}", f"{source}: {file_path(loc, keys)}", text)


LEGACY_TIERS: tuple[dict[str, str], ...] = (
    {
        "id": "domain",
        "key": "domains",
        "code": "D",
        "name": "Domain",
        "name_en": "Domain",
        "plural_en": "Domains",
    },
    {
        "id": "aspect",
        "key": "aspects",
        "code": "A",
        "name": "Aspek",
        "name_en": "Aspect",
        "plural_en": "Aspects",
    },
    {
        "id": "indicator",
        "key": "indicators",
        "code": "I",
        "name": "Indikator",
        "name_en": "Indicator",
        "plural_en": "Indicators",
    },
)
"""The tiers of a file written before frameworks named their tiers (SPBE-shaped files with
``domains`` and no ``tiers``): such files still load, as SPBE frameworks."""


def with_legacy_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A pre-tiers SPBE file (``domains`` and no ``tiers``) with its tiers and index name
    filled in; any other mapping unchanged."""
    if "tiers" in data or "domains" not in data:
        return data
    filled = {"tiers": [dict(t) for t in LEGACY_TIERS], **data}
    filled.setdefault("index_name", "Indeks SPBE")
    filled.setdefault("index_name_en", "SPBE index")
    return filled


def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Validate framework YAML ``text``; ``source`` names it in problem messages."""
    data, _, problems = read_yaml(text, source)
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "not-a-mapping",
                source,
                Text(
                    "berkas kerangka harus berupa pemetaan YAML (kunci: nilai)",
                    "a framework file must be a YAML mapping (key: value)",
                ),
            )
        )
        raise InputError(source, problems)
    return framework_from_data(data, source, problems)


def framework_from_data(
    data: dict[str, Any], source: str = "<framework>", problems: list[Problem] | None = None
) -> Framework:
    """A framework from already-parsed data (what a YAML file holds), checked completely;
    raises :class:`InputError` with every problem (``problems``: ones found before)."""
    from pydantic import ValidationError

    from spbe_cli.framework.check import check_framework

    problems = list(problems or [])
    data = with_legacy_defaults(data)
    keys = tier_keys(data)
    tree = to_tree(data, keys) if keys else data
    try:
        framework = _validator().validate_python(tree)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, source, keys))
        if keys is None:
            problems.append(_tiers_problem(source))
        raise InputError(source, problems) from None
    problems.extend(check_framework(framework, source))
    if problems:
        raise InputError(source, problems)
    return framework


@cache
def _validator() -> TypeAdapter[Framework]:
    """Pydantic's validator of the framework dataclasses (built once, on first use)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Framework)


_KINDS = {"unexpected_keyword_argument": "extra_forbidden", "missing_argument": "missing"}
"""Pydantic's error kinds for dataclass fields, by the names they have on models."""


def _tiers_problem(source: str) -> Problem:
    return Problem(
        "tiers",
        f"{source}: tiers",
        Text(
            "tiers harus berupa daftar tingkat dari atas ke bawah, masing-masing dengan key "
            "unik (mis. domains, aspects, indicators)",
            "tiers must list the tiers top-down, each with its own key (such as domains, "
            "aspects, indicators)",
        ),
    )


# -- bundled frameworks -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BundledInfo:
    """A bundled framework as its file's top lines describe it (no full load)."""

    id: str
    path: Path
    aliases: tuple[str, ...]
    applies_from: int | None
    applies_until: int | None


@cache
def _made_by() -> tuple[Path, ...]:
    """The code that validates a framework (this package): an edit misses the store."""
    return tuple(sorted(Path(__file__).resolve().parent.glob("*.py")))


_TOP_LINE = re.compile(r"^(id|aliases|applies_from|applies_until):[ \t]*(.*?)[ \t]*(?:#.*)?$")


def _scan(path: Path) -> BundledInfo | None:
    """The id, aliases and years of a bundled framework file: from the store when the
    file was loaded before, else from its top-level lines (without loading it)."""
    text = read_text(path)
    known = store.get("framework", text, Framework, _made_by())
    if known is not None:
        _CACHE[path.resolve()] = known  # load_framework need not read and unpickle it again
        return BundledInfo(known.id, path, known.aliases, known.applies_from, known.applies_until)
    import yaml

    fields: dict[str, Any] = {}
    for line in text.splitlines():
        match = _TOP_LINE.match(line)
        if match and match[1] not in fields:
            try:
                fields[match[1]] = yaml.safe_load(match[2]) if match[2] else None
            except yaml.YAMLError:
                return None
    if not isinstance(fields.get("id"), str):
        return None
    aliases = fields.get("aliases") or ()
    years = [fields.get(k) for k in ("applies_from", "applies_until")]
    return BundledInfo(
        fields["id"],
        path,
        tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
        *(y if isinstance(y, int) else None for y in years),
    )


@cache
def bundled() -> tuple[BundledInfo, ...]:
    """Every framework shipped with the package, oldest first."""
    folder = Path(str(resources.files("spbe_cli") / "frameworks"))
    paths = sorted(folder.glob("*.yaml"))
    root_copy = Path(__file__).resolve().parents[3] / _ROOT_FILE
    if not (folder / _ROOT_FILE).is_file() and root_copy.is_file():
        paths.append(root_copy)  # an editable install: the file sits at the repository root
    found = [info for info in map(_scan, paths) if info is not None]
    return tuple(sorted(found, key=lambda i: (i.applies_from or 0, i.id)))


def bundled_frameworks() -> dict[str, Path]:
    """Bundled framework ids with their files."""
    return {info.id: info.path for info in bundled()}


def canonical_name(name: str) -> str:
    """A bundled framework's id from an alias (``59/2020`` -> ``permenpanrb-59-2020``)."""
    wanted = _squash(name)
    for info in bundled():
        if wanted in {_squash(info.id), *(_squash(a) for a in info.aliases)}:
            return info.id
    return name


def _squash(text: str) -> str:
    return "".join(text.lower().split())


def resolve_framework(name_or_path: str | Path | None) -> Path:
    """The file behind a bundled name (``permenpanrb-59-2020``, ``5/2018``) or a path."""
    name = str(DEFAULT_FRAMEWORK if name_or_path is None else name_or_path)
    found = bundled_frameworks().get(canonical_name(name))
    if found is not None:
        return found
    path = Path(name)
    if path.is_file() or path.is_symlink() or path.exists():
        return path  # the bounded reader says what is wrong with a pipe, device or folder
    names = ", ".join(info.id for info in bundled())
    raise InputError(
        name,
        [
            Problem(
                "framework-not-found",
                name,
                Text(
                    "bukan kerangka bawaan dan bukan berkas yang ada",
                    "is neither a bundled framework nor an existing file",
                ),
                Text(f"kerangka bawaan: {names}", f"bundled frameworks: {names}"),
            )
        ],
    )


_CACHE: dict[Path, Framework] = {}


def load_framework(name_or_path: str | Path | Framework | None = None) -> Framework:
    """Load and validate a framework; raise :class:`InputError` listing every problem.

    A file validated before is taken from :mod:`spbe_cli.store` (keyed by its
    exact text), then kept in memory for the rest of the run."""
    if isinstance(name_or_path, Framework):
        return name_or_path
    given = resolve_framework(name_or_path)
    path = given.resolve()
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    text = read_text(given)
    framework = store.get("framework", text, Framework, _made_by())
    if framework is None:
        framework = parse_framework(text, str(path))
        store.put("framework", text, framework, _made_by())
    _CACHE[path] = framework
    return framework


def load_bundled() -> tuple[Framework, ...]:
    """Every bundled framework, loaded, oldest first (a broken one is an error)."""
    return tuple(load_framework(info.path) for info in bundled())
