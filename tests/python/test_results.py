"""One result type per function: what compute, the index shortcuts, priorities, aggregate and rollup return."""

from __future__ import annotations

import inspect
import pickle
import typing

import pandas as pd
import pytest
from conftest import DATA, HDR25

import gendex


def test_compute_and_every_shortcut_return_one_index_result(hdr25, kalteng):
    """At 63e2b5c compute gave a tidy frame, compute_result a Dataset and report, gdi a wide frame, and
    return_report= turned either into a tuple."""
    for name in gendex.index_names():
        shortcut = getattr(gendex, name)
        hints = typing.get_type_hints(shortcut)
        assert hints["return"] is gendex.IndexResult, name
        assert "return_report" not in inspect.signature(shortcut).parameters
    assert typing.get_type_hints(gendex.compute)["return"] is gendex.IndexResult
    assert typing.get_type_hints(gendex.priorities)["return"] is gendex.Priorities
    assert typing.get_type_hints(gendex.aggregate)["return"] is gendex.AggregateResult
    assert typing.get_type_hints(gendex.rollup)["return"] is gendex.RollupResult
    by_name, shortcut = gendex.compute("ipg", kalteng), gendex.ipg(kalteng)
    assert isinstance(by_name, gendex.IndexResult) and isinstance(shortcut, gendex.IndexResult)
    assert by_name.values == shortcut.values and by_name.edition == shortcut.edition == "bps"
    # The tidy frame is the data contract: it reads back into the same Dataset.
    assert gendex.Dataset.from_frame(by_name.frame) == by_name.values
    assert list(by_name.frame.columns) == list(gendex.frames.CONTRACT_COLUMNS)


def test_no_public_function_returns_any():
    """mypy --strict on a notebook needs every public return type spelt out."""
    for name in gendex.__all__:
        thing = getattr(gendex, name)
        if inspect.isfunction(thing):
            # The return annotation alone (the parameters may name types imported only for checking).
            returns = thing.__annotations__.get("return")
            assert returns is not None and returns not in ("Any", typing.Any), name


def test_published_gdi_beside_the_recomputation_for_every_country_year(hdr25):
    result = gendex.gdi(hdr25)
    table = result.published()
    gdi = table[table.indicator == "gdi"]
    # Every GDI HDR 2025 prints is recomputed to the same three decimals.
    assert len(gdi) == 5243 and gdi.computed.notna().all()
    assert not gdi.differs.any() and not gdi.beyond_last_digit.any()
    assert (gdi.difference == 0).all()
    nor = gdi[(gdi.region == "NOR") & (gdi.period == 2023)].iloc[0]
    assert nor.published == 0.995 and round(nor.computed, 3) == 0.995
    # Names beside codes from the HDR file's own country names.
    named = result.with_regions(gendex.read_hdr_regions(HDR25))
    assert named.names()["IDN"] == "Indonesia"
    assert named.wide().loc[lambda w: w.region == "IDN", "region_name"].iloc[0] == "Indonesia"


def test_kapuas_ipg_differs_from_bps_in_the_last_printed_digit_only(kalteng):
    result = gendex.ipg(kalteng)
    table = result.published().set_index(["region", "period", "indicator", "sex"])
    k2021 = table.loc[("6203", 2021, "ipg", "total")]
    # BPS prints 95.32; the recomputation from the printed components rounds half up to 95.33.
    assert k2021.published == 95.32 and k2021.difference == pytest.approx(0.01)
    assert k2021.differs and not k2021.beyond_last_digit
    k2010 = table.loc[("6203", 2010, "ipg", "total")]
    assert k2010.difference == pytest.approx(-0.02) and k2010.beyond_last_digit
    # The installed BPS hierarchy names the codes without being asked.
    assert k2021.region_name == "Kapuas"  # BPS's "KAPUAS" as tables print it
    assert result.wide().loc[lambda w: w.region == "6203", "region_name"].iloc[0] == "Kapuas"
    ipg = table.xs("ipg", level="indicator")
    assert len(ipg) == 166 and int(ipg.beyond_last_digit.sum()) == 10


def test_the_two_rules_of_differs_by_hand():
    # 88.016 prints 88.02: the same as BPS's 88.02; 88.014 prints 88.01: one unit off; 88.004 prints 88.00.
    computed, published = [88.016, 88.014, 88.004, float("nan")], [88.02, 88.02, 88.02, 88.02]
    assert list(gendex.indices.differs_as_printed(computed, published, 2)) == [False, True, True, False]
    assert list(gendex.indices.beyond_last_digit(computed, published, 2)) == [False, False, True, False]


