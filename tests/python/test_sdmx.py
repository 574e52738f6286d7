"""SDMX-CSV (issue 14, part 2): reading 1.0 and 2.x, writing 1.0, the series mapping, and round trips through
pysdmx, a maintained SDMX library."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import gendex
from gendex.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sdmx"
DATAFLOW = "UNSD:DF_SDG_GLH(1.0)"

pysdmx_io = pytest.importorskip("pysdmx.io")


def frame(ds: gendex.Dataset) -> pd.DataFrame:
    return ds.to_frame()[["region", "period", "sex", "indicator", "value", "age_group", "unit", "source"]]


def test_reads_sdmx_csv_1_0_with_codes_units_status_and_missing_values() -> None:
    df = frame(gendex.read_sdmx_csv(FIXTURES / "sdg5_v1.csv"))
    # 8 data rows, 2 intended missing (NaN, #N/A): 6 observations.
    assert len(df) == 6
    first = df.iloc[0]
    assert tuple(first[["region", "period", "sex", "indicator", "value", "unit"]]) == (
        "IDN",
        2022,
        "female",
        "parliament_share",
        21.56,
        "PT",
    )
    assert first["age_group"] == ""  # AGE _T: all ages
    assert first["source"] == DATAFLOW  # no OBS_STATUS
    managers = df[df.indicator == "managers_share"].iloc[0]
    assert managers["value"] == 33.1 and managers["source"] == f"{DATAFLOW}; OBS_STATUS=E"
    abr = df[df.indicator == "adolescent_birth_rate"].iloc[0]
    assert abr["age_group"] == "Y15T19" and abr["unit"] == "PER_1000_WOMEN"


def test_reads_sdmx_csv_2_0_labelled_headers() -> None:
    df = frame(gendex.read_sdmx_csv(FIXTURES / "sdg5_v2.csv"))
    assert df["indicator"].tolist() == ["parliament_share", "intimate_partner_violence"]  # LOCG is missing
    assert df["value"].tolist() == [21.91, 9.0]
    assert df["source"].tolist() == [f"{DATAFLOW}; OBS_STATUS=A", f"{DATAFLOW}; OBS_STATUS=E"]


def test_bundled_mapping_names_registered_indicators_with_sources() -> None:
    mapping = gendex.sdmx_mapping()
    registry = set(gendex.IndicatorRegistry.standard().ids())
    assert {m.series for m in mapping} >= {"SG_GEN_PARL", "SG_GEN_LOCG", "IC_GEN_MGTL", "VC_VAW_MARR"}
    for m in mapping:
        assert m.indicator in registry, m
    raw = pd.read_csv(gendex._sdmx.BUNDLED_SDMX_MAPPING)
    assert raw["source"].str.contains("unstats.un.org").all()


def write_and_read(ds: gendex.Dataset, tmp_path: Path, **kw: object) -> tuple[str, gendex.Dataset]:
    path = tmp_path / "out.csv"
    ds.to_sdmx_csv(path, dataflow=DATAFLOW, **kw)  # type: ignore[arg-type]
    return path.read_text(), gendex.read_sdmx_csv(path, **kw)  # type: ignore[arg-type]


def test_gendex_round_trip_keeps_values_codes_units_and_status(tmp_path: Path) -> None:
    ds = gendex.read_sdmx_csv(FIXTURES / "sdg5_v1.csv")
    text, back = write_and_read(ds, tmp_path)
    assert text.splitlines()[0] == "DATAFLOW,SERIES,REF_AREA,SEX,AGE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS"
    assert text.splitlines()[1] == f"{DATAFLOW},SG_GEN_PARL,IDN,F,_T,2022,21.56,PT,"
    pd.testing.assert_frame_equal(frame(back), frame(ds))


def pysdmx_frame(path: Path) -> pd.DataFrame:
    message = pysdmx_io.read_sdmx(str(path))
    (dataset,) = message.data
    return dataset.data


def test_pysdmx_reads_what_gendex_writes(tmp_path: Path) -> None:
    ds = gendex.read_sdmx_csv(FIXTURES / "sdg5_v1.csv")
    path = tmp_path / "gendex.csv"
    ds.to_sdmx_csv(path, dataflow=DATAFLOW)
    theirs = pysdmx_frame(path)
    ours = frame(ds)
    assert len(theirs) == len(ours) == 6
    assert theirs["SERIES"].tolist() == [
        "SG_GEN_PARL",
        "SG_GEN_PARL",
        "SG_GEN_PARL",
        "IC_GEN_MGTL",
        "SP_DYN_ADKL",
        "SH_STA_MORT",
    ]
    assert theirs["REF_AREA"].tolist() == ours["region"].tolist()
    assert theirs["SEX"].tolist() == ["F"] * 6
    assert theirs["AGE"].tolist() == ["_T", "_T", "_T", "_T", "Y15T19", "_T"]
    assert theirs["TIME_PERIOD"].astype(int).tolist() == ours["period"].tolist()
    assert theirs["OBS_VALUE"].astype(float).tolist() == ours["value"].tolist()
    assert theirs["UNIT_MEASURE"].tolist() == ours["unit"].tolist()
    assert theirs["OBS_STATUS"].fillna("").tolist() == ["", "", "", "E", "E", "E"]


def pysdmx_schema(columns: list[tuple[str, str]]) -> object:
    from pysdmx.model import Concept
    from pysdmx.model.dataflow import Component, Components, Role, Schema

    roles = {"D": Role.DIMENSION, "M": Role.MEASURE, "A": Role.ATTRIBUTE}
    components = [
        Component(
            id=c,
            required=kind != "A",
            role=roles[kind],
            concept=Concept(id=c),
            attachment_level="O" if kind == "A" else None,
        )
        for c, kind in columns
    ]
    return Schema(context="dataflow", agency="UNSD", id="DF_SDG_GLH", version="1.0", components=Components(components))


@pytest.mark.parametrize("version", ["DATA_SDMX_CSV_1_0_0", "DATA_SDMX_CSV_2_0_0", "DATA_SDMX_CSV_2_1_0"])
def test_gendex_reads_what_pysdmx_writes(tmp_path: Path, version: str) -> None:
    from pysdmx.io.format import Format
    from pysdmx.io.pd import PandasDataset

    data = pd.DataFrame(
        {
            "SERIES": ["SG_GEN_PARL", "SG_GEN_PARL", "SL_TLF_NEET", "SL_TLF_NEET", "SL_TLF_NEET"],
            "REF_AREA": ["IDN", "PHL", "IDN", "IDN", "IDN"],
            "SEX": ["F", "F", "F", "M", "_T"],
            "TIME_PERIOD": ["2023", "2023", "2022", "2022", "2022"],
            "OBS_VALUE": ["21.91", "28.05", "26.3", "18.1", "22.2"],
            "OBS_STATUS": ["A", "E", "", "", "E"],
        }
    )
    schema = pysdmx_schema(
        [
            ("SERIES", "D"),
            ("REF_AREA", "D"),
            ("SEX", "D"),
            ("TIME_PERIOD", "D"),
            ("OBS_VALUE", "M"),
            ("OBS_STATUS", "A"),
        ]
    )
    path = tmp_path / f"{version}.csv"
    pysdmx_io.write_sdmx([PandasDataset(structure=schema, data=data)], getattr(Format, version), str(path))
    mapping = [*gendex.sdmx_mapping(), gendex.SdmxSeries("SL_TLF_NEET", "neet_rate")]
    df = frame(gendex.read_sdmx_csv(path, mapping))
    assert df["indicator"].tolist() == ["parliament_share"] * 2 + ["neet_rate"] * 3
    assert df["sex"].tolist() == ["female", "female", "female", "male", "total"]
    assert df["value"].tolist() == [21.91, 28.05, 26.3, 18.1, 22.2]
    assert df["period"].tolist() == [2023, 2023, 2022, 2022, 2022]
    assert df["source"].tolist() == [
        f"{DATAFLOW}; OBS_STATUS=A",
        f"{DATAFLOW}; OBS_STATUS=E",
        DATAFLOW,
        DATAFLOW,
        f"{DATAFLOW}; OBS_STATUS=E",
    ]
    # ... and back: what gendex writes of it pysdmx reads with the same codes.
    out = tmp_path / "again.csv"
    gendex.read_sdmx_csv(path, mapping).to_sdmx_csv(out, DATAFLOW, mapping)
    theirs = pysdmx_frame(out)
    assert theirs["SEX"].tolist() == data["SEX"].tolist()
    assert theirs["SERIES"].tolist() == data["SERIES"].tolist()
    assert theirs["OBS_VALUE"].tolist() == data["OBS_VALUE"].tolist()


BAD = [
    # (what, line 2 of a 1.0 file with header DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE, message)
    (
        "unknown series",
        "X,SG_XX,IDN,F,2020,1",
        "line 2, column 'SERIES': series 'SG_XX' is not in the series mapping; add a row for it",
    ),
    (
        "unknown sex",
        "X,SL_TLF_NEET,IDN,W,2020,1",
        "line 2, column 'SEX': SEX 'W' is not a CL_SEX code (F, M, _T, _N, _O, _U, _Z)",
    ),
    (
        "sex unknown",
        "X,SL_TLF_NEET,IDN,_U,2020,1",
        (
            "line 2, column 'SEX': SEX '_U' (unknown) names no sex gendex keeps (F, M or _T); remove these rows "
            "or give the series a sex in the mapping"
        ),
    ),
    (
        "men in a women's series",
        "X,SG_GEN_PARL,IDN,M,2020,1",
        "line 2, column 'SEX': SEX 'M' for series 'SG_GEN_PARL', which the mapping gives the sex female",
    ),
    (
        "quarter",
        "X,SG_GEN_PARL,IDN,F,2020-Q1,1",
        "line 2, column 'TIME_PERIOD': TIME_PERIOD '2020-Q1' is not a year (gendex keeps annual data)",
    ),
    ("text value", "X,SG_GEN_PARL,IDN,F,2020,n/a", "line 2, column 'OBS_VALUE': non-numeric OBS_VALUE 'n/a'"),
]


@pytest.mark.parametrize(("what", "row", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_codes_name_the_row_and_column(tmp_path: Path, what: str, row: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n{row}\n")
    mapping = [*gendex.sdmx_mapping(), gendex.SdmxSeries("SL_TLF_NEET", "neet_rate")]
    with pytest.raises(gendex.InputError) as e:
        gendex.read_sdmx_csv(path, mapping)
    assert str(e.value) == f"{path}: {message}"


def test_a_status_that_is_not_a_code_is_refused(tmp_path: Path) -> None:
    """Found by fuzz_sdmx_csv: OBS_STATUS ';E' was kept in the source text, and the writer, cutting the
    status at the source's ';' separator, wrote an empty status, so the written file did not round-trip."""
    path = tmp_path / "status.csv"
    path.write_text("DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nX,SG_GEN_PARL,IDN,F,2020,1,;E\n")
    with pytest.raises(gendex.InputError) as e:
        gendex.read_sdmx_csv(path)
    assert (
        str(e.value)
        == f"{path}: line 2, column 'OBS_STATUS': OBS_STATUS ';E' is not an SDMX code (letters, digits, _ @ $ -)"
    )
    path.write_text("DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nX,SG_GEN_PARL,IDN,F,2020,1,E\n")
    assert "OBS_STATUS=E" in gendex.read_sdmx_csv(path).to_frame()["source"].iloc[0]


