"""The Python side of `make demo`: UNDP's HDR 2025 file through gendex and pandas.

Prints women's and men's life expectancy and schooling for a few countries with
their parity, and the sex-disaggregation coverage of the file.
"""
from __future__ import annotations

import pathlib

import pandas as pd

import gendex

ROOT = pathlib.Path(__file__).resolve().parent.parent
HDR25 = ROOT / "data" / "undp" / "HDR25_Composite_indices_complete_time_series.csv"


def main() -> None:
    ds = gendex.read_hdr(HDR25)
    print(f"== {HDR25.name}: {ds!r}")
    countries = ["IDN", "MYS", "PHL", "IND", "NOR", "NER"]
    par = gendex.parity(ds.filter(regions=countries, periods=[2023]),
                        ["life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita"])
    table = par.pivot(index="region", columns="indicator", values="adjusted_gpi").round(3)
    pd.set_option("display.width", 120)
    print("\nAdjusted gender parity index (women relative to men; 1 = parity), 2023")
    print(table.to_string())
    report = gendex.audit(ds)
    print("\nSex-disaggregation coverage by indicator")
    print(report.by_indicator[["key", "units", "disaggregated", "total_only", "partial"]].to_string(index=False))


if __name__ == "__main__":
    main()
