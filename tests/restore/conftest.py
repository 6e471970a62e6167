"""The restore tests reuse the differential suite's statistics (``stats``)."""

from __future__ import annotations

import sys
from pathlib import Path

DIFFERENTIAL = Path(__file__).resolve().parent.parent / "differential"
if str(DIFFERENTIAL) not in sys.path:
    sys.path.insert(0, str(DIFFERENTIAL))
HERE = str(Path(__file__).resolve().parent)  # restore_programs
if HERE not in sys.path:
    sys.path.insert(0, HERE)