def test_a_dataflow_holding_the_status_tag_is_no_status(tmp_path: Path) -> None:
    """Found by fuzz_sdmx_csv: a DATAFLOW text containing 'OBS_STATUS=' was taken for a status when the
    row was written, and the written file did not read back. Only "; OBS_STATUS=<code>" at the end of the
    source (or the whole source) is a status."""
    path = tmp_path / "flow.csv"
    path.write_text(
        "DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n"
        "UOBS_STATUS=_GLH(1.0),SG_GEN_PARL,IDN,F,2020,1,\n"
        "X,SG_GEN_PARL,IDN,F,2021,2,E\n"
    )
    text, back = write_and_read(gendex.read_sdmx_csv(path), tmp_path)
    assert text.splitlines()[1:] == [f"{DATAFLOW},SG_GEN_PARL,IDN,F,2020,1,", f"{DATAFLOW},SG_GEN_PARL,IDN,F,2021,2,E"]
    again, _ = write_and_read(back, tmp_path)
    assert again == text


def test_not_sdmx_and_delete_actions_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tidy.csv"
    path.write_text("region,period,sex,indicator,value\nIDN,2020,female,parliament_share,20\n")
    with pytest.raises(gendex.InputError, match=r"line 1, column 'region': not SDMX-CSV"):
        gendex.read_sdmx_csv(path)
    path.write_text(
        "STRUCTURE,STRUCTURE_ID,ACTION,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n"
        "dataflow,X,D,SG_GEN_PARL,IDN,F,2020,\n"
    )
    with pytest.raises(gendex.InputError, match=r"line 2, column 'ACTION': ACTION 'D' deletes observations"):
        gendex.read_sdmx_csv(path)


