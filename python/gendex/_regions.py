"""Region hierarchies: :class:`Region`, :class:`RegionHierarchy` and the readers of region tables."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Any, NamedTuple, Optional

import pandas as pd

from . import _core, frames
from ._common import PathLike, public_module


@public_module("gendex")
class Region(NamedTuple):
    """One region: unique code, display name, parent code ("" for a root) and level."""

    code: str
    name: str
    parent: str
    level: str


@public_module("gendex")
class RegionHierarchy:
    """Codes, names, parents and levels of regions (world > region > country; provinsi > kabupaten/kota).

    Build from a DataFrame with columns code, name, parent, level (only code
    required) or from an iterable of dicts with those keys or of
    :class:`Region` tuples. Duplicate codes and cycles raise InputError; an
    unknown parent raises UnknownKeyError.
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
        """From a DataFrame with columns code, name, parent, level (NaN parent: a root)."""
        return cls(df)

    def to_frame(self) -> pd.DataFrame:
        """The regions as a DataFrame with columns code, name, parent, level ("" where absent)."""
        return frames.regions_frame(self._core.regions())

    @property
    def regions(self) -> list[Region]:
        """Every region, in the order given."""
        return [Region(*r) for r in self._core.regions()]

    def by_code(self, code: str) -> Region:
        """The region with this code; UnknownKeyError when there is none."""
        return Region(*self._core.by_code(code))

    def by_name(self, name: str) -> Region:
        """Look-up by name or alias, ignoring letter case, spaces and punctuation; UnknownKeyError when
        unknown or ambiguous."""
        return Region(*self._core.by_name(name))

    def resolve(self, code_or_name: str) -> Region:
        """The region with this code, else with this name or alias."""
        return Region(*self._core.resolve(code_or_name))

    def children(self, code: str) -> list[str]:
        """Codes of the immediate children of ``code``."""
        return self._core.children(code)

    def parent(self, code: str) -> Optional[str]:
        """Code of the parent of ``code``, None for a root."""
        return self._core.parent(code)

    def depth(self, code: str) -> int:
        """0 for a root, 1 for its children, and so on."""
        return self._core.depth(code)

    def add_alias(self, alias: str, code: str) -> None:
        """Make :meth:`by_name` accept another spelling ("KEP. RIAU") for ``code``."""
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
        """Write an archive file ("binary" or "text")."""
        self._core.save(os.fspath(path), format)

    @classmethod
    def load(cls, path: PathLike) -> RegionHierarchy:
        """Read an archive file written by :meth:`save`."""
        return cls._wrap(_core.RegionHierarchy.load(os.fspath(path)))

    def to_archive(self, format: str = "binary") -> bytes:
        """The archive bytes (regions and aliases)."""
        return self._core.to_archive(format)

    @classmethod
    def from_archive(cls, data: bytes, name: str = "archive") -> RegionHierarchy:
        """A hierarchy from archive bytes; ArchiveError when damaged."""
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
