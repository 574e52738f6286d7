"""Dataset: pandas round trips, archives, pickle, NumPy views, look-ups, filtering, display."""

from __future__ import annotations

import copy
import gc
import pickle

import numpy as np
import pandas as pd
import pytest

import gendex


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


# ------------------------------------------------------------- to/from frame


def test_to_frame_has_every_contract_column(small):
    df = small.to_frame()
    assert list(df.columns) == ["region", "period", "sex", "indicator", "value", "age_group", "se", "unit", "source"]
    assert df["period"].dtype == np.int64
    assert df["value"].dtype == np.float64 and df["se"].dtype == np.float64
    assert df["sex"].tolist() == ["female", "male", "total", "female", "male", "female"]
    assert df["region"].tolist() == ["IDN", "IDN", "IDN", "MYS", "MYS", "IDN"]
    assert df["age_group"].tolist() == ["", "", "", "", "", "15+"]
    assert df["unit"].tolist() == ["years", "years", "years", "", "", "%"]
    assert df["value"].tolist() == [73.5, 69.5, 71.5, 77.25, 72.0, 53.1]
    assert np.isnan(df["se"][1]) and df["se"][0] == 0.1


def test_to_frame_of_a_file_without_optional_columns_has_them_empty(hdr25):
    df = hdr25.filter(regions="NOR", periods=2023).to_frame()
    assert (df["age_group"] == "").all() and df["se"].isna().all() and (df["unit"].isin(["", "millions"])).all()
    full = hdr25.to_frame()
    assert len(df) == ((full["region"] == "NOR") & (full["period"] == 2023)).sum() > 20
    assert df.loc[df["indicator"] == "hdi"].set_index("sex")["value"]["total"] == 0.97


def test_frame_round_trip_is_bit_for_bit(small, hdr25):
    for ds in (small, hdr25, gendex.Dataset()):
        back = gendex.Dataset.from_frame(ds.to_frame())
        assert back == ds
        assert same_bits(back.values, ds.values) and same_bits(back.se, ds.se)


def test_from_frame_without_optional_columns():
    df = pd.DataFrame(
        {
            "region": ["A", "A"],
            "period": [2020, 2020],
            "sex": ["P", "L"],
            "indicator": ["mean_schooling"] * 2,
            "value": [8.25, 9],
        }
    )
    ds = gendex.Dataset.from_frame(df)
    assert len(ds) == 2
    assert ds.value("A", 2020, "female", "mean_schooling") == 8.25
    assert ds.value("A", 2020, "male", "mean_schooling") == 9.0
    assert not ds.has_se
    row = ds.row(-1)
    assert row == gendex.Observation("A", 2020, "male", "mean_schooling", 9.0, "", row.se, "", "")
    assert np.isnan(row.se)


def test_from_frame_accepts_missing_optional_cells_and_other_dtypes():
    df = pd.DataFrame(
        {
            "region": pd.Categorical(["A", "B"]),
            "period": pd.array([2020, 2021], dtype="Int64"),
            "sex": ["t", "TOTAL"],
            "indicator": ["population", "population"],
            "value": pd.array([10, 20], dtype="Int32"),
            "se": [None, 1.5],
            "unit": [None, "persons"],
        }
    )
    ds = gendex.Dataset.from_frame(df)
    assert ds.to_frame()["unit"].tolist() == ["", "persons"]
    assert ds.value("B", 2021, "total", "population") == 20.0
    assert np.isnan(ds.se[0]) and ds.se[1] == 1.5
    # Integral float periods (a column with NaN elsewhere turns float) are years.
    assert gendex.Dataset.from_frame(df.assign(period=[2020.0, 2021.0])) == ds