def test_results_show_themselves_in_a_notebook_and_pickle(kalteng):
    result = gendex.ipg(kalteng.filter(regions=["6203", "6271"], periods=[2020, 2021]))
    assert repr(result) == "IndexResult('ipg', edition 'bps': 4 of 4 region-periods computed)"
    page = result._repr_html_()
    assert "ipg (edition bps): 4 of 4 region-periods computed" in page and "<table" in page and "Kapuas" in page
    back = pickle.loads(pickle.dumps(result))
    assert back.values == result.values and back.report.summary == result.report.summary
    pd.testing.assert_frame_equal(back.published(), result.published())
    gains = gendex.priorities("ipg", kalteng.filter(regions="6203", periods=2021))
    assert repr(gains) == "Priorities('ipg', edition 'bps': 1 region-periods ranked)"
    assert "<table" in gains._repr_html_()


def test_rollup_and_aggregate_return_their_own_types(hdr25):
    hierarchy = gendex.read_hdr_regions(HDR25)
    countries = [r.code for r in hierarchy.regions if not r.code.startswith("ZZ")]
    aggregated = gendex.aggregate(hdr25, {"ZZK.WORLD": countries}, components=[("life_expectancy", "total", "")])
    assert isinstance(aggregated, gendex.AggregateResult) and aggregated.values.regions == ["ZZK.WORLD"]
    assert repr(aggregated).startswith("AggregateResult(1 aggregates")
    regions = gendex.RegionHierarchy.from_frame(
        pd.DataFrame({"code": ["P", "A", "B"], "name": ["P", "A", "B"], "parent": ["", "P", "P"]})
    )
    ds = gendex.Dataset.from_frame(
        pd.DataFrame(
            {
                "region": ["A", "B"],
                "period": [2020, 2020],
                "sex": ["total", "total"],
                "indicator": ["population", "population"],
                "value": [1.5, 2.5],
            }
        )
    )
    rolled = gendex.rollup(ds, regions, "population")
    assert isinstance(rolled, gendex.RollupResult)
    assert rolled.values.value("P", 2020, "total", "population") == 4.0  # 1.5 + 2.5, additive


ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]


def test_ranks_state_their_reference_population(hdr25):
    """At 63e2b5c gii_rank on an ASEAN subset said Indonesia is 8th, where UNDP says 108th, with nothing
    to tell the two apart."""
    full = gendex.gii(hdr25)
    asean = full.select(ASEAN).wide().query("period == 2023").set_index("region")
    # HDR 2025, Table 5: Indonesia's GII rank 108 among the 172 countries with a GII for 2023.
    assert asean.loc["IDN", "gii_rank"] == 108 and asean.loc["IDN", "gii_rank_of"] == 172
    assert len(asean) == 10 and (asean["gii_rank_of"] == 172).all()
    # Computed on the subset, the rank says it is among 10.
    subset = gendex.gii(hdr25.filter(regions=ASEAN)).wide().query("period == 2023").set_index("region")
    assert subset.loc["IDN", "gii_rank_of"] == 10
    # Ranks within a subset on demand, lowest GII first: Singapore 0.031 first, Indonesia 0.423 7th.
    within = full.ranks(within=ASEAN).query("period == 2023").set_index("region")
    assert within.loc["SGP", "rank"] == 1 and within.loc["IDN", "rank"] == 7 and (within["of"] == 10).all()
    # HDR 2025: Indonesia's HDI rank 113 of 193.
    hdi = gendex.hdi(hdr25).select("IDN").wide().set_index("period")
    assert hdi.loc[2023, "hdi_rank"] == 113 and hdi.loc[2023, "hdi_rank_of"] == 193


def test_kabupaten_ranked_within_their_province(kalteng):
    indonesia = gendex.read_indonesia_regions(DATA)
    ranks = gendex.ipg(kalteng).ranks(within=indonesia).query("period == 2021 and group == '62'")
    ranks = ranks.set_index("region")
    # As BPS ranks them: Kapuas 95.32 first, Murung Raya 83.55 last of 14.
    assert ranks.loc["6203", "rank"] == 1 and ranks.loc["6213", "rank"] == 14 and (ranks["of"] == 14).all()


def test_an_audit_shows_itself_in_a_notebook(kalteng):
    report = gendex.audit(kalteng)
    shown = repr(report)
    assert shown.startswith(f"AuditReport({len(report.rows)} region-period-indicators audited")
    assert "<table" in report._repr_html_() and "percent_disaggregated" in report._repr_html_()