def test_writing_needs_a_series_for_every_indicator_and_refuses_standard_errors(tmp_path: Path) -> None:
    ds = gendex.Dataset.from_frame(
        pd.DataFrame(
            {"region": ["IDN"], "period": [2023], "sex": ["female"], "indicator": ["income_share"], "value": [30.0]}
        )
    )
    target = tmp_path / "keep.csv"
    target.write_text("old\n")
    with pytest.raises(gendex.InputError, match=r"indicator 'income_share' \(female\) has no SDMX series"):
        ds.to_sdmx_csv(target, DATAFLOW)
    assert target.read_text() == "old\n"  # all or none: nothing replaced
    with_se = gendex.Dataset.from_frame(
        pd.DataFrame(
            {
                "region": ["IDN"],
                "period": [2023],
                "sex": ["female"],
                "indicator": ["parliament_share"],
                "value": [21.9],
                "se": [0.5],
            }
        )
    )
    with pytest.raises(gendex.InputError, match="SDMX-CSV has no column for standard errors"):
        with_se.to_sdmx_csv(target, DATAFLOW)


def test_mapping_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text("series,indicator,sex\nSG_GEN_PARL,parliament_share,female\nSG_GEN_PARL,managers_share,\n")
    with pytest.raises(gendex.InputError, match=r"line 3, column 'series': series 'SG_GEN_PARL' is mapped on line 2"):
        gendex.sdmx_mapping(path)


