"""``python -m contractlint`` runs the command line."""

from __future__ import annotations

import sys

from contractlint.cli import main

sys.exit(main())
