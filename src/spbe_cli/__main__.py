"""``python -m spbe_cli``: the same as the ``spbe`` command."""

from spbe_cli.cli.app import main

main()
