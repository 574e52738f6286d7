"""The Python side of `make demo`: UNDP's HDR 2025 file and BPS's Kalimantan Tengah data.

Prints women's and men's life expectancy and schooling for a few countries with
their parity, the sex-disaggregation coverage of the file, and the GDI and GII
recomputed from the file's components next to the published values; then, for
the Pokja PUG of Kabupaten Kapuas, its IPG and IDG trend and its rank among the 14
kabupaten/kota of Kalimantan Tengah.
"""

from __future__ import annotations

import pathlib

import pandas as pd

import gendex

ROOT = pathlib.Path(__file__).resolve().parent.parent
HDR25 = ROOT / "data" / "undp" / "HDR25_Composite_indices_complete_time_series.csv"
KALTENG = ROOT / "data" / "bps" / "kalteng_2010_2021.csv"
KAPUAS = "6203"


def kapuas() -> None:
    """Kapuas's IPG and IDG over time and its rank within Kalimantan Tengah (BPS, published values)."""
    indonesia = gendex.read_indonesia_regions(ROOT / "data")
    ds = gendex.read_csv(KALTENG)
    frame = ds.filter(regions=[KAPUAS], indicators=["ipg", "idg"]).to_frame()
    trend = frame.pivot(index="period", columns="indicator", values="value")
    columns = {}
    for indicator in ("ipg", "idg"):
        ranks = gendex.rank(ds, indicator, within=indonesia)
        mine = ranks[(ranks.region == KAPUAS) & (ranks.group == "62")].set_index("period")
        columns[indicator.upper()] = trend[indicator]
        columns[f"peringkat {indicator.upper()} (dari 14)"] = mine["rank"]
    trend = pd.DataFrame(columns)
    print(
        f"\n== Kabupaten {indonesia.by_code(KAPUAS).display_name}, Kalimantan Tengah: "
        "Indeks Pembangunan Gender dan Indeks Pemberdayaan Gender (BPS)"
    )
    print(trend.to_string(float_format=lambda v: f"{v:.2f}", na_rep="-"))
    print("IPG: " + gendex.indicator_label("ipg", "id") + "; IDG: " + gendex.indicator_label("idg", "id"))
    ipg = gendex.ipg(ds).wide()
    latest = ipg[(ipg.region == KAPUAS) & (ipg.period == 2021)].iloc[0]
    print(
        f"IPG 2021 recomputed from UHH, HLS, RLS and PPK by sex: {latest.ipg:.2f} "
        f"(IPM perempuan {latest.ipm_female:.2f}, laki-laki {latest.ipm_male:.2f})"
    )


def main() -> None:
    ds = gendex.read_hdr(HDR25)
    print(f"== {HDR25.name}: {ds!r}")
    countries = ["IDN", "MYS", "PHL", "IND", "NOR", "NER"]
    par = gendex.parity(
        ds.filter(regions=countries, periods=[2023]),
        ["life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita"],
    )
    table = par.pivot(index="region", columns="indicator", values="adjusted_gpi").round(3)
    pd.set_option("display.width", 120)
    print("\nAdjusted gender parity index (women relative to men; 1 = parity), 2023")
    print(table.to_string())
    report = gendex.audit(ds)
    print("\nSex-disaggregation coverage by indicator")
    print(report.by_indicator[["key", "units", "disaggregated", "total_only", "partial"]].to_string(index=False))

    result = gendex.gdi(ds, edition="hdr2025")
    gdi = result.wide()
    latest = gdi[(gdi.period == 2023) & gdi.region.isin(countries)].set_index("region").loc[countries]
    published = result.published().query("indicator == 'gdi'").set_index(["region", "period"])["published"]
    latest["published gdi"] = [published[(c, 2023)] for c in countries]
    print("\nGender Development Index 2023, recomputed (edition hdr2025) and as published")
    print(latest[["gdi", "published gdi", "gdi_group", "hdi_female", "hdi_male"]].round(3).to_string())
    print(result.summary)
    gii = gendex.gii(ds, edition="hdr2025").wide()
    latest = gii[(gii.period == 2023) & gii.region.isin(countries)].set_index("region").loc[countries]
    latest["published gii"] = [ds.value(c, 2023, "total", "gii") for c in countries]
    print("\nGender Inequality Index 2023 (rank among all countries)")
    print(
        latest[["gii", "published gii", "gii_rank", "gii_geometric_mean_female", "gii_geometric_mean_male"]]
        .round(3)
        .to_string()
    )
    kapuas()


if __name__ == "__main__":
    main()
