"""``python -m memo_tei.cli``: the ``memo-tei`` command run by a given interpreter (a venv's,
a checkout's with PYTHONPATH) without its installed script."""

from . import main

main()
