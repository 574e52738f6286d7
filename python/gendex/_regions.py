"""Region hierarchies: :class:`Region`, :class:`RegionHierarchy` and the readers of region tables."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Any, NamedTuple, Optional

import pandas as pd

from . import _core, frames
from ._common import PathLike, public_module

#: Words kept in capitals when a name written in capitals is put in title case (BPS's provinces).
_CAPITALS = frozenset({"DKI", "DI", "DIY", "NTB", "NTT"})


def display_name(name: str) -> str:
    """A region name as tables and reports print it: names written all in capitals (as BPS's
    tables hold them) in title case, abbreviations such as DKI kept; other names unchanged.

    Examples
    --------
    >>> display_name("KOTA PALANGKA RAYA")
    'Kota Palangka Raya'
    >>> display_name("DKI JAKARTA")
    'DKI Jakarta'
    >>> display_name("Viet Nam")
    'Viet Nam'
    """
    if not name.isupper():
        return name
    return " ".join(word if word.strip(".,") in _CAPITALS else word.capitalize() for word in name.split(" "))


@public_module("gendex")
class Region(NamedTuple):
    """One region: unique code, name as its source spells it, parent code ("" for a root) and level.

    Examples
    --------
    >>> import gendex
    >>> region = gendex.read_regions("data/bps/regions.csv").by_code("62")
    >>> region
    Region(code='62', name='KALIMANTAN TENGAH', parent='00', level='provinsi')
    >>> region.display_name
    'Kalimantan Tengah'
    """

    code: str
    name: str
    parent: str
    level: str

    @property
    def display_name(self) -> str:
        """The name as tables and reports print it (:func:`display_name`: BPS's capitals in title case)."""
        return display_name(self.name)


@public_module("gendex")
class RegionHierarchy:
    """Codes, names, parents and levels of regions (world > region > country; provinsi > kabupaten/kota).

    Build from a DataFrame with columns code, name, parent, level (only code
    required) or from an iterable of dicts with those keys or of
    :class:`Region` tuples. Duplicate codes and cycles raise InputError; an
    unknown parent raises UnknownKeyError.

    Examples
    --------
    >>> import gendex
    >>> asean = gendex.RegionHierarchy([{"code": "ASEAN", "level": "group"},
    ...                                 {"code": "IDN", "name": "Indonesia", "parent": "ASEAN", "level": "country"},
    ...                                 {"code": "MYS", "name": "Malaysia", "parent": "ASEAN", "level": "country"}])
    >>> asean
    <gendex.RegionHierarchy: 3 regions (1 group, 2 country)>
    >>> asean.children("ASEAN"), asean.parent("IDN")
    (['IDN', 'MYS'], 'ASEAN')
    """

    __slots__ = ("_core",)

    def __init__(self, regions: Any = ()) -> None:
        self._core = _core.RegionHierarchy.from_regions(frames.region_tuples(regions))

    @classmethod
    def _wrap(cls, core: _core.RegionHierarchy) -> RegionHierarchy:
        out = cls.__new__(cls)
        out._core = core
        return out

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> RegionHierarchy:
        """A hierarchy from a table of regions.

        Parameters
        ----------
        df : pandas.DataFrame
            Columns code (required), name, parent, level; a NaN or "" parent makes a root.

        Returns
        -------
        RegionHierarchy

        Raises
        ------
        InputError
            An unknown column, a missing code column, a duplicate code or a cycle.
        UnknownKeyError
            A parent that is not one of the codes.

        Examples
        --------
        >>> import pandas as pd
        >>> import gendex
        >>> df = pd.DataFrame({"code": ["62", "6203"], "name": ["KALIMANTAN TENGAH", "KAPUAS"], "parent": [None, "62"]})
        >>> gendex.RegionHierarchy.from_frame(df).depth("6203")
        1
        """
        return cls(df)

    def to_frame(self) -> pd.DataFrame:
        """The regions as a table; :meth:`from_frame` reads it back.

        Returns
        -------
        pandas.DataFrame
            One row per region in the order given: code, name, parent, level ("" where absent).

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.to_frame().head(3)
          code            name parent      level
        0   00       INDONESIA         indonesia
        1   11            ACEH     00   provinsi
        2   12  SUMATERA UTARA     00   provinsi
        """
        return frames.regions_frame(self._core.regions())

    @property
    def regions(self) -> list[Region]:
        """Every region, in the order given."""
        return [Region(*r) for r in self._core.regions()]

    def by_code(self, code: str) -> Region:
        """The region with this code.

        Parameters
        ----------
        code : str
            A region code.

        Returns
        -------
        Region

        Raises
        ------
        UnknownKeyError
            When no region has this code.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.by_code("6203")
        Region(code='6203', name='KAPUAS', parent='62', level='kabkota')
        """
        return Region(*self._core.by_code(code))

    def by_name(self, name: str) -> Region:
        """Look-up by name or alias, ignoring letter case, spaces and punctuation.

        Parameters
        ----------
        name : str
            A region name or alias as written ("Kota Palangka Raya", "KEP. RIAU").

        Returns
        -------
        Region

        Raises
        ------
        UnknownKeyError
            When no region has this name or alias, or several do.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.by_name("kota palangka raya").code
        '6271'
        """
        return Region(*self._core.by_name(name))

    def resolve(self, code_or_name: str) -> Region:
        """The region with this code, else with this name or alias.

        Parameters
        ----------
        code_or_name : str
            A code, name or alias.

        Returns
        -------
        Region

        Raises
        ------
        UnknownKeyError
            When it is neither a code nor a (unique) name or alias.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.resolve("6203") == indonesia.resolve("Kapuas")
        True
        """
        return Region(*self._core.resolve(code_or_name))

    def children(self, code: str) -> list[str]:
        """Codes of the immediate children of ``code``.

        Parameters
        ----------
        code : str
            A region code.

        Returns
        -------
        list of str
            In the order given; empty for a region without children.

        Raises
        ------
        UnknownKeyError
            An unknown code.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> len(indonesia.children("62")), indonesia.children("62")[:3]
        (14, ['6201', '6202', '6203'])
        """
        return self._core.children(code)

    def parent(self, code: str) -> Optional[str]:
        """Code of the parent of ``code``.

        Parameters
        ----------
        code : str
            A region code.

        Returns
        -------
        str or None
            None for a root.

        Raises
        ------
        UnknownKeyError
            An unknown code.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.parent("6203"), indonesia.parent("00")
        ('62', None)
        """
        return self._core.parent(code)

    def depth(self, code: str) -> int:
        """How far ``code`` is below its root.

        Parameters
        ----------
        code : str
            A region code.

        Returns
        -------
        int
            0 for a root, 1 for its children, and so on.

        Raises
        ------
        UnknownKeyError
            An unknown code.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.depth("00"), indonesia.depth("62"), indonesia.depth("6203")
        (0, 1, 2)
        """
        return self._core.depth(code)

    def add_alias(self, alias: str, code: str) -> None:
        """Make :meth:`by_name` accept another spelling ("KEP. RIAU") for ``code``.

        Parameters
        ----------
        alias : str
            The other spelling.
        code : str
            The region it names.

        Raises
        ------
        UnknownKeyError
            An unknown code.
        InputError
            An alias that already names another region.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> indonesia.add_alias("Kab. Kuala Kapuas", "6203")
        >>> indonesia.by_name("KAB KUALA KAPUAS").name
        'KAPUAS'
        """
        self._core.add_alias(alias, code)

    @property
    def aliases(self) -> list[tuple[str, str]]:
        """(alias, code) pairs in the order added."""
        return self._core.aliases()

    def __len__(self) -> int:
        return len(self._core)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._core

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RegionHierarchy):
            return NotImplemented
        return self._core == other._core

    __hash__ = None  # type: ignore[assignment]  # unhashable; typeshed declares object.__hash__ a method

    def save(self, path: PathLike, format: str = "binary") -> None:
        """Write an archive file; :meth:`load` reads it.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        format : {"binary", "text"}, default "binary"
            "binary" is compact, "text" portable across machines.

        Raises
        ------
        InputError
            An unknown format, or a file that cannot be written.

        Examples
        --------
        >>> import os, tempfile
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "indonesia.bin")
        ...     indonesia.save(path)
        ...     gendex.RegionHierarchy.load(path) == indonesia
        True
        """
        self._core.save(os.fspath(path), format)

    @classmethod
    def load(cls, path: PathLike) -> RegionHierarchy:
        """Read an archive file written by :meth:`save` (either format).

        Parameters
        ----------
        path : str or os.PathLike
            The archive file.

        Returns
        -------
        RegionHierarchy

        Raises
        ------
        ArchiveError
            The file is damaged, truncated or not an archive, naming it.

        Examples
        --------
        >>> import os, tempfile
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "indonesia.txt")
        ...     indonesia.save(path, format="text")
        ...     gendex.RegionHierarchy.load(path)
        <gendex.RegionHierarchy: 549 regions (1 indonesia, 34 provinsi, 514 kabkota)>
        """
        return cls._wrap(_core.RegionHierarchy.load(os.fspath(path)))

    def to_archive(self, format: str = "binary") -> bytes:
        """The archive bytes (regions and aliases): what :meth:`save` writes and pickle stores.

        Parameters
        ----------
        format : {"binary", "text"}, default "binary"
            As for :meth:`save`.

        Returns
        -------
        bytes

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> gendex.RegionHierarchy.from_archive(indonesia.to_archive()).aliases == indonesia.aliases
        True
        """
        return self._core.to_archive(format)

    @classmethod
    def from_archive(cls, data: bytes, name: str = "archive") -> RegionHierarchy:
        """A hierarchy from archive bytes (see :meth:`load`).

        Parameters
        ----------
        data : bytes
            What :meth:`to_archive` returned.
        name : str, default "archive"
            Stands for the source in messages.

        Returns
        -------
        RegionHierarchy

        Raises
        ------
        ArchiveError
            The bytes are damaged, truncated or not an archive; the message names ``name``.

        Examples
        --------
        >>> import gendex
        >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
        >>> data = indonesia.to_archive()
        >>> len(gendex.RegionHierarchy.from_archive(data))
        549
        >>> try:
        ...     gendex.RegionHierarchy.from_archive(data[:50], name="regions.bin")
        ... except gendex.ArchiveError as e:
        ...     print(e)
        regions.bin: truncated or corrupted archive (16 bytes after the header, 47418 written)
        """
        return cls._wrap(_core.RegionHierarchy.from_archive(bytes(data), name))

    def __getstate__(self) -> bytes:
        return self._core.to_archive("binary")

    def __setstate__(self, state: bytes) -> None:
        self._core = _core.RegionHierarchy.from_archive(state, "pickle")

    def __repr__(self) -> str:
        levels = pd.Series([r[3] for r in self._core.regions()], dtype=object).value_counts(sort=False)
        detail = ", ".join(f"{count} {level or 'no level'}" for level, count in levels.items())
        return (
            f"<gendex.RegionHierarchy: {len(self)} regions ({detail})>"
            if len(self)
            else "<gendex.RegionHierarchy: empty>"
        )


