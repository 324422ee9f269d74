"""spbe-cli: exact SPBE index calculation, as a library and a command-line tool.

The public API, imported lazily so that the command line starts fast::

    from spbe_cli import load_framework, read_assessments, score, plan
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_framework": "spbe_cli.framework",
    "parse_framework": "spbe_cli.framework",
    "Framework": "spbe_cli.framework",
    "read_assessments": "spbe_cli.readers",
    "score_files": "spbe_cli.loading",
    "Assessment": "spbe_cli.assessment",
    "score": "spbe_cli.engine",
    "score_levels": "spbe_cli.engine",
    "whatif": "spbe_cli.engine",
    "Result": "spbe_cli.results",
    "plan": "spbe_cli.planner",
    "InputError": "spbe_cli.problems",
    "Problem": "spbe_cli.problems",
}

__all__ = [
    "Assessment",
    "Framework",
    "InputError",
    "Problem",
    "Result",
    "__version__",
    "load_framework",
    "parse_framework",
    "plan",
    "read_assessments",
    "score",
    "score_files",
    "score_levels",
    "whatif",
]

if TYPE_CHECKING:
    from spbe_cli.assessment import Assessment
    from spbe_cli.engine import score, score_levels, whatif
    from spbe_cli.framework import Framework, load_framework, parse_framework
    from spbe_cli.loading import score_files
    from spbe_cli.problems import InputError, Problem
    from spbe_cli.readers import read_assessments
    from spbe_cli.results import Result


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'spbe_cli' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
