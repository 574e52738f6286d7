"""The words of a report in Indonesian and English: headers, labels of index outputs, region names."""

from __future__ import annotations

import math

from gendex import indicator_label, round_half_up, sex_label
from gendex._common import check_language

#: Indices BPS publishes (edition "bps"); the others are UNDP's.
BPS_INDICES = ("ipm", "ipg", "idg", "ikg")
#: Indices where a lower value is better (ranked lowest first).
INEQUALITY_INDICES = ("gii", "ikg")
#: Indices :func:`gendex.priorities` decomposes.
GAIN_INDICES = ("gdi", "gii", "ipg", "ikg")

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan Pengarusutamaan Gender",
        "subtitle": "{indices}: {focus}",
        "summary": "Ringkasan",
        "focus": "Wilayah fokus",
        "parent": "Wilayah induk",
        "code": "Kode",
        "region": "Wilayah",
        "period": "Tahun",
        "index": "Indeks",
        "value": "Nilai",
        "value_from": "Sumber nilai",
        "official": "Angka resmi {publisher}",
        "official_short": "resmi {publisher}",
        "recomputed": "Hitung ulang (gendex)",
        "recomputed_short": "hitung ulang",
        "difference": "Selisih (hitung ulang - resmi)",
        "flag": "Selisih melebihi presisi cetak",
        "yes": "ya",
        "rank": "Peringkat",
        "of": "Dari",
        "within": "Di antara wilayah dalam",
        "all_regions": "semua wilayah",
        "previous": "Tahun sebelumnya",
        "change": "Perubahan",
        "priority": "Prioritas utama",
        "priorities": "Prioritas",
        "component": "Komponen",
        "priority_rank": "Urutan prioritas",
        "observed": "Indeks saat ini",
        "at_parity": "Indeks bila komponen setara",
        "gain": "Tambahan menuju kesetaraan",
        "trend": "Tren",
        "by_region": "{label} menurut wilayah, {period}",
        "trend_title": "{label}: {region}",
        "priorities_title": "Komponen yang paling menjauhkan {short} dari kesetaraan: {region}, {period}",
        "gain_axis": "tambahan {short} bila komponen ini saja setara",
        "audit": "Audit data terpilah",
        "audit_given": "Audit data terpilah (hasil audit yang diberikan)",
        "audit_gaps": "Data yang belum terpilah atau belum lengkap",
        "audit_no_gaps": "Semua data yang diaudit terpilah menurut jenis kelamin.",
        "units": "Wilayah-tahun",
        "disaggregated": "Terpilah",
        "total_only": "Hanya jumlah",
        "partial": "Satu jenis kelamin",
        "missing": "Tidak ada",
        "sum_mismatch": "L + P tidak sama dengan jumlah",
        "coverage": "Keterpilahan",
        "sum_check": "Cek L + P",
        "more_rows": "... dan {n} baris lagi di report.xlsx.",
        "notes": "Catatan",
        "method": "Metode",
        "edition": "Edisi",
        "constant": "Konstanta",
        "unit": "Satuan",
        "meaning": "Arti",
        "source": "Sumber",
        "sheet_summary": "Ringkasan",
        "sheet_priorities": "Prioritas",
        "sheet_audit": "Audit",
        "sheet_notes": "Catatan",
        "generated": "Dibuat dengan gendex {version}.",
        "no_priorities": "Tidak ada dekomposisi prioritas untuk {short}.",
        "not_recomputed": (
            "{short} tidak dapat dihitung ulang dari data ini ({missing}); tabel memuat angka resmi saja."
        ),
        "computed": "{short}: {computed} dari {units} wilayah-tahun dihitung ulang (edisi {edition}); "
        "{published} angka resmi {publisher} dalam data; {flagged} selisih melebihi presisi cetak.",
        "precision": "Angka ditampilkan dengan {digits} desimal seperti yang dicetak {publisher} (pembulatan ke atas "
        "dari setengah); angka tersimpan dengan presisi penuh. Hitung ulang dan angka resmi dibandingkan "
        "setelah pembulatan: selisih satu satuan desimal terakhir wajar karena komponen yang dipublikasikan "
        "juga dibulatkan; selisih yang lebih besar ditandai.",
        "rank_method": "Peringkat: di antara wilayah dengan induk yang sama (misalnya kabupaten/kota dalam provinsi), "
        "pada nilai yang dibulatkan seperti dicetak; {order}. Nilai yang diperingkat adalah angka resmi "
        "bila ada, selain itu hasil hitung ulang.",
        "higher_first": "nilai tertinggi di peringkat 1",
        "lower_first": "nilai terendah di peringkat 1 (indeks ketimpangan)",
        "gain_method": "Prioritas: setiap indeks dihitung ulang dengan satu komponen pada kesetaraan gender dan "
        "komponen lain seperti teramati (gendex.priorities); peringkat 1 adalah komponen yang paling "
        "menjauhkan indeks dari kesetaraan. Tambahan negatif: perempuan sudah lebih unggul di komponen itu.",
        "inputs": "Masukan {short}: {inputs}.",
    },
    "en": {
        "title": "Gender Mainstreaming Report",
        "subtitle": "{indices}: {focus}",
        "summary": "Summary",
        "focus": "Focus region",
        "parent": "Parent region",
        "code": "Code",
        "region": "Region",
        "period": "Year",
        "index": "Index",
        "value": "Value",
        "value_from": "Value from",
        "official": "Official ({publisher})",
        "official_short": "official {publisher}",
        "recomputed": "Recomputed (gendex)",
        "recomputed_short": "recomputed",
        "difference": "Difference (recomputed - official)",
        "flag": "Difference beyond printed precision",
        "yes": "yes",
        "rank": "Rank",
        "of": "Out of",
        "within": "Among the regions of",
        "all_regions": "all regions",
        "previous": "Previous year",
        "change": "Change",
        "priority": "Top priority",
        "priorities": "Priorities",
        "component": "Component",
        "priority_rank": "Priority",
        "observed": "Index as observed",
        "at_parity": "Index with the component at parity",
        "gain": "Gain towards equality",
        "trend": "Trend",
        "by_region": "{label} by region, {period}",
        "trend_title": "{label}: {region}",
        "priorities_title": "Components keeping the {short} furthest from equality: {region}, {period}",
        "gain_axis": "{short} gained if this component alone were at gender parity",
        "audit": "Sex-disaggregated data audit",
        "audit_given": "Sex-disaggregated data audit (audit given)",
        "audit_gaps": "Data not (fully) disaggregated by sex",
        "audit_no_gaps": "All data audited is disaggregated by sex.",
        "units": "Region-years",
        "disaggregated": "Disaggregated",
        "total_only": "Total only",
        "partial": "One sex only",
        "missing": "Missing",
        "sum_mismatch": "Women + men differ from the total",
        "coverage": "Coverage",
        "sum_check": "Women + men check",
        "more_rows": "... and {n} more rows in report.xlsx.",
        "notes": "Notes",
        "method": "Method",
        "edition": "Edition",
        "constant": "Constant",
        "unit": "Unit",
        "meaning": "Meaning",
        "source": "Source",
        "sheet_summary": "Summary",
        "sheet_priorities": "Priorities",
        "sheet_audit": "Audit",
        "sheet_notes": "Notes",
        "generated": "Made with gendex {version}.",
        "no_priorities": "No priority decomposition for the {short}.",
        "not_recomputed": "The {short} cannot be recomputed from this data ({missing}); the tables hold the official "
        "figures only.",
        "computed": "{short}: {computed} of {units} region-years recomputed (edition {edition}); {published} official "
        "{publisher} figures in the data; {flagged} differences beyond the printed precision.",
        "precision": "Figures are shown with {digits} decimals as {publisher} prints them (rounded half up); cells "
        "hold full precision. Recomputed and official figures are compared after rounding: one unit of "
        "the last decimal is expected because the published components are rounded too; larger "
        "differences are flagged.",
        "rank_method": "Rank: among the regions with the same parent (e.g. kabupaten/kota within their province), on "
        "the values rounded as printed; {order}. The value ranked is the official figure where there "
        "is one, else the recomputation.",
        "higher_first": "highest value ranked 1",
        "lower_first": "lowest value ranked 1 (an inequality index)",
        "gain_method": "Priorities: each index is recomputed with one component at gender parity and the others as "
        "observed (gendex.priorities); rank 1 is the component keeping the index furthest from "
        "equality. A negative gain: women are already ahead in that component.",
        "inputs": "Inputs of the {short}: {inputs}.",
    },
}

