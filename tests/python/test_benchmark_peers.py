"""The peers of `make bench` (benchmarks/compare.py) compute what gendex computes. The benchmark
itself is not part of `make test`; this keeps its formula check from going stale with the API."""

from __future__ import annotations

import importlib.util
import pathlib

import gendex

COMPARE = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "compare.py"


def test_the_numpy_peers_agree_with_gendex_on_every_hdr25_country_year():
    spec = importlib.util.spec_from_file_location("compare", COMPARE)
    assert spec is not None and spec.loader is not None
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    # HDI, GDI, HDI_f, HDI_m, GII, IHDI and the IHDI loss: the same formulas, so the same values up to
    # the order of floating-point operations.
    assert compare.check_same_formulas(dict(gendex.edition("hdr2025"))) < 1e-12
