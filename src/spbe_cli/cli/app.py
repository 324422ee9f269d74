"""The ``spbe`` command: the typer app, global options and error handling.

Start-up is kept short. This module imports only the standard library at module level;
typer and the command modules are imported when the app is built (:func:`build_app`, or
the first ``from spbe_cli.cli.app import app``), and ``spbe --version`` alone is answered
before that, without typer. Every command module under ``cli/commands`` imports only typer
and the standard library at module level; the library (pydantic, calamine, rich,
openpyxl) is imported inside the command, so ``spbe --help`` starts fast too.

Help is Indonesian by default, English with ``--lang en`` (see :mod:`spbe_cli.cli.help_text`).

No ``from __future__ import annotations`` here: the global options are declared inside
:func:`build_app`, where ``typer`` is a local name, so their annotations must be objects.
"""

import contextlib
import errno
import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

from spbe_cli import __version__

if TYPE_CHECKING:
    import typer

_state = {"debug": False}

_VERSION_ARGS = (["--version"], ["-V"])


_COMMANDS = (
    "score",
    "plan",
    "whatif",
    "compare",
    "rank",
    "report",
    "evidence",
    "template",
    "framework",
)
"""The commands, in ``spbe --help`` order: each a module under ``cli/commands``."""
_GLOBAL_FLAGS = ("--debug",)
_GLOBAL_VALUED = ("--lang",)


def command_named(args: list[str]) -> str | None:
    """The command ``args`` run (``spbe --lang en score x`` -> ``score``), or ``None`` when
    they name none (``spbe``, ``spbe --help``, a typo): then the whole app is built."""
    rest = iter(args)
    for arg in rest:
        if arg in _GLOBAL_FLAGS or arg.startswith("--lang="):
            continue
        if arg in _GLOBAL_VALUED:
            next(rest, None)
            continue
        return arg if arg in _COMMANDS else None
    return None


def build_app(only: str | None = None) -> "typer.Typer":
    """The ``spbe`` typer app (built once, then the same object).

    ``only`` builds an app holding that one command (what ``spbe score ...`` runs): typer
    converts every registered command into click's on each run, and a command's module
    imports its options, so the others would only cost start-up.
    """
    built = globals().get("app") if only is None else None
    if built is not None:
        return built  # type: ignore[no-any-return]

    import typer

    from spbe_cli.cli.help_text import SpbeGroup, h
    from spbe_cli.cli.options import TopLangOpt, language_defaults

    new = typer.Typer(
        name="spbe",
        cls=SpbeGroup,
        help=h(
            "Kalkulator Indeks SPBE dan Indeks Pemerintah Digital yang eksak.\n\n"
            "Menghitung nilai indikator instansi menjadi indeks aspek (dan domain) dan "
            "keseluruhan beserta predikatnya, selisih terhadap target dan apa yang perlu "
            "dinaikkan, oleh OPD mana, untuk menutupnya. Kerangka bawaan: PermenPANRB 8/2026 "
            "(Pemdi, 2026-), 59/2020 (SPBE, 2021-2025), 5/2018 (SPBE, 2018-2020); lihat spbe "
            "framework list.\n\n"
            "Mulai dengan: spbe template isian.xlsx, isi tingkatnya, lalu spbe score "
            "isian.xlsx. Bantuan dalam bahasa Inggris: spbe --help --lang en",
            "Exact calculator of the SPBE index and the Digital Government (Pemdi) index.\n\n"
            "Scores an agency's indicator values into aspect (and domain) and overall indices "
            "with their rating (predikat), the gap to the target and what to raise, by which "
            "OPD, to close it. Bundled frameworks: PermenPANRB 8/2026 (Pemdi, 2026-), 59/2020 "
            "(SPBE, 2021-2025), 5/2018 (SPBE, 2018-2020); see spbe framework list.\n\n"
            "Start with: spbe template isian.xlsx, fill in the levels, then spbe score "
            "isian.xlsx. Help in Indonesian: spbe --help --lang id",
        ),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"spbe-cli {__version__}")
            raise typer.Exit()

    @new.callback()
    def main_options(
        ctx: typer.Context,
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                callback=_version,
                is_eager=True,
                help=h(
                    "Tampilkan versi lalu keluar.",
                    "Show the version and exit.",
                ),
            ),
        ] = False,
        debug: Annotated[
            bool,
            typer.Option(
                "--debug",
                help=h(
                    "Tampilkan jejak lengkap (traceback) kesalahan yang tidak terduga.",
                    "Show the full traceback of an unexpected error.",
                ),
            ),
        ] = False,
        language: TopLangOpt = None,
    ) -> None:
        """Global options."""
        _state["debug"] = debug
        if language is not None:  # spbe --lang en score ...: the command's --lang default
            ctx.default_map = language_defaults(ctx.command, language.value)

    for name in _COMMANDS if only is None else (only,):
        module = importlib.import_module(f"spbe_cli.cli.commands.{name}")
        if name == "framework":  # a group of subcommands
            new.add_typer(module.app, name=name)
        else:  # each module's command function is named after the command
            new.command(name, help=module.HELP)(getattr(module, name))
    if only is not None:
        return new  # one command's app: not the module's ``app``
    globals()["app"] = new
    return new


