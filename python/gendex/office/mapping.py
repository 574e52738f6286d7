"""The indicator mapping: which indicator an office's table title names.

A CSV (or DataFrame) with columns ``name`` (the title as offices write it),
``indicator`` (the gendex id), ``unit`` and ``kind`` (count, share, rate or
mean). Titles match ignoring case, spaces, punctuation, a leading table
number ("Tabel 4.1.2"), the year ("Tahun 2023", "2023") and a trailing
"di Kabupaten ..." / "di Kota ...".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional, Union

import pandas as pd

from .cells import PathLike, a1
from .errors import OfficeTableError

#: What a table counts: ``count`` is additive (Laki-laki + Perempuan = Jumlah); the others are not.
KINDS = ("count", "share", "rate", "mean")
#: Kinds whose Jumlah is the two sexes' values averaged over the population (a labour-force participation
#: rate, a life expectancy): it lies between Laki-laki and Perempuan and is never their sum.
AVERAGED_KINDS = ("rate", "mean")
MAPPING_COLUMNS = ("name", "indicator", "unit", "kind")
#: The starter mapping shipped with gendex (common OPD tables).
BUNDLED_MAPPING = "office_mapping.csv"

_TABLE_NUMBER = re.compile(r"^(tabel|table)\s+[0-9][0-9.a-z]*\s*")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_YEAR_WORDS = re.compile(r"\b(tahun|year)\b")
_PLACE = re.compile(r"\s(di|in)\s(kabupaten|kab|kota|provinsi|prov|kecamatan|kec)\b.*$")
_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def title_key(title: str) -> str:
    """The form in which titles are compared.

    Examples
    --------
    >>> title_key("Tabel 4.1.2  Jumlah Penduduk menurut Kecamatan, di Kabupaten Kapuas Tahun 2023")
    'jumlah penduduk menurut kecamatan'
    """
    text = _TABLE_NUMBER.sub("", title.lower().strip())
    text = _YEAR_WORDS.sub(" ", _YEAR.sub(" ", text))
    text = _PUNCTUATION.sub(" ", text)
    return _PLACE.sub("", f" {text.strip()} ").strip()


def title_year(title: str) -> Optional[int]:
    """The last year (1900-2099) written in a title, or None.

    Examples
    --------
    >>> title_year("Jumlah Guru Tahun 2022/2023"), title_year("Jumlah Guru")
    (2023, None)
    """
    years = [m.group(0) for m in _YEAR.finditer(title)]
    return int(years[-1]) if years else None


def slug(title: str) -> str:
    """An indicator id made from a title nobody mapped yet.

    Examples
    --------
    >>> slug("Jumlah Bidan Desa menurut Kecamatan 2023")
    'jumlah_bidan_desa_menurut_kecamatan'
    """
    return title_key(title).replace(" ", "_") or "untitled"


@dataclass(frozen=True)
class MappingEntry:
    """One row of the mapping: a table title (``name``), the indicator, unit and kind it reads into.

    Examples
    --------
    >>> IndicatorMapping.load(None).for_indicator("teachers")  # doctest: +NORMALIZE_WHITESPACE
    MappingEntry(name='Jumlah Guru menurut Jenjang Pendidikan', indicator='teachers', unit='orang',
                 kind='count')
    """

    name: str
    indicator: str
    unit: str
    kind: str


class IndicatorMapping:
    """Titles to indicators. Build with :meth:`load`.

    Examples
    --------
    >>> mapping = IndicatorMapping.load(None)
    >>> mapping.lookup("JUMLAH PENDUDUK MENURUT KECAMATAN DAN JENIS KELAMIN 2023").indicator
    'population'
    """

    def __init__(self, entries: list[MappingEntry], source: str) -> None:
        self.source = source
        self._by_key = {title_key(e.name): e for e in entries}
        self._by_indicator: dict[str, MappingEntry] = {}
        for e in entries:
            self._by_indicator.setdefault(e.indicator, e)  # the first title of an indicator names its form

    @classmethod
    def load(cls, mapping: Union[PathLike, pd.DataFrame, IndicatorMapping, None]) -> IndicatorMapping:
        """The mapping from a CSV path, a DataFrame, an IndicatorMapping, or None for the bundled starter.

        Parameters
        ----------
        mapping : str, os.PathLike, pandas.DataFrame, IndicatorMapping or None
            A CSV file or frame with the columns name, indicator, unit and kind
            (one row per table title); an IndicatorMapping is returned as it is;
            None loads the starter mapping bundled with gendex.

        Returns
        -------
        IndicatorMapping

        Raises
        ------
        OfficeTableError
            For a missing column, an empty name or indicator, an unknown kind, or a title mapped twice
            to different indicators, naming the cell.

        Examples
        --------
        >>> import pandas as pd
        >>> mine = IndicatorMapping.load(pd.DataFrame({"name": ["Jumlah Bidan Desa"], "indicator": ["midwives"],
        ...                                            "unit": ["orang"], "kind": ["count"]}))
        >>> mine.lookup("JUMLAH BIDAN DESA 2023").indicator
        'midwives'
        """
        if isinstance(mapping, IndicatorMapping):
            return mapping
        if mapping is None:
            with resources.files("gendex").joinpath("data", BUNDLED_MAPPING).open("rb") as handle:
                return cls._from_frame(pd.read_csv(handle, dtype=str, keep_default_na=False), BUNDLED_MAPPING)
        if isinstance(mapping, pd.DataFrame):
            return cls._from_frame(mapping.astype(str), "mapping")
        return cls._from_frame(
            pd.read_csv(mapping, dtype=str, keep_default_na=False, encoding="utf-8-sig"),
            os.path.basename(os.fspath(mapping)),
        )

    @classmethod
    def _from_frame(cls, frame: pd.DataFrame, source: str) -> IndicatorMapping:
        missing = [c for c in MAPPING_COLUMNS if c not in frame.columns]
        if missing:
            raise OfficeTableError(
                source, "", "A1", f"missing column '{missing[0]}' (expected name, indicator, unit, kind)"
            )
        entries: dict[str, MappingEntry] = {}
        for i, record in enumerate(frame[list(MAPPING_COLUMNS)].itertuples(index=False)):
            entry = MappingEntry(*(str(v).strip() for v in record))
            cls._check(entry, source, i + 1, [str(c) for c in frame.columns])
            earlier = entries.get(title_key(entry.name))
            if earlier is not None and earlier.indicator != entry.indicator:
                raise OfficeTableError(
                    source,
                    "",
                    a1(i + 1, 0),
                    f"title '{entry.name}' is mapped to '{earlier.indicator}' and to '{entry.indicator}'",
                )
            entries[title_key(entry.name)] = entry
        return cls(list(entries.values()), source)

    @staticmethod
    def _check(entry: MappingEntry, source: str, row: int, columns: list[str]) -> None:
        for field in ("name", "indicator"):
            if not getattr(entry, field):
                raise OfficeTableError(source, "", a1(row, columns.index(field)), f"empty {field}")
        if entry.kind not in KINDS:
            raise OfficeTableError(
                source, "", a1(row, columns.index("kind")), f"kind '{entry.kind}' is not one of {', '.join(KINDS)}"
            )

    def lookup(self, title: str) -> Optional[MappingEntry]:
        """The entry whose name matches ``title``, or None.

        Parameters
        ----------
        title : str
            A table title as written; case, table numbers and years are ignored
            (:func:`title_key`).

        Returns
        -------
        MappingEntry or None

        Examples
        --------
        >>> mapping = IndicatorMapping.load(None)
        >>> mapping.lookup("Tabel 4.1.2 Jumlah Guru menurut Jenjang Pendidikan, 2023").indicator
        'teachers'
        >>> mapping.lookup("Jumlah Kucing") is None
        True
        """
        return self._by_key.get(title_key(title))

    def for_indicator(self, indicator: str) -> Optional[MappingEntry]:
        """The first entry of an indicator id, or None.

        Parameters
        ----------
        indicator : str
            An indicator id.

        Returns
        -------
        MappingEntry or None
            The entry whose title names the indicator's form (the first one).

        Examples
        --------
        >>> IndicatorMapping.load(None).for_indicator("population").name
        'Jumlah Penduduk menurut Kecamatan dan Jenis Kelamin'
        """
        return self._by_indicator.get(indicator)

    @property
    def entries(self) -> list[MappingEntry]:
        """Every entry, in file order (a title listed twice counts once)."""
        return list(self._by_key.values())

    def __repr__(self) -> str:
        return f"<gendex.office.IndicatorMapping from {self.source}: {len(self._by_key)} titles>"