#: Labels of index outputs the core has no label for: (Indonesian, English).
_OUTPUT_LABELS: dict[str, tuple[str, str]] = {
    "ipm_health_index": ("Indeks kesehatan", "Health index"),
    "ipm_education_index": ("Indeks pendidikan", "Education index"),
    "ipm_expenditure_index": ("Indeks pengeluaran", "Expenditure index"),
    "hdi_health_index": ("Indeks kesehatan", "Health index"),
    "hdi_education_index": ("Indeks pendidikan", "Education index"),
    "hdi_income_index": ("Indeks pendapatan", "Income index"),
    "idg_parliament_index": ("Indeks keterlibatan di parlemen", "Parliament index"),
    "idg_professional_index": ("Indeks tenaga profesional", "Professional workers index"),
    "idg_income_index": ("Indeks sumbangan pendapatan", "Income share index"),
    "ikg_health": ("Dimensi kesehatan reproduksi", "Reproductive health dimension"),
    "ikg_geometric_mean": ("Rata-rata geometrik", "Geometric mean"),
    "ikg_harmonic_mean": ("Rata-rata harmonik", "Harmonic mean"),
    "ikg_reference": ("Standar acuan (G_PL)", "Reference standard (G_PL)"),
    "gii_geometric_mean": ("Rata-rata geometrik", "Geometric mean"),
    "gii_harmonic_mean": ("Rata-rata harmonik", "Harmonic mean"),
    "gii_reference": ("Standar acuan (G_FM)", "Reference standard (G_FM)"),
    "gii_health": ("Dimensi kesehatan reproduksi", "Reproductive health dimension"),
    "gii_empowerment": ("Dimensi pemberdayaan", "Empowerment dimension"),
    "gii_labour": ("Dimensi pasar kerja", "Labour market dimension"),
}