def test_from_frame_with_a_registry():
    registry = gendex.IndicatorRegistry()
    registry.register("x", "an x", "", 0, 1)
    df = pd.DataFrame({"region": ["A"], "period": [2020], "sex": ["T"], "indicator": ["x"], "value": [0.5]})
    assert len(gendex.Dataset.from_frame(df, registry=registry)) == 1
    with pytest.raises(gendex.UnknownKeyError):
        gendex.Dataset.from_frame(df)


# ---------------------------------------------------------- archives, pickle


@pytest.mark.parametrize("fmt", ["binary", "text"])
def test_save_load_is_bit_for_bit(small, hdr25, tmp_path, fmt):
    for name, ds in (("small", small), ("hdr25", hdr25)):
        path = tmp_path / f"{name}.{fmt}"
        ds.save(path, format=fmt)
        for back in (gendex.load(path), gendex.Dataset.load(str(path))):
            assert back == ds
            assert same_bits(back.values, ds.values) and same_bits(back.se, ds.se)
    if fmt == "text":
        assert (tmp_path / "small.text").read_bytes().startswith(b"GENDEX")


def test_pickle_is_the_binary_archive(small, hdr25):
    for ds in (small, hdr25, gendex.Dataset()):
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(ds, protocol=protocol))
            assert back == ds and same_bits(back.se, ds.se)
    assert small.__getstate__() == small.to_archive("binary")
    assert copy.deepcopy(small) == small


def test_archive_bytes_round_trip(small):
    assert gendex.Dataset.from_archive(small.to_archive("text")) == small
    assert gendex.Dataset.from_archive(bytearray(small.to_archive())) == small


def test_equality_compares_values_bit_for_bit(small):
    df = small.to_frame()
    assert gendex.Dataset.from_frame(df) == small
    changed = df.copy()
    changed.loc[0, "value"] = np.nextafter(73.5, 100)
    assert gendex.Dataset.from_frame(changed) != small
    assert gendex.Dataset.from_frame(df.iloc[::-1]) != small  # same rows, other order
    assert (small == "not a dataset") is False
    with pytest.raises(TypeError):
        hash(small)


# -------------------------------------------------------------- NumPy views


def test_views_share_memory_and_are_read_only(small):
    values, se, periods = small.values, small.se, small.periods
    assert values.dtype == np.float64 and se.dtype == np.float64 and periods.dtype == np.int32
    assert np.shares_memory(values, small.values)  # two views of the same C++ column
    assert np.shares_memory(periods, small.periods)
    assert isinstance(values.base, gendex._core.Dataset)
    assert values.base is small._core
    for view in (values, se, periods):
        assert not view.flags.writeable and not view.flags.owndata
        with pytest.raises(ValueError):
            view[0] = 1
    assert periods.tolist() == [2020, 2020, 2020, 2020, 2021, 2021]


def test_a_view_keeps_the_dataset_alive(small):
    ds = gendex.Dataset.from_frame(small.to_frame())
    values = ds.values
    del ds
    gc.collect()
    _ = [np.ones(1000) for _ in range(100)]  # reuse freed memory, if it were freed
    assert values.tolist() == [73.5, 69.5, 71.5, 77.25, 72.0, 53.1]


def test_views_of_a_large_dataset_do_not_copy(hdr25):
    a, b = hdr25.values, hdr25.values
    assert a.ctypes.data == b.ctypes.data
    assert len(a) == len(hdr25)


# ------------------------------------------------------------------ look-ups


def test_value_and_find(small):
    assert small.value("IDN", 2020, "female", "life_expectancy") == 73.5
    assert small.value("IDN", 2021, "P", "labour_force_participation", age_group="15+") == 53.1
    assert small.find("MYS", 2021, "male", "life_expectancy") == 4
    assert small.find("MYS", 2021, "female", "life_expectancy") is None
    with pytest.raises(gendex.UnknownKeyError) as e:
        small.value("IDN", 2021, "female", "labour_force_participation")
    assert str(e.value) == (
        "no observation for region 'IDN', period 2021, sex female, indicator 'labour_force_participation'"
    )
    with pytest.raises(gendex.InputError, match="unknown sex code 'X'"):
        small.value("IDN", 2020, "X", "life_expectancy")