def _hierarchy_core(hierarchy: Any) -> _core.RegionHierarchy:
    if not isinstance(hierarchy, RegionHierarchy):
        raise TypeError(f"expected a gendex.RegionHierarchy, got {type(hierarchy).__name__}")
    return hierarchy._core


def read_hdr_regions(path: PathLike, encoding: str = "auto") -> RegionHierarchy:
    """The countries and aggregates of an HDR file as a hierarchy.

    A country's parent is its UNDP developing region aggregate (e.g.
    "ZZJ.SSA") when it has one; aggregates are roots with level "aggregate".

    Parameters
    ----------
    path : str or os.PathLike
        A UNDP HDR "composite indices complete time series" file (the one
        :func:`read_hdr` reads).
    encoding : {"auto", "utf-8", "cp1252"}, default "auto"
        "auto" reads UTF-8 when the file is valid UTF-8, else cp1252.

    Returns
    -------
    RegionHierarchy
        Codes are the file's iso3 codes, names its country names.

    Raises
    ------
    InputError
        When the file cannot be read or is not an HDR file; the message names
        the file and line.

    Examples
    --------
    >>> import gendex
    >>> regions = gendex.read_hdr_regions("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> regions
    <gendex.RegionHierarchy: 206 regions (195 country, 11 aggregate)>
    >>> regions.by_code("IDN")
    Region(code='IDN', name='Indonesia', parent='ZZF.EAP', level='country')
    """
    return RegionHierarchy._wrap(_core.read_hdr_regions(os.fspath(path), encoding))


