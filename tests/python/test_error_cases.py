"""Every error of the registry (error_cases.py) happens, with exactly its message; docs/errors.md is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from error_cases import CASES, GROUPS, ErrorCase, expected, run_case

REPO = Path(__file__).resolve().parents[2]


def test_the_registry_covers_at_least_40_distinct_errors() -> None:
    assert len({(c.group, c.message) for c in CASES}) == len(CASES) >= 40
    assert {c.group for c in CASES} == set(GROUPS)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.group}-{c.title}" for c in CASES])
def test_error_case(case: ErrorCase, tmp_path: Path) -> None:
    assert run_case(case, tmp_path) == expected(case)


def test_docs_errors_md_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "errors.md"
    subprocess.run([sys.executable, str(REPO / "tools" / "errors_page.py"), "--output", str(out)], check=True)
    assert out.read_text() == (REPO / "docs" / "errors.md").read_text(), (
        "docs/errors.md is out of date: run .venv/bin/python tools/errors_page.py"
    )
