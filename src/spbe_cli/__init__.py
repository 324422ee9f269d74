"""spbe-cli: exact SPBE index calculation, as a library and a command-line tool."""

from __future__ import annotations

__version__ = "0.1.0"
