"""The Python side of `make demo`: UNDP's HDR 2025 file through gendex and pandas.

Prints women's and men's life expectancy and schooling for a few countries with
their parity, the sex-disaggregation coverage of the file, and the GDI and GII
recomputed from the file's components next to the published values.
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

    gdi, gdi_report = gendex.gdi(ds, edition="hdr2025", return_report=True)
    latest = gdi[(gdi.period == 2023) & gdi.region.isin(countries)].set_index("region").loc[countries]
    latest["published gdi"] = [ds.value(c, 2023, "total", "gdi") for c in countries]
    print("\nGender Development Index 2023, recomputed (edition hdr2025) and as published")
    print(latest[["gdi", "published gdi", "gdi_group", "hdi_female", "hdi_male"]].round(3).to_string())
    print(gdi_report.summary)
    gii = gendex.gii(ds, edition="hdr2025")
    latest = gii[(gii.period == 2023) & gii.region.isin(countries)].set_index("region").loc[countries]
    latest["published gii"] = [ds.value(c, 2023, "total", "gii") for c in countries]
    print("\nGender Inequality Index 2023 (rank among all countries)")
    print(latest[["gii", "published gii", "gii_rank", "gii_geometric_mean_female", "gii_geometric_mean_male"]]
          .round(3).to_string())


if __name__ == "__main__":
    main()
