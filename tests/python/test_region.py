"""RegionHierarchy: construction from frames and records, look-ups, aliases, archives, pickle."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from conftest import HDR25

import gendex
from gendex import Region


@pytest.fixture
def indonesia() -> gendex.RegionHierarchy:
    return gendex.RegionHierarchy(
        [
            {"code": "ID", "name": "Indonesia", "level": "country"},
            {"code": "ID-21", "name": "Kepulauan Riau", "parent": "ID", "level": "provinsi"},
            {"code": "ID-11", "name": "Aceh", "parent": "ID", "level": "provinsi"},
            Region("ID-2171", "Kota Batam", "ID-21", "kabkota"),
        ]
    )


def test_lookups(indonesia):
    h = indonesia
    assert len(h) == 4 and "ID-21" in h and "XX" not in h and 21 not in h
    assert h.by_code("ID-21") == Region("ID-21", "Kepulauan Riau", "ID", "provinsi")
    assert h.by_name("kepulauan riau").code == "ID-21"
    assert h.by_name("KOTA-BATAM").code == "ID-2171"  # case, spaces and punctuation ignored
    assert h.resolve("Aceh").code == "ID-11" and h.resolve("ID-11").name == "Aceh"
    assert h.children("ID") == ["ID-21", "ID-11"]
    assert h.children("ID-2171") == []
    assert h.parent("ID-2171") == "ID-21" and h.parent("ID") is None
    assert [h.depth(c) for c in ("ID", "ID-11", "ID-2171")] == [0, 1, 2]
    with pytest.raises(gendex.UnknownKeyError) as e:
        h.by_code("XX")
    assert str(e.value) == "unknown region code 'XX'"
    with pytest.raises(KeyError):
        h.by_name("Atlantis")


def test_aliases(indonesia):
    h = indonesia
    h.add_alias("KEP. RIAU", "ID-21")
    assert h.by_name("Kep Riau").code == "ID-21"
    assert h.aliases == [("KEP. RIAU", "ID-21")]
    with pytest.raises(gendex.UnknownKeyError):
        h.add_alias("x", "nope")
    h.add_alias("Aceh", "ID-2171")  # a name shared by two regions is ambiguous
    with pytest.raises(gendex.UnknownKeyError, match="ambiguous"):
        h.by_name("aceh")


def test_frame_round_trip(indonesia):
    df = indonesia.to_frame()
    assert list(df.columns) == ["code", "name", "parent", "level"]
    assert df["parent"].tolist() == ["", "ID", "ID", "ID-21"]
    assert gendex.RegionHierarchy.from_frame(df) == indonesia
    with_nan = df.assign(parent=[None, "ID", "ID", "ID-21"])
    assert gendex.RegionHierarchy(with_nan) == indonesia
    assert gendex.RegionHierarchy(df[["code"]]).regions[0] == Region("ID", "", "", "")


def test_bad_region_tables():
    with pytest.raises(gendex.InputError, match="missing required column 'code'"):
        gendex.RegionHierarchy(pd.DataFrame({"name": ["A"]}))
    with pytest.raises(gendex.InputError, match="unknown column 'kode'"):
        gendex.RegionHierarchy(pd.DataFrame({"kode": ["A"]}))
    with pytest.raises(gendex.InputError) as e:
        gendex.RegionHierarchy([{"code": 11}])
    assert str(e.value) == "region #1: code must be text, got int 11"
    with pytest.raises(gendex.InputError, match="region #1 has an empty code"):
        gendex.RegionHierarchy([{"code": ""}])
    with pytest.raises(TypeError):
        gendex.RegionHierarchy(["ID"])


@pytest.mark.parametrize("fmt", ["binary", "text"])
def test_archives_and_pickle(indonesia, tmp_path, fmt):
    indonesia.add_alias("Batam", "ID-2171")
    path = tmp_path / f"h.{fmt}"
    indonesia.save(path, format=fmt)
    back = gendex.RegionHierarchy.load(path)
    assert back == indonesia and back.aliases == [("Batam", "ID-2171")]
    assert gendex.RegionHierarchy.from_archive(indonesia.to_archive(fmt)) == indonesia
    pickled = pickle.loads(pickle.dumps(indonesia))
    assert pickled == indonesia and pickled.by_name("batam").code == "ID-2171"
    assert indonesia != gendex.RegionHierarchy(indonesia.to_frame())  # aliases differ
    with pytest.raises(gendex.ArchiveError):
        gendex.RegionHierarchy.from_archive(indonesia.to_archive()[:-5])


def test_hdr_regions_repr_and_round_trip():
    h = gendex.read_hdr_regions(HDR25)
    assert repr(h) == "<gendex.RegionHierarchy: 206 regions (195 country, 11 aggregate)>"
    assert pickle.loads(pickle.dumps(h)) == h
    assert len(h.children("ZZJ.SSA")) == sum(1 for r in h.regions if r.parent == "ZZJ.SSA") > 40
