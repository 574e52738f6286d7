"""The words offices write in their tables, in one place.

Every header, label and footer word the office-table reader recognises is
listed here, compared after :func:`normalise` (lower case, no spaces, no
punctuation except ``+``, no parenthesised remarks).
"""

from __future__ import annotations

import re
from typing import Optional

_PARENTHESISED = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^0-9a-z+]")
_SPACES = re.compile(r"\s+")

#: Header names of the sex columns, normalised ("Laki-laki" -> "lakilaki", "L + P" -> "l+p").
SEX_NAMES: dict[str, str] = {
    **dict.fromkeys(("lakilaki", "laki", "l", "lk", "pria", "male", "males", "men", "m"), "male"),
    **dict.fromkeys(("perempuan", "p", "pr", "wanita", "female", "females", "women", "f"), "female"),
    **dict.fromkeys(
        ("jumlah", "l+p", "lp", "total", "jumlahtotal", "totaljumlah", "both", "bothsexes", "jumlahl+p", "t"), "total"
    ),
}

#: Header names of a row-number column, which is never the label column.
NUMBER_COLUMN_NAMES = frozenset(("no", "nomor", "nourut", "number", "kode", "code", "kodewilayah"))

#: Label-column headers that say the rows are areas (not categories).
AREA_HEADERS = frozenset(
    (
        "kecamatan",
        "desa",
        "kelurahan",
        "desakelurahan",
        "kabupaten",
        "kota",
        "kabupatenkota",
        "kabkota",
        "wilayah",
        "provinsi",
        "daerah",
        "area",
        "region",
        "district",
        "subdistrict",
        "village",
        "namakecamatan",
        "namadesa",
        "namawilayah",
    )
)

#: Row labels that mean "the sum of the rows above".
TOTAL_LABELS = frozenset(
    (
        "jumlah",
        "total",
        "jumlahtotal",
        "totaljumlah",
        "jumlahseluruhnya",
        "totalkeseluruhan",
        "jumlahkeseluruhan",
        "grandtotal",
    )
)

#: A row whose first text starts with one of these (normalised) ends the table.
FOOTER_PREFIXES = ("sumber", "source", "catatan", "keterangan", "note", "notes", "ket")
#: Footnote markers ("*) angka sementara", "1) ...") also end the table.
FOOTNOTE = re.compile(r"^\s*(\*+\)?|\d\)|[¹²³])")

#: Cell texts meaning "nothing reported" (the office wrote a dash or dots).
DASHES = frozenset(("-", "\u2013", "\u2014", "--", "...", "..", "\u2026", "x"))  # hyphen, en and em dash, ellipsis

#: Sheets of a workbook that are instructions, not tables (the template's first sheet).
INSTRUCTION_SHEETS = frozenset(("petunjuk", "instructions", "keterangan", "catatan"))

#: Region-name prefixes offices put before a name ("Kab. Kapuas", "Kecamatan Selat").
AREA_PREFIXES = ("kabupaten", "kab", "kecamatan", "kec", "kelurahan", "kel", "desa", "provinsi", "prov", "kota")

#: Column-number rows under a header: "(1) (2) (3)".
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def normalise(text: str) -> str:
    """Lower case, without parenthesised remarks, spaces or punctuation other than ``+``.

    Examples
    --------
    >>> normalise(" Laki-Laki (L) ")
    'lakilaki'
    >>> normalise("L + P")
    'l+p'
    """
    return _NOT_WORD.sub("", _PARENTHESISED.sub("", text.lower()))


def squeeze(text: str) -> str:
    """Lower case with single spaces, for titles and names.

    Examples
    --------
    >>> squeeze("  Jumlah   Penduduk\\n Menurut ")
    'jumlah penduduk menurut'
    """
    return _SPACES.sub(" ", text.lower()).strip()


def is_footer(text: str) -> bool:
    """Whether a row starting with ``text`` is a source line or footnote.

    Examples
    --------
    >>> is_footer("Sumber: Dinas Kesehatan"), is_footer("*) angka sementara"), is_footer("Selat")
    (True, True, False)
    """
    key = normalise(text)
    return any(key.startswith(p) for p in FOOTER_PREFIXES) or bool(FOOTNOTE.match(text))


def _parts(text: str) -> list[str]:
    """The normalised parts of a bilingual BPS header ("Laki-laki/Male" -> lakilaki, male)."""
    return [part for part in (normalise(p) for p in text.split("/")) if part]


def sex_of(text: str) -> Optional[str]:
    """The sex a header names ("male", "female", "total") or None; bilingual "Laki-laki/Male" too.

    Examples
    --------
    >>> sex_of("Laki-laki/Male"), sex_of("Jumlah/Total"), sex_of("L + P"), sex_of("Jenis Kelamin/Sex")
    ('male', 'total', 'total', None)
    """
    whole = SEX_NAMES.get(normalise(text))
    if whole or "/" not in text:
        return whole
    sexes = {SEX_NAMES.get(part) for part in _parts(text)}
    return sexes.pop() if len(sexes) == 1 else None


def is_area_header(text: str) -> bool:
    """Whether a label-column header names an area level ("Kecamatan", "Kecamatan/Subdistrict").

    Examples
    --------
    >>> is_area_header("Kecamatan/Subdistrict"), is_area_header("Desa/Kelurahan"), is_area_header("Golongan")
    (True, True, False)
    """
    return normalise(text) in AREA_HEADERS or any(part in AREA_HEADERS for part in _parts(text))