def read_regions(regions: PathLike, aliases: Optional[PathLike] = None, encoding: str = "auto") -> RegionHierarchy:
    """A hierarchy from a regions CSV and an optional aliases CSV.

    Parameters
    ----------
    regions : str or os.PathLike
        A CSV file with the columns ``code``, ``name``, ``parent`` (empty for a
        root) and ``level``.
    aliases : str or os.PathLike, optional
        A CSV file with the columns ``alias`` and ``code``: other names a region
        is written under (resolved by :meth:`RegionHierarchy.resolve`).
    encoding : {"auto", "utf-8", "cp1252"}, default "auto"
        "auto" reads UTF-8 when the file is valid UTF-8, else cp1252.

    Returns
    -------
    RegionHierarchy

    Raises
    ------
    InputError
        When a file cannot be read, a code is empty, a parent is unknown or an
        alias names an unknown code; the message names the file and the line
        or region.

    See Also
    --------
    read_indonesia_regions : the bundled hierarchy of Indonesia.

    Examples
    --------
    >>> import gendex
    >>> indonesia = gendex.read_regions("data/bps/regions.csv", "data/bps/region_aliases.csv")
    >>> indonesia
    <gendex.RegionHierarchy: 549 regions (1 indonesia, 34 provinsi, 514 kabkota)>
    >>> indonesia.resolve("kapuas")
    Region(code='6203', name='KAPUAS', parent='62', level='kabkota')
    """
    return RegionHierarchy._wrap(
        _core.read_regions(os.fspath(regions), os.fspath(aliases) if aliases else "", encoding)
    )


