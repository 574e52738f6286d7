"""Every field of every bound C++ value type crosses the binding (issue 11): read through Python and through
pickle, compared field by field. The binding names every field of IndicatorInfo, IndexUncertainty, IndexSeries
and ReplicateSpec with a structured binding, so a field added in C++ does not compile until it crosses; the
Edition crosses through its reflection table (every constant with kind, value, source, unit and meaning)."""

from __future__ import annotations

import pickle

import gendex
from gendex import _core
from gendex._registry import IndicatorInfo


def test_every_indicator_info_field_crosses_python_and_pickle() -> None:
    registry = gendex.IndicatorRegistry.standard()
    registry.register("custom_share", "A share of a whole", "%", 0, 100, scope="by_sex", additive=True, whole=100)
    back = pickle.loads(pickle.dumps(registry))
    core_back = pickle.loads(pickle.dumps(registry._core))
    assert IndicatorInfo._fields == ("id", "description", "unit", "min", "max", "scope", "additive", "whole")
    for id in registry.ids():
        raw = registry._core.info(id)
        assert len(raw) == len(IndicatorInfo._fields), id
        assert core_back.info(id) == raw, id
        for field, value in zip(IndicatorInfo._fields, raw):
            assert getattr(registry[id], field) == value, (id, field)
            assert getattr(back[id], field) == value, (id, field)
    assert back["custom_share"] == IndicatorInfo("custom_share", "A share of a whole", "%", 0, 100, "by_sex", True, 100)
    assert back["parliament_share"].whole == 100


def test_every_edition_constant_crosses_python_and_pickle() -> None:
    editions = [_core.edition(id) for id in _core.edition_ids()]
    editions.append(_core.custom_edition(editions[-1], "bps+mine", [("ikg_parliament_floor", 1.0, "my choice")]))
    for core in editions:
        back = pickle.loads(pickle.dumps(core))
        wrapped = pickle.loads(pickle.dumps(gendex.Edition._wrap(core)))
        assert (back.id, back.title) == (core.id, core.title) == (wrapped.id, wrapped.title)
        constants = core.constants()
        assert len(constants) == len(back.constants()) > 40
        for mine, theirs in zip(constants, back.constants()):
            assert mine == theirs, core.id  # (name, kind, value, source, unit, meaning)
            name, _, value, source, _, _ = mine
            assert float(wrapped[name]) == value and wrapped.source(name) == source, (core.id, name)
    assert pickle.loads(pickle.dumps(editions[-1])).source("ikg_parliament_floor") == "my choice"
