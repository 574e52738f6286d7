"""Archives written by version 1 (tests/fixtures, shared with the C++ suite) stay readable from Python."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

import gendex

FIXTURES = REPO / "tests" / "fixtures"


def fixture_dataset() -> gendex.Dataset:
    """The Dataset of tests/fixtures/dataset_v1.* (built the same way in tests/cpp/test_serialization.cpp)."""
    return gendex.Dataset.from_frame(
        pd.DataFrame(
            {
                "region": ["IDN", "IDN", "C\u00f4te d'Ivoire", "Kapuas"],
                "period": [2020, 2020, 2021, 2021],
                "sex": ["female", "male", "total", "female"],
                "indicator": ["life_expectancy", "life_expectancy", "hdi", "labour_force_participation"],
                "value": [73.46, 69.59, 0.1 + 0.2, 51.73],
                "age_group": ["", "", "", "15+"],
                "se": [0.125, np.nan, np.nan, 1.5],
                "unit": ["years", "", "", ""],
                "source": ["BPS", "", 'HDR "25", table 1', ""],
            }
        )
    )


@pytest.mark.parametrize("name", ["dataset_v1.bin", "dataset_v1.txt"])
def test_reads_the_version_1_dataset_fixtures(name):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    ds = gendex.load(path)
    assert ds == fixture_dataset()
    assert ds.value("IDN", 2020, "female", "life_expectancy") == 73.46
    assert ds.to_frame()["source"].tolist()[2] == 'HDR "25", table 1'
    assert pickle.loads(pickle.dumps(ds)) == ds


def test_reads_the_version_1_hierarchy_fixture():
    path = FIXTURES / "hierarchy_v1.bin"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    expected = gendex.RegionHierarchy(
        [
            ("62", "KALIMANTAN TENGAH", "", "provinsi"),
            ("6203", "KAPUAS", "62", "kabkota"),
            ("6271", "KOTA PALANGKA RAYA", "62", "kabkota"),
        ]
    )
    expected.add_alias("KODYA PALANGKA RAYA", "6271")
    h = gendex.RegionHierarchy.load(path)
    assert h == expected
    assert h.by_name("Kodya Palangka Raya").code == "6271"


def test_every_truncation_of_a_pickle_state_is_an_archive_error():
    data = fixture_dataset().to_archive()
    for cut in range(len(data)):
        with pytest.raises(gendex.ArchiveError):
            gendex.Dataset.from_archive(data[:cut])


def test_archives_are_checked_like_csv_and_carry_a_checksum(tmp_path):
    """Review M2/M3: archives load through the registry's checks; a flipped bit is an ArchiveError."""
    registry = gendex.IndicatorRegistry.standard()
    registry.register("district_budget_share", "budget share of gender programmes", "percent", 0, 100)
    frame = pd.DataFrame(
        {
            "region": ["6203"],
            "period": [2021],
            "sex": ["female"],
            "indicator": ["district_budget_share"],
            "value": [12.5],
        }
    )
    custom = gendex.Dataset.from_frame(frame, registry=registry)
    path = tmp_path / "custom.gdx"
    custom.save(path)
    with pytest.raises(gendex.ArchiveError, match=r"custom.gdx: .*unknown indicator 'district_budget_share'"):
        gendex.load(path)
    assert gendex.load(path, registry=registry) == custom
    data = bytearray(fixture_dataset().to_archive("text"))
    data[-2] ^= 0x01  # one bit of the last value
    with pytest.raises(gendex.ArchiveError, match="flipped: corrupted archive \\(checksum mismatch\\)"):
        gendex.Dataset.from_archive(bytes(data), "flipped")