def test_regions_indicators_len_row(small):
    assert len(small) == 6
    assert small.regions == ["IDN", "MYS"]
    assert small.indicators == ["life_expectancy", "labour_force_participation"]
    assert small.has_se
    row = small.row(3)
    assert row._replace(se=None) == ("MYS", 2020, "female", "life_expectancy", 77.25, "", None, "", "DOSM")
    assert np.isnan(row.se) and isinstance(row, gendex.Observation)
    with pytest.raises(IndexError):
        small.row(6)


def test_filter(small):
    assert len(small.filter(regions="MYS")) == 2
    assert len(small.filter(sexes=["F", "male"])) == 5
    assert len(small.filter(periods=[2021], regions=["IDN", "MYS"])) == 2
    assert small.filter(age_groups="15+").to_frame()["value"].tolist() == [53.1]
    assert len(small.filter(age_groups="")) == 5
    assert len(small.filter(indicators="hdi")) == 0
    assert len(small.filter(regions=[])) == 0  # an explicitly empty selection keeps nothing
    assert small.filter() == small
    assert small.filter(regions="MYS").regions == ["MYS"]  # dictionaries hold only what is used
    with pytest.raises(gendex.InputError, match="unknown sex code 'x'"):
        small.filter(sexes="x")


def test_concat(small):
    a, b = small.filter(regions="IDN"), small.filter(regions="MYS")
    both = a.concat(b)
    assert len(both) == 6 and set(both.regions) == {"IDN", "MYS"}
    with pytest.raises(gendex.InputError, match="duplicate key"):
        both.concat(b)


def test_repr_and_html(small):
    assert repr(small) == "<gendex.Dataset: 6 rows, 2 regions, 2 periods (2020-2021), 2 indicators>"
    assert repr(gendex.Dataset()) == "<gendex.Dataset: 0 rows, 0 regions, 0 periods (none), 0 indicators>"
    page = small._repr_html_()
    assert page.startswith("<div><b>gendex.Dataset</b>: 6 rows") and "<th>age_group</th>" in page
    assert page.count("<tr>") == 7  # header + 6 rows
    big = gendex.Dataset.from_frame(
        pd.DataFrame(
            {"region": [f"R{i}" for i in range(20)], "period": 2020, "sex": "T", "indicator": "hdi", "value": 0.5}
        )
    )
    assert big._repr_html_().count("&hellip;") == 1


def test_to_csv_text(small, tmp_path):
    text = small.to_csv_text()
    assert text.splitlines()[0] == "region,period,sex,indicator,value,age_group,se,unit,source"
    assert text.splitlines()[1] == "IDN,2020,female,life_expectancy,73.5,,0.1,years,BPS"
    small.to_csv(tmp_path / "s.csv")
    assert gendex.read_csv(tmp_path / "s.csv") == small


@pytest.mark.parametrize("dtype", [object, "category", "string"])
def test_sex_labels_as_people_write_them(dtype):
    """Issue 11: the common spellings normalise to the contract's female/male/total, in any text dtype."""
    spellings = {
        "female": ["F", "Perempuan", "Wanita", "women", " P "],
        "male": ["M", "Laki-laki", "laki laki", "Pria", "L"],
        "total": ["_T", "Jumlah", "L+P", "T", "Total"],
    }
    rows = [(sex, written) for sex, all_written in spellings.items() for written in all_written]
    frame = pd.DataFrame(
        {
            "region": [f"r{k}" for k in range(len(rows))],
            "period": 2021,
            "sex": pd.Series([written for _, written in rows], dtype=dtype),
            "indicator": "labour_force_participation",
            "value": 50.0,
        }
    )
    got = gendex.Dataset.from_frame(frame).to_frame()
    assert got["sex"].tolist() == [sex for sex, _ in rows]