def read_indonesia_regions(data_dir: Optional[PathLike] = None) -> RegionHierarchy:
    """Indonesia (00) > 34 provinsi > 514 kabupaten/kota with BPS codes and their aliases.

    Parameters
    ----------
    data_dir : path, optional
        A folder holding ``bps/regions.csv`` and ``bps/region_aliases.csv`` (the repository's
        ``data/``); by default the copy installed with the package.

    Returns
    -------
    RegionHierarchy

    Raises
    ------
    InputError
        The files cannot be read (e.g. a source checkout without ``data_dir``).

    Examples
    --------
    >>> read_indonesia_regions().by_name("Kapuas").code
    '6203'
    """
    if data_dir is None:
        data_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    base = os.path.join(os.fspath(data_dir), "bps")
    return read_regions(os.path.join(base, "regions.csv"), os.path.join(base, "region_aliases.csv"))


@functools.lru_cache(maxsize=1)
def _installed_indonesia() -> Optional[RegionHierarchy]:
    try:
        return read_indonesia_regions()
    except _core.GendexError:  # a source checkout without the installed copy
        return None


def bundled_regions_for(codes: Iterable[str]) -> Optional[RegionHierarchy]:
    """The hierarchy installed with gendex (BPS's) when every one of ``codes`` is a code in it, else None.

    Examples
    --------
    >>> bundled_regions_for(["6203", "62"]).by_code("6203").name
    'KAPUAS'
    >>> bundled_regions_for(["NOR"]) is None
    True
    """
    wanted = list(codes)
    indonesia = _installed_indonesia()
    if not wanted or indonesia is None or not all(code in indonesia for code in wanted):
        return None
    return indonesia
