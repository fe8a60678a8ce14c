"""Imported once by the forkserver (see ``local._context``): build the default spaCy pipeline there, so
every worker forked from it starts with the pipeline already built instead of spending a second or more
on it, which matters most when a hung worker is replaced mid-scan."""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):  # a worker then builds it itself, and reports any error as a row
    from contractlint.lint import _pipeline

    _pipeline(())
