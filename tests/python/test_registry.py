"""IndicatorRegistry: the standard ids, registering your own, copies and pickle."""

from __future__ import annotations

import math
import pickle

import pandas as pd
import pytest

import gendex
from gendex import IndicatorInfo


def test_standard_registry():
    r = gendex.IndicatorRegistry.standard()
    assert "life_expectancy" in r and "nope" not in r and 3 not in r
    assert r["maternal_mortality"] == IndicatorInfo(
        "maternal_mortality",
        "Maternal deaths per 100,000 live births",
        "per 100,000 live births",
        0.0,
        100000.0,
        "female_only",
        False,
    )
    assert r["population"].additive and r["parliament_share"].scope == "by_sex"
    assert r["gni_per_capita"].max == math.inf
    assert r.ids() == sorted(r.ids()) and len(r) == len(r.ids()) == len(list(r))
    for contract_id in (
        "life_expectancy",
        "expected_schooling",
        "mean_schooling",
        "gni_per_capita",
        "maternal_mortality",
        "adolescent_birth_rate",
        "parliament_share",
        "secondary_education",
        "labour_force_participation",
        "wage_ratio",
        "population",
        "hdi",
        "gdi",
        "gii",
        "ipg",
    ):
        assert contract_id in r
    assert r.get("nope") is None
    assert repr(r) == f"<gendex.IndicatorRegistry: {len(r)} indicators>"


def test_register_own_ids_in_a_copy():
    standard = gendex.IndicatorRegistry.standard()
    mine = standard.copy()
    mine.register("village_heads_share", "Share of village heads", "%", 0, 100, scope="by_sex")
    assert "village_heads_share" in mine and "village_heads_share" not in standard
    assert "village_heads_share" not in gendex.IndicatorRegistry.standard()
    mine.register("village_heads_share", "Village heads", "%", 0, 50, replace=True)
    assert mine["village_heads_share"] == IndicatorInfo(
        "village_heads_share", "Village heads", "%", 0, 50, "any", False
    )
    empty = gendex.IndicatorRegistry()
    assert len(empty) == 0 and empty.ids() == []


def test_registry_pickle_and_equality():
    r = gendex.IndicatorRegistry.standard()
    r.register("x", "x", "u", -1, 1, scope="total_only", additive=True)
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back["x"] == r["x"]
    assert back != gendex.IndicatorRegistry.standard()
    with pytest.raises(TypeError):
        gendex.read_csv("whatever.csv", registry="standard")


def test_every_field_crosses_the_binding_and_pickle():
    """IndicatorInfo.whole was dropped by the binding, so a pickled registry audited a women-only
    parliament share as female_only instead of complement (issue 11)."""
    standard = gendex.IndicatorRegistry.standard()
    assert IndicatorInfo._fields == ("id", "description", "unit", "min", "max", "scope", "additive", "whole")
    assert standard["parliament_share"].whole == 100.0  # women's and men's seats: one whole
    assert standard["life_expectancy"].whole == 0.0
    back = pickle.loads(pickle.dumps(standard))
    for id in standard.ids():
        assert back[id] == standard[id]  # every field, whole included
    own = standard.copy()
    own.register("village_heads_share", "Village heads by sex", "%", 0, 100, scope="by_sex", whole=100)
    assert pickle.loads(pickle.dumps(own))["village_heads_share"].whole == 100.0
    ds = gendex.Dataset.from_frame(
        pd.DataFrame(
            {
                "region": ["6203"],
                "period": [2021],
                "sex": ["female"],
                "indicator": ["parliament_share"],
                "value": [20.0],
            }
        )
    )
    statuses = gendex.audit(ds, ["parliament_share"], registry=back).rows["coverage"].tolist()
    assert statuses == gendex.audit(ds, ["parliament_share"], registry=standard).rows["coverage"].tolist()
    assert statuses == ["complement"]
