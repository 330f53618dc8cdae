"""Tables of cases shared by the CPython tests and the in-browser (Pyodide) tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def scoring_cases() -> list[dict[str, Any]]:
    """Scoring cases: a question, a response, and what the result must contain."""
    return json.loads((HERE / "scoring.json").read_text(encoding="utf-8"))