def test_cli_converts_sdmx_to_tidy_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tidy = tmp_path / "tidy.csv"
    assert main(["convert", "-i", str(FIXTURES / "sdg5_v1.csv"), "--input-format", "sdmx-csv", "-o", str(tidy)]) == 0
    assert "wrote 6 observations" in capsys.readouterr().out
    sdmx = tmp_path / "sdmx.csv"
    argv = ["convert", "-i", str(tidy), "-o", str(sdmx), "--output-format", "sdmx-csv", "--dataflow", DATAFLOW]
    assert main(argv) == 0
    assert frame(gendex.read_sdmx_csv(sdmx)).equals(frame(gendex.read_sdmx_csv(FIXTURES / "sdg5_v1.csv")))
    assert pd.read_csv(io.StringIO(sdmx.read_text()))["SEX"].eq("F").all()
    assert main(["convert", "-i", str(tidy), "-o", "-", "--output-format", "sdmx-csv"]) == 2
    assert "--output-format sdmx-csv needs --dataflow" in capsys.readouterr().err
    # The 2.0 file too; the women's series of the fixture come out as tidy rows.
    out = tmp_path / "v2.csv"
    assert main(["convert", "-i", str(FIXTURES / "sdg5_v2.csv"), "--input-format", "sdmx-csv", "-o", str(out)]) == 0
    assert "IDN,2018,female,intimate_partner_violence,9,PT,UNSD:DF_SDG_GLH(1.0); OBS_STATUS=E" in out.read_text()
