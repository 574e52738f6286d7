"""``python -m gendex.cli``: the ``gendex`` command."""

from gendex.cli import main

raise SystemExit(main())