#: Coverage classes of :func:`gendex.audit` rows: (Indonesian, English).
COVERAGE = {
    "disaggregated": ("terpilah", "disaggregated"),
    "complement": ("terpilah (komplemen)", "complement"),
    "total_only": ("hanya jumlah", "total only"),
    "female_only": ("hanya perempuan", "women only"),
    "male_only": ("hanya laki-laki", "men only"),
    "missing": ("tidak ada", "missing"),
    "mismatch": ("tidak cocok", "mismatch"),
    "ok": ("cocok", "ok"),
}

#: Who publishes each index.
PUBLISHERS = dict.fromkeys(BPS_INDICES, "BPS")


def words(lang: str) -> dict[str, str]:
    """The vocabulary of ``lang`` ("id" or "en"); UnknownKeyError for another language."""
    return WORDS[check_language(lang)]


def coverage(value: str, lang: str) -> str:
    """An audit coverage class or sum check in ``lang``."""
    return COVERAGE[value][0 if lang == "id" else 1] if value in COVERAGE else value


def publisher(index: str) -> str:
    """ "BPS" for the BPS indices, "UNDP" for the others."""
    return PUBLISHERS.get(index, "UNDP")


def short_name(index: str, lang: str) -> str:
    """The acronym of an index as the publisher writes it: "IPG", "IKG", "GDI"."""
    label = indicator_label(index, lang)
    if label.endswith(")") and "(" in label:
        inner = label[label.rindex("(") + 1 : -1]
        if inner.isupper():
            return inner
    return index.upper()


def output_label(output: str, lang: str) -> str:
    """Label of an index output column of the wide form, e.g. "ipm_female" -> "IPM Perempuan"."""
    for sex in ("female", "male", "total"):
        if output.endswith("_" + sex):
            base = output[: -len(sex) - 1]
            return f"{_base_label(base, lang)} - {sex_label(sex, lang)}"
    return _base_label(output, lang)


def _base_label(indicator: str, lang: str) -> str:
    if indicator in _OUTPUT_LABELS:
        return _OUTPUT_LABELS[indicator][0 if lang == "id" else 1]
    if indicator in ("ipm", "ipg", "idg", "ikg"):
        return short_name(indicator, lang)
    try:
        return indicator_label(indicator, lang)
    except KeyError:
        return indicator


def number_text(value: float, decimals: int, lang: str = "id") -> str:
    """``value`` rounded half up to ``decimals`` with the marks of ``lang``; "" for NaN.

    Indonesian separates thousands with "." and decimals with "," (as regional gender information
    systems print "Jumlah masyarakat L: 1.433.967"); English with "," and ".".

    Examples
    --------
    >>> number_text(1433967, 0), number_text(66.755, 2), number_text(-1234.5, 1, "en")
    ('1.433.967', '66,76', '-1,234.5')
    """
    if math.isnan(value):
        return ""
    shown = f"{round_half_up(float(value), decimals):,.{decimals}f}"
    if shown.startswith("-") and float(shown[1:].replace(",", "")) == 0.0:
        shown = shown[1:]  # -0,00 reads as a sign where there is none
    return shown.translate(str.maketrans(",.", ".,")) if lang == "id" else shown
