"""What the office audit can say about a table, and the words it says it in."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Coverage of a table (one per table): women and men reported, only Jumlah, only one sex, no numbers.
DISAGGREGATED, TOTALS_ONLY, ONE_SEX, EMPTY = "disaggregated", "totals_only", "one_sex", "empty"
#: Problems found in a table.
SUM_MISMATCH, MISSING_AREAS, UNKNOWN_AREA, UNMAPPED = "sum_mismatch", "missing_areas", "unknown_area", "unmapped"
TOTAL_OUTSIDE = "total_outside"
MISSING_VALUES, DUPLICATE_ROW, EXTRA_COLUMN = "missing_values", "duplicate_row", "extra_column"
#: Problems of the collection: an expected indicator nobody sent, a file or sheet that cannot be read.
MISSING, UNREADABLE = "missing", "unreadable"

#: Every status, in the order the audit sorts and explains them.
STATUSES = (
    DISAGGREGATED,
    TOTALS_ONLY,
    ONE_SEX,
    EMPTY,
    SUM_MISMATCH,
    TOTAL_OUTSIDE,
    MISSING_AREAS,
    UNKNOWN_AREA,
    UNMAPPED,
    MISSING_VALUES,
    DUPLICATE_ROW,
    EXTRA_COLUMN,
    MISSING,
    UNREADABLE,
)
#: The one status that is not a problem.
FINE = frozenset((DISAGGREGATED,))

#: What each status means, for the summary text (Indonesian, English).
STATUS_TEXT: dict[str, tuple[str, str]] = {
    DISAGGREGATED: ("terpilah menurut jenis kelamin", "disaggregated by sex"),
    TOTALS_ONLY: ("hanya jumlah (belum terpilah)", "totals only (not disaggregated)"),
    ONE_SEX: ("hanya satu jenis kelamin", "one sex only"),
    EMPTY: ("tabel tanpa angka", "table without numbers"),
    SUM_MISMATCH: ("laki-laki + perempuan tidak sama dengan jumlah", "male + female differs from the total"),
    TOTAL_OUTSIDE: (
        "jumlah angka rata-rata atau persentase tidak di antara laki-laki dan perempuan",
        "total of a rate or mean not between male and female",
    ),
    MISSING_AREAS: ("wilayah yang tidak ada barisnya", "areas without a row"),
    UNKNOWN_AREA: ("nama wilayah tidak dikenal", "unknown area names"),
    UNMAPPED: ("judul tabel belum ada di pemetaan indikator", "table title not in the indicator mapping"),
    MISSING_VALUES: ("sel kosong atau '-'", "empty or '-' cells"),
    DUPLICATE_ROW: ("baris berulang", "repeated rows"),
    EXTRA_COLUMN: ("kolom lain yang tidak dibaca", "other columns not read"),
    MISSING: ("indikator yang diharapkan tidak dikirim", "expected indicators nobody sent"),
    UNREADABLE: ("berkas atau lembar tidak terbaca", "files or sheets that cannot be read"),
}


@dataclass(frozen=True)
class Finding:
    """One thing the audit says about a table: a status, the cell it is about (A1, "" for none), details.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import gendex
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "guru.csv"
    >>> _ = path.write_text("Jumlah Guru menurut Jenjang Pendidikan 2023\\nJenjang;L;P;Jumlah\\nSD;120;310;400\\n")
    >>> gendex.read_table(path).findings  # doctest: +NORMALIZE_WHITESPACE
    (Finding(status='disaggregated', cell='B2', detail='columns: Laki-laki (B2), Perempuan (C2), Jumlah (D2);
             with numbers: Laki-laki, Perempuan, Jumlah'),
     Finding(status='sum_mismatch', cell='D3', detail='SD: Laki-laki 120 + Perempuan 310 = 430, Jumlah 400
             (difference +30)'))
    """

    status: str
    cell: str
    detail: str
    #: The detail in Indonesian (empty: only the English one, e.g. a library error's reason).
    detail_id: str = field(default="", repr=False)

    def detail_in(self, lang: str) -> str:
        """The detail in Indonesian or English.

        Parameters
        ----------
        lang : {"id", "en"}
            Indonesian (the English detail where there is no Indonesian one) or English.

        Returns
        -------
        str

        Examples
        --------
        >>> f = Finding("sum_mismatch", "D3", "SD: ... (difference +30)", "SD: ... (selisih +30)")
        >>> f.detail_in("id"), f.detail_in("en")
        ('SD: ... (selisih +30)', 'SD: ... (difference +30)')
        """
        return self.detail_id or self.detail if lang == "id" else self.detail