def __getattr__(name: str) -> Any:
    """``from spbe_cli.cli.app import app`` builds the app on first use."""
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
"""Errors writing the output (a full disk, a quota, a file too large, a device error): a
message and exit status 2, never an internal error."""


def main() -> None:
    """Entry point: run the app; turn unexpected errors into one line (or a traceback).

    Output that cannot be written (disk full on stdout) is a message and exit status 2; a
    broken pipe (``spbe ... | head``) is not an error (status 0); text the terminal's
    encoding cannot show is written with backslash escapes instead of failing.
    """
    _tolerant_streams()
    if sys.argv[1:] in _VERSION_ARGS:  # the same answer, without importing typer
        sys.stdout.write(f"spbe-cli {__version__}\n")
        _finish(0)
    # A run is short and builds large acyclic structures (a result per agency): the
    # cyclic collector's full passes cost 14% of a 100,000-row score and free nothing.
    gc.disable()
    code: str | int | None = 0
    try:
        try:
            build_app(command_named(sys.argv[1:]))(prog_name="spbe")
        except SystemExit as done:
            code = done.code
            if code == 1 and _pipe_was_broken():
                _silence_broken_pipe()
    except BrokenPipeError:
        _silence_broken_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            _internal(error)
        _output_failed(error)
    except Exception as error:  # last line of defence
        _internal(error)
    _finish(code)


def _tolerant_streams() -> None:
    """stdout and stderr write what their encoding cannot hold as backslash escapes
    (``PYTHONIOENCODING=ascii`` and an agency named Bône; a file name that is not UTF-8)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def _finish(code: str | int | None) -> None:
    """Flush stdout (the last buffered output may not fit on the disk) and exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_broken_pipe()
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _output_failed(error)
    sys.exit(code)


def _pipe_was_broken() -> bool:
    """Whether click ended the run for a broken pipe (it wraps stdout, then exits 1)."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def _output_failed(error: OSError) -> None:
    """The output could not be written: say so (in the language asked for), exit 2."""
    from spbe_cli.i18n import Text, chosen_lang

    lang = chosen_lang()
    reason = error.strerror or type(error).__name__
    text = Text(
        f"spbe: keluaran tidak dapat ditulis: {reason}",
        f"spbe: the output could not be written: {reason}",
    )
    _discard_stdout()
    with contextlib.suppress(OSError):
        sys.stderr.write(text.get(lang) + "\n")
        sys.stderr.flush()
    os._exit(2)  # buffers that cannot be written must not be flushed again on the way out


def _internal(error: Exception) -> None:
    from spbe_cli.cli.output import EXIT_INTERNAL

    if _state["debug"] or os.environ.get("SPBE_DEBUG"):
        import traceback

        traceback.print_exc()
    else:
        sys.stderr.write(
            f"spbe: internal error: {type(error).__name__}: {error}\n"
            "Run again with --debug (spbe --debug ...) for the traceback and report it.\n"
        )
    sys.exit(EXIT_INTERNAL)


def _discard_stdout() -> None:
    """Point stdout at the null device, so what is still buffered goes nowhere quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _silence_broken_pipe() -> None:
    """``spbe ... | head`` is not an error: drop the rest of the output quietly."""
    _discard_stdout()
    sys.exit(0)
